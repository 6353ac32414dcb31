package io.tocsin.alerts.internal;

import java.time.Instant;

/**
 * One trigger as any source sends it, already validated and reduced to what Tocsin keeps. {@code details} and
 * {@code links} are JSON text; {@code occurredAt} is the source's own time when it gave one.
 */
public record Signal(String origin, String dedupKey, String summary, String source, String sourceSeverity,
        String details, String links, Instant occurredAt) {
}
