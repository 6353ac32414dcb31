package io.tocsin.notify.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.Delivery;
import io.tocsin.notify.DeliveryAttempt;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.DeliveryStatus;

/** One line of the delivery log: channel, time, provider id, outcome, retries, errors. */
record DeliveryView(UUID id, String idempotencyKey, DeliveryKind kind, UUID userId, UUID contactMethodId,
        ContactMethodType channel, String destination, Subject subject, DeliveryStatus status, Instant createdAt,
        Instant notBefore, Instant claimedAt, Instant sentAt, String providerId, int attempts, int retries,
        String lastError, UUID bundleId, Integer bundleSize, List<Attempt> attemptLog) {

    record Subject(String type, String id, String key, Integer severity, String summary) {
    }

    record Attempt(int attempt, Instant startedAt, Instant finishedAt, String outcome, String providerId, String error) {
    }

    /**
     * Everyone signed in may see who was reached how and when; the address itself only its owner and
     * administrators (phone numbers and private e-mail addresses are not for the whole company).
     */
    DeliveryView forViewer() {
        var viewer = io.tocsin.identity.CurrentActor.principal();
        boolean maySee = viewer.map(p -> p.role() == io.tocsin.identity.Role.ADMIN || p.userId().equals(userId))
                .orElse(false);
        if (maySee) {
            return this;
        }
        return new DeliveryView(id, idempotencyKey, kind, userId, contactMethodId, channel, mask(destination), subject,
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
                d.destination(), d.subjectType() == null ? null
                        : new Subject(d.subjectType(), d.subjectId(), d.subjectKey(), d.severity(), d.summary()),
                d.status(), d.createdAt(), d.notBefore(), d.claimedAt(), d.sentAt(), d.providerId(), d.attempts(),
                d.retries(), d.lastError(), d.bundleId(), d.bundleSize(), attempts == null ? null
                        : attempts.stream().map(a -> new Attempt(a.attempt(), a.startedAt(), a.finishedAt(),
                                a.outcome(), a.providerId(), a.error())).toList());
    }
}
