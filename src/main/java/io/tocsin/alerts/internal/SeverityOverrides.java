package io.tocsin.alerts.internal;

import java.util.Locale;
import java.util.Map;

import io.tocsin.alerts.AlertSeverity;

/**
 * One integration's own severity mapping (issue 10): what a source's severity word, priority or label value
 * means for this integration, and what a missing one means. Alertmanager's default {@code pagerduty_configs}
 * sends {@code severity: error} for everything and {@code opsgenie_configs} sends no priority, so without this a
 * critical alert migrated from them opens no incident. It decides before the service's map and the built-in
 * words; {@link #decide} answers null when this integration has no opinion.
 */
public record SeverityOverrides(Map<String, AlertSeverity> words, AlertSeverity whenMissing) {

    public static final SeverityOverrides NONE = new SeverityOverrides(Map.of(), null);

    public SeverityOverrides {
        words = words == null ? Map.of() : Map.copyOf(words);
    }

    public AlertSeverity decide(String sourceSeverity) {
        if (sourceSeverity == null || sourceSeverity.isBlank()) {
            return whenMissing;
        }
        return words.isEmpty() ? null : words.get(sourceSeverity.strip().toLowerCase(Locale.ROOT));
    }

    public boolean isEmpty() {
        return words.isEmpty() && whenMissing == null;
    }
}
