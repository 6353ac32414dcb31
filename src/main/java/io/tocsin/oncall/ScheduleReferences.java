package io.tocsin.oncall;

import java.util.List;
import java.util.UUID;

/**
 * Other modules that point at schedules say so here, so that a schedule still in use cannot be deleted (an
 * escalation policy whose target vanished would page nobody). Implementations answer quickly from their own data.
 */
public interface ScheduleReferences {

    /** What refers to the schedule, as names a person recognises (e.g. {@code "Checkout primary"}); empty if nothing. */
    List<String> referencesTo(UUID scheduleId);

    /** What kind of thing {@link #referencesTo} names, for the message (e.g. {@code "escalation policies"}). */
    String kind();
}
