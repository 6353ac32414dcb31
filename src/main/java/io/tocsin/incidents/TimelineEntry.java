package io.tocsin.incidents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One line of an incident's timeline (R19). Entries are never changed or deleted: a correction is a new entry
 * that names the entry it corrects. {@code occurredAt} is when it happened, {@code recordedAt} when it was written.
 * System entries carry an {@code event} code and its typed {@code args}; their text is rendered in the reader's
 * language and time zone.
 */
public record TimelineEntry(long id, UUID incidentId, Instant occurredAt, Instant recordedAt, UUID actorId,
        String actorName, TimelineEntryKind kind, String event, List<TimelineArg> args, String body, String outcome,
        String rollbackPlan, Long correctsEntryId) {
}
