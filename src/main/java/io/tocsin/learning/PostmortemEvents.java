package io.tocsin.learning;

import java.time.Instant;
import java.util.UUID;

/** The domain events of the postmortem aggregate. */
public final class PostmortemEvents {

    private PostmortemEvents() {
    }

    public record Drafted(UUID postmortemId, UUID incidentId, String incidentKey, UUID ownerId, java.time.LocalDate dueOn,
            Instant at) {
    }

    public record ReviewRequested(UUID postmortemId, UUID incidentId, String incidentKey, Instant at) {
    }

    public record Reviewed(UUID postmortemId, UUID incidentId, String incidentKey, UUID reviewerId,
            ReviewDecision decision, Instant at) {
    }

    public record Published(UUID postmortemId, UUID incidentId, String incidentKey, int revision, Instant at) {
    }

    public record Revised(UUID postmortemId, UUID incidentId, String incidentKey, int revision, Instant at) {
    }

    public record MeetingScheduled(UUID postmortemId, UUID incidentId, String incidentKey, Instant meetingAt,
            int minutes, int sequence, Instant at) {
    }
}
