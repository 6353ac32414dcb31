package io.tocsin.alerts.internal;

import java.time.Instant;

import io.tocsin.alerts.AlertSeverity;

/**
 * One trigger as any source sends it, already normalised by its format (see {@code alerts.internal.format}) and
 * reduced to what Tocsin keeps: every text fits its column. {@code details} and {@code links} are JSON text;
 * {@code occurredAt} is the source's own time when it gave one. {@code severity} is what the integration's own
 * mapping decided ({@link SeverityOverrides}); null leaves it to the service's rules and the built-in words.
 */
public record Signal(String origin, String dedupKey, String summary, String source, String sourceSeverity,
        AlertSeverity severity, String details, String links, Instant occurredAt) {

    /** A signal whose severity follows the service's rules and the built-in words. */
    public Signal(String origin, String dedupKey, String summary, String source, String sourceSeverity,
            String details, String links, Instant occurredAt) {
        this(origin, dedupKey, summary, source, sourceSeverity, null, details, links, occurredAt);
    }
}
