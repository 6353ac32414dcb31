package io.tocsin.alerts.internal;

/**
 * What {@link IncidentLinker} did with a new alert: the decision it carried out and the incident it joined or
 * opened ({@code incidentKey}, null when none). The alert's history records it once the alert is saved.
 */
record LinkOutcome(IncidentDecision decision, String incidentKey) {

    AlertHistoryKind historyKind() {
        return switch (decision.kind()) {
            case SUPPRESSED -> AlertHistoryKind.SUPPRESSED;
            case ATTACH -> AlertHistoryKind.ATTACHED;
            case OPEN -> AlertHistoryKind.INCIDENT_OPENED;
            case ALERT_ONLY -> AlertHistoryKind.KEPT_AS_ALERT;
        };
    }

    /** The reason in words, for the history entry. */
    String historyMessage() {
        var d = decision;
        return switch (d.reason()) {
            case MAINTENANCE -> "inside a maintenance window: no incident, no page";
            case OPEN_INCIDENT -> "joined open incident " + incidentKey;
            case CRITICAL -> "opened incident " + incidentKey + " at severity " + d.incidentSeverity()
                    + " (critical alert)";
            case THRESHOLD_CROSSED -> "opened incident " + incidentKey + " at severity " + d.incidentSeverity() + " ("
                    + d.recentAlerts() + " alerts within " + d.thresholdMinutes() + " minutes)";
            case CRITICAL_DOES_NOT_OPEN -> "critical alerts do not open incidents on this service";
            case BELOW_THRESHOLD -> "below the threshold of " + d.thresholdCount() + " alerts in "
                    + d.thresholdMinutes() + " minutes";
            case THRESHOLD_OFF -> "the service opens incidents only for critical alerts (threshold off)";
        };
    }
}
