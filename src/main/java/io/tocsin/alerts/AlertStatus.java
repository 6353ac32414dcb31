package io.tocsin.alerts;

/** Where an alert stands: triggered (pages), acknowledged (someone is on it, repeats page nobody), resolved. */
public enum AlertStatus {
    TRIGGERED, ACKNOWLEDGED, RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }
}
