package io.tocsin.alerts;

import java.time.Instant;
import java.util.UUID;

/**
 * What the alerts module tells the rest of Tocsin. The escalation module pages from these: an alert
 * {@code pages} only when it is new, triggered and not inside a maintenance window.
 */
public final class AlertEvents {

    private AlertEvents() {
    }

    /** A new alert was opened (a repeat of an open alert is not a new alert and publishes nothing). */
    public record AlertTriggered(UUID alertId, UUID serviceId, UUID integrationId, String dedupKey,
            AlertSeverity severity, String summary, String origin, boolean pages, boolean inMaintenance,
            UUID incidentId, Instant at) {
    }

    public record AlertAcknowledged(UUID alertId, UUID serviceId, String dedupKey, String by, Instant at) {
    }

    public record AlertResolved(UUID alertId, UUID serviceId, String dedupKey, UUID incidentId, String by,
            Instant at) {
    }

    /** An alert joined an incident, automatically or because a person promoted it. */
    public record AlertLinkedToIncident(UUID alertId, UUID serviceId, UUID incidentId, String incidentKey,
            Instant at) {
    }
}
