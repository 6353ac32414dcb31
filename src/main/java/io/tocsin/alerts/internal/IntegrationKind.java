package io.tocsin.alerts.internal;

/** The wire format an integration speaks; each has its own ingest endpoint (e-mail: the polled mailbox). */
public enum IntegrationKind {
    PAGERDUTY("pagerduty"), ALERTMANAGER("alertmanager"), OPSGENIE("opsgenie"), GRAFANA("grafana"),
    WEBHOOK("webhook"), EMAIL("email");

    private final String origin;

    IntegrationKind(String origin) {
        this.origin = origin;
    }

    /** The {@code origin} stored on alerts and the incident source suffix ({@code alert:pagerduty}). */
    public String origin() {
        return origin;
    }
}
