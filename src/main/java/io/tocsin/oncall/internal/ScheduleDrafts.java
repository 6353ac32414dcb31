package io.tocsin.oncall.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What people send to create or change schedules; checked by {@link Schedules} before anything is stored. */
public final class ScheduleDrafts {

    private ScheduleDrafts() {
    }

    public record ScheduleDraft(UUID teamId, String name, String description, String timeZone,
            List<LayerDraft> layers) {
    }

    /**
     * {@code timeZone} defaults to the schedule's; {@code handoffTime} to the local time of {@code startsAt};
     * {@code handoffDay} (1-31, monthly rotations only) to the day of the month of {@code startsAt}.
     */
    public record LayerDraft(UUID id, String name, String timeZone, List<UUID> participants,
            ShiftLengthDraft shiftLength, Instant startsAt, String handoffTime, Integer handoffDay,
            List<RestrictionDraft> restrictions) {
    }

    /** {@code unit}: HOURS (any number of hours is the custom length), DAYS, WEEKS or MONTHS (calendar months). */
    public record ShiftLengthDraft(Integer amount, String unit) {
    }

    /** {@code days}: MONDAY..SUNDAY or MON..SUN, empty for every day; times as HH:mm. */
    public record RestrictionDraft(List<String> days, String from, String to) {
    }
}
