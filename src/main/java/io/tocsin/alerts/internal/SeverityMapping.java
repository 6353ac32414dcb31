package io.tocsin.alerts.internal;

import java.util.Locale;
import java.util.Map;

import io.tocsin.alerts.AlertSeverity;

/**
 * Maps what a source calls severity (PagerDuty words, Opsgenie P1..P5, Alertmanager {@code severity} labels,
 * Zabbix-style words) onto Tocsin's four levels; a service's own map wins. Unknown or missing words become ERROR,
 * as Alertmanager's PagerDuty integration defaults to {@code error}.
 */
public final class SeverityMapping {

    private static final Map<String, AlertSeverity> BUILT_IN = Map.ofEntries(
            Map.entry("critical", AlertSeverity.CRITICAL), Map.entry("crit", AlertSeverity.CRITICAL),
            Map.entry("fatal", AlertSeverity.CRITICAL), Map.entry("emergency", AlertSeverity.CRITICAL),
            Map.entry("disaster", AlertSeverity.CRITICAL), Map.entry("page", AlertSeverity.CRITICAL),
            Map.entry("p1", AlertSeverity.CRITICAL), Map.entry("sev1", AlertSeverity.CRITICAL),
            Map.entry("error", AlertSeverity.ERROR), Map.entry("err", AlertSeverity.ERROR),
            Map.entry("high", AlertSeverity.ERROR), Map.entry("major", AlertSeverity.ERROR),
            Map.entry("p2", AlertSeverity.ERROR), Map.entry("sev2", AlertSeverity.ERROR),
            Map.entry("warning", AlertSeverity.WARNING), Map.entry("warn", AlertSeverity.WARNING),
            Map.entry("average", AlertSeverity.WARNING), Map.entry("medium", AlertSeverity.WARNING),
            Map.entry("minor", AlertSeverity.WARNING), Map.entry("p3", AlertSeverity.WARNING),
            Map.entry("sev3", AlertSeverity.WARNING),
            Map.entry("info", AlertSeverity.INFO), Map.entry("informational", AlertSeverity.INFO),
            Map.entry("information", AlertSeverity.INFO), Map.entry("low", AlertSeverity.INFO),
            Map.entry("notice", AlertSeverity.INFO), Map.entry("debug", AlertSeverity.INFO),
            Map.entry("none", AlertSeverity.INFO), Map.entry("p4", AlertSeverity.INFO),
            Map.entry("p5", AlertSeverity.INFO), Map.entry("sev4", AlertSeverity.INFO));

    private SeverityMapping() {
    }

    public static AlertSeverity map(String sourceSeverity, Map<String, AlertSeverity> serviceMap) {
        if (sourceSeverity == null || sourceSeverity.isBlank()) {
            return AlertSeverity.ERROR;
        }
        String word = sourceSeverity.strip().toLowerCase(Locale.ROOT);
        if (serviceMap != null && serviceMap.containsKey(word)) {
            return serviceMap.get(word);
        }
        return BUILT_IN.getOrDefault(word, AlertSeverity.ERROR);
    }
}
