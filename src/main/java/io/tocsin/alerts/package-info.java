/**
 * Alerts (R4, R14): technical signals from the tools teams already run (PagerDuty Events v2, Alertmanager,
 * Opsgenie, Grafana, a generic webhook, heartbeats), deduplicated per integration key, routed to their service,
 * and opening or joining incidents by per-service rules. Other modules react to {@link io.tocsin.alerts.AlertEvents}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts")
package io.tocsin.alerts;
