package io.tocsin.comms;

import java.time.Instant;
import java.util.UUID;

/** What comms tells other modules (chat integrations, the lead's live pages). */
public final class CommsEvents {

    private CommsEvents() {
    }

    /** The generated room topic changed (R17): chat tools set it as the channel topic. */
    public record RoomTopicChanged(UUID incidentId, String key, String room, String topic, Instant at) {
    }

    /** An update was posted (R23). */
    public record UpdatePosted(UUID incidentId, String key, UUID updateId, UpdateAudience audience, UpdateKind kind,
            Instant at) {
    }
}
