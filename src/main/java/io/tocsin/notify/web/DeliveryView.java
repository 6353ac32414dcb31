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
