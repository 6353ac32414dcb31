package io.tocsin.notify.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Delivery receipts of sent SMS (issue 19): the provider's word on whether the message reached the handset, kept
 * on the delivery it belongs to (found by the provider's message id). Statuses outside the provider's documented set
 * are stored as {@code unknown}.
 */
@Component
public class DeliveryReceipts {

    /** Vonage's DLR statuses. */
    static final Set<String> VONAGE_STATUSES = Set.of("delivered", "expired", "failed", "rejected", "accepted",
            "buffered", "unknown");

    private final JdbcClient jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;

    DeliveryReceipts(JdbcClient jdbc, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Records a Vonage receipt; whether a delivery of ours had that message id. */
    @org.springframework.transaction.annotation.Transactional
    public boolean vonage(String messageId, String status, String errorCode, Instant at) {
        if (messageId == null || messageId.isBlank() || messageId.length() > 100) {
            return false;
        }
        String s = status == null ? "unknown" : status.strip().toLowerCase(Locale.ROOT);
        // err-code 0 is Vonage's "no error".
        String error = errorCode == null || errorCode.isBlank() || "0".equals(errorCode.strip()) ? null
                : errorCode.strip().substring(0, Math.min(20, errorCode.strip().length()));
        String providerId = "vonage:" + messageId.strip();
        boolean found = jdbc.sql("update notify_delivery set receipt_status = ?, receipt_error = ?, receipt_at = ?"
                        + " where provider_id = ?")
                .params(VONAGE_STATUSES.contains(s) ? s : "unknown", error, Timestamp.from(at), providerId)
                .update() > 0;
        if (found && ("delivered".equals(s) || "failed".equals(s) || "rejected".equals(s) || "expired".equals(s))) {
            jdbc.sql("select id from notify_delivery where provider_id = ?").param(providerId)
                    .query(java.util.UUID.class).list()
                    .forEach(id -> events.publishEvent(new io.tocsin.notify.DeliveryEvents.ReceiptRecorded(id,
                            "delivered".equals(s), at)));
        }
        return found;
    }
}
