package io.tocsin.alerts.internal;

import java.time.Instant;
import java.util.UUID;

/** A way into one service for one tool, with its own secret key (stored hashed). */
public record Integration(UUID id, UUID serviceId, String name, IntegrationKind kind, String keyHint,
        String signingSecret, Integer rateLimitPerMinute, Instant createdAt, Instant keyRotatedAt, long version) {
}
