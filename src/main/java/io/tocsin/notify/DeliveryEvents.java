package io.tocsin.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * What happens to a delivery to a person, for modules that count (reports, issue 16): queued, then sent or failed
 * for good, and the provider's receipt where the channel has one. Answers are {@link NotificationAnswered}.
 */
public final class DeliveryEvents {

    private DeliveryEvents() {
    }

    /** A delivery to a person's contact method was queued (published once, by the node that inserted it). */
    public record Queued(UUID deliveryId, DeliveryKind kind, UUID userId, ContactMethodType channel,
            SubjectType subjectType, String subjectId, Instant at) {
    }

    /** It went out ({@code SENT}, also for pages that went out inside a bundle) or failed for good ({@code FAILED}). */
    public record Finished(UUID deliveryId, DeliveryStatus status, Instant at) {
    }

    /** The provider's receipt: whether the message reached the handset. */
    public record ReceiptRecorded(UUID deliveryId, boolean delivered, Instant at) {
    }

    /**
     * A signed HTTP body ({@link io.tocsin.notify.SignedHttpRequest}) went out ({@code SENT}) or failed for good
     * ({@code FAILED}), with the queuing module's idempotency key so it can tell which of its recipients it was;
     * {@code httpStatus} is the last answer's status (null: none, e.g. a refused target or a timeout).
     */
    public record HttpFinished(UUID deliveryId, String idempotencyKey, DeliveryStatus status, Integer httpStatus,
            String error, Instant at) {
    }
}
