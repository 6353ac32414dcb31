package io.tocsin.notify;

import java.time.Instant;
import java.util.UUID;

/** One provider call of a delivery and what came of it. */
public record DeliveryAttempt(UUID deliveryId, int attempt, Instant startedAt, Instant finishedAt, String outcome,
        String providerId, String error) {
}
