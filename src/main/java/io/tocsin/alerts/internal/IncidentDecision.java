package io.tocsin.alerts.internal;

import java.util.List;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;

/**
 * What a new alert does to incidents, and why. A pure calculation over the service's rule and the facts at the
 * moment the alert arrives; {@link IncidentLinker} carries it out and writes the reason on the timeline.
 */
public record IncidentDecision(Kind kind, UUID incidentId, int incidentSeverity, String reason, List<String> args) {

    public enum Kind {
        /** Inside a maintenance window: recorded and marked, no incident, no page. */
        SUPPRESSED,
        /** The service already has an open incident: the alert joins it. */
        ATTACH,
        /** Open a new incident at {@code incidentSeverity}. */
        OPEN,
        /** Stays an alert until a person promotes it or the threshold is crossed. */
        ALERT_ONLY
    }

    /** The facts: the rule, the alert's severity, maintenance, the service's open incident, recent alert count. */
    public static IncidentDecision decide(AlertRule rule, AlertSeverity severity, boolean inMaintenance,
            UUID openIncidentId, long recentAlerts) {
        if (inMaintenance) {
            return new IncidentDecision(Kind.SUPPRESSED, null, 0, "maintenance", List.of());
        }
        if (openIncidentId != null && rule.attachToOpenIncident()) {
            return new IncidentDecision(Kind.ATTACH, openIncidentId, 0, "open-incident", List.of());
        }
        if (severity == AlertSeverity.CRITICAL && rule.openOnCritical()) {
            return new IncidentDecision(Kind.OPEN, null, rule.criticalIncidentSeverity(), "critical", List.of());
        }
        if (rule.thresholdCount() > 0 && recentAlerts >= rule.thresholdCount()) {
            return new IncidentDecision(Kind.OPEN, null, rule.thresholdIncidentSeverity(), "threshold",
                    List.of(String.valueOf(recentAlerts), String.valueOf(rule.thresholdMinutes())));
        }
        return new IncidentDecision(Kind.ALERT_ONLY, null, 0, "below-threshold", List.of());
    }
}
