package io.tocsin.alerts.internal;

import java.util.Map;
import java.util.UUID;

/**
 * How one service turns alerts into incidents. {@code thresholdCount} 0 switches the threshold off.
 * {@code severityMap} maps a source's own severity words (lower case: {@code p1}, {@code sev2}, {@code disaster})
 * to Tocsin's; the built-in mapping covers the common ones. {@code dedupScope} says whether a dedup key belongs to
 * the integration it came through or to the whole service (issue 10).
 */
public record AlertRule(UUID serviceId, boolean openOnCritical, int criticalIncidentSeverity, int thresholdCount,
        int thresholdMinutes, int thresholdIncidentSeverity, boolean attachToOpenIncident,
        boolean resolveIncidentWithAlerts, Map<String, io.tocsin.alerts.AlertSeverity> severityMap,
        DedupScope dedupScope, long version) {

    public static AlertRule defaults(UUID serviceId) {
        return new AlertRule(serviceId, true, 2, 5, 10, 3, true, false, Map.of(), DedupScope.INTEGRATION, 0);
    }
}
