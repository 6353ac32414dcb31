package io.tocsin.alerts.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * A way into one service for one tool, with its own secret key (stored hashed). {@code severity} is the
 * integration's own severity mapping; {@code signatureHeader} and {@code timestampHeader} name Grafana's HMAC
 * headers when the user chose other names than the defaults (null: the defaults).
 */
public record Integration(UUID id, UUID serviceId, String name, IntegrationKind kind, String keyHint,
        String signingSecret, Integer rateLimitPerMinute, SeverityOverrides severity, String signatureHeader,
        String timestampHeader, Instant createdAt, Instant keyRotatedAt, long version) {
}
