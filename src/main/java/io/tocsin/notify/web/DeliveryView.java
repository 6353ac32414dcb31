package io.tocsin.notify.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.Delivery;
import io.tocsin.notify.DeliveryAttempt;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.DeliveryStatus;

/**
 * One line of the delivery log: channel, time, provider id, outcome, retries, errors; for a mail to an address its
 * subject line as {@code title} (no user, no contact method).
 */
record DeliveryView(UUID id, String idempotencyKey, DeliveryKind kind, UUID userId, UUID contactMethodId,
        ContactMethodType channel, String destination, String title, Subject subject, DeliveryStatus status, Instant createdAt,
        Instant notBefore, Instant claimedAt, Instant sentAt, String providerId, int attempts, int retries,
        String lastError, UUID bundleId, Integer bundleSize, List<Attempt> attemptLog) {

    record Subject(String type, String id, String key, Integer severity, String summary) {
    }

    record Attempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, String providerId, String error) {
    }

    /**
     * Everyone signed in may see who was reached how and when; the address itself only its owner and
     * administrators (phone numbers and private e-mail addresses are not for the whole company). A mail to an
     * address has no owner among the users, so only administrators see where it went.
     */
    DeliveryView forViewer() {
        var viewer = io.tocsin.identity.CurrentActor.principal();
        boolean maySee = viewer.map(p -> p.role() == io.tocsin.identity.Role.ADMIN
                || (userId != null && p.userId().equals(userId))).orElse(false);
        if (maySee) {
            return this;
        }
        // A mail's key ends in its address (mail:<what>:<address>).
        String key = kind.mail() && idempotencyKey.contains(":") ? idempotencyKey.substring(0,
                idempotencyKey.lastIndexOf(':') + 1) + mask(idempotencyKey.substring(idempotencyKey.lastIndexOf(':') + 1))
                : idempotencyKey;
        return new DeliveryView(id, key, kind, userId, contactMethodId, channel, mask(destination), title, subject,
                status, createdAt, notBefore, claimedAt, sentAt, providerId, attempts, retries, lastError, bundleId,
                bundleSize, attemptLog);
    }

    static String mask(String destination) {
        if (destination == null || destination.length() < 6) {
            return "***";
        }
        return destination.substring(0, 3) + "***" + destination.substring(destination.length() - 2);
    }

    static DeliveryView of(Delivery d, List<DeliveryAttempt> attempts) {
        return new DeliveryView(d.id(), d.idempotencyKey(), d.kind(), d.userId(), d.contactMethodId(), d.channel(),
                d.destination(), d.title(), d.subjectType() == null ? null
                        : new Subject(d.subjectType().code(), d.subjectId(), d.subjectKey(), d.severity(), d.summary()),
                d.status(), d.createdAt(), d.notBefore(), d.claimedAt(), d.sentAt(), d.providerId(), d.attempts(),
                d.retries(), d.lastError(), d.bundleId(), d.bundleSize(), attempts == null ? null
                        : attempts.stream().map(a -> new Attempt(a.attempt(), a.startedAt(), a.finishedAt(),
                                a.outcome(), a.providerId(), a.error())).toList());
    }
}
