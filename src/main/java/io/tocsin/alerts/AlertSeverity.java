package io.tocsin.alerts;

/** Tocsin's alert severity, the PagerDuty scale every source is mapped onto. */
public enum AlertSeverity {
    CRITICAL, ERROR, WARNING, INFO
}
