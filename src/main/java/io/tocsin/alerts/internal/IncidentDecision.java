package io.tocsin.alerts.internal;

import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;

/**
 * What a new alert does to incidents, and why. A pure calculation over the service's rule and the facts at the
 * moment the alert arrives; {@link IncidentLinker} carries it out and writes the reason on the timeline and in the
 * alert's history. {@code incidentId} is the incident joined, {@code incidentSeverity} the one to open at; the
 * threshold figures say what crossed (or did not cross) the service's threshold.
 */
public record IncidentDecision(Reason reason, UUID incidentId, int incidentSeverity, long recentAlerts,
        int thresholdCount, int thresholdMinutes) {

    /** What happens to the alert. */
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

    /** Why; each reason belongs to exactly one kind. */
    public enum Reason {
        MAINTENANCE(Kind.SUPPRESSED),
        OPEN_INCIDENT(Kind.ATTACH),
        CRITICAL(Kind.OPEN),
        THRESHOLD_CROSSED(Kind.OPEN),
        /** A critical alert on a service whose rule opens no incident for critical alerts. */
        CRITICAL_DOES_NOT_OPEN(Kind.ALERT_ONLY),
        BELOW_THRESHOLD(Kind.ALERT_ONLY),
        /** Below critical on a service whose threshold is off: only a person opens an incident. */
        THRESHOLD_OFF(Kind.ALERT_ONLY);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    public Kind kind() {
        return reason.kind();
    }

    /** The facts: the rule, the alert's severity, maintenance, the service's open incident, recent alert count. */
    public static IncidentDecision decide(AlertRule rule, AlertSeverity severity, boolean inMaintenance,
            UUID openIncidentId, long recentAlerts) {
        if (inMaintenance) {
            return of(Reason.MAINTENANCE, null, 0, rule, recentAlerts);
        }
        if (openIncidentId != null && rule.attachToOpenIncident()) {
            return of(Reason.OPEN_INCIDENT, openIncidentId, 0, rule, recentAlerts);
        }
        if (severity == AlertSeverity.CRITICAL && rule.openOnCritical()) {
            return of(Reason.CRITICAL, null, rule.criticalIncidentSeverity(), rule, recentAlerts);
        }
        if (rule.thresholdCount() > 0 && recentAlerts >= rule.thresholdCount()) {
            return of(Reason.THRESHOLD_CROSSED, null, rule.thresholdIncidentSeverity(), rule, recentAlerts);
        }
        if (severity == AlertSeverity.CRITICAL) {
            return of(Reason.CRITICAL_DOES_NOT_OPEN, null, 0, rule, recentAlerts);
        }
        return of(rule.thresholdCount() > 0 ? Reason.BELOW_THRESHOLD : Reason.THRESHOLD_OFF, null, 0, rule,
                recentAlerts);
    }

    private static IncidentDecision of(Reason reason, UUID incidentId, int severity, AlertRule rule, long recent) {
        return new IncidentDecision(reason, incidentId, severity, recent, rule.thresholdCount(),
                rule.thresholdMinutes());
    }
}
