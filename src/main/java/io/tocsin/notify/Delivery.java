package io.tocsin.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery as the log shows it: channel, time, provider id, outcome, retries and the last error. A mail to an
 * address ({@link MailRequest}) has no user or contact method, and its subject line as {@code title}.
 */
public record Delivery(UUID id, String idempotencyKey, DeliveryKind kind, UUID userId, UUID contactMethodId,
        ContactMethodType channel, String destination, SubjectType subjectType, String subjectId, String subjectKey,
        Integer severity, String summary, String title, DeliveryStatus status, Instant notBefore, Instant createdAt,
        Instant claimedAt, Instant sentAt, String providerId, int attempts, String lastError, UUID bundleId,
        Integer bundleSize, Integer replyRef) {

    /** Retries are the attempts after the first. */
    public int retries() {
        return Math.max(0, attempts - 1);
    }
}
