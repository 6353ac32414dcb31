package io.tocsin.statuspage;

import java.util.Arrays;
import java.util.Locale;

/**
 * The statuses of a public incident and of a scheduled maintenance, as Statuspage names them. Incidents use the
 * first four, maintenances the last four; {@code resolved} and {@code completed} end them.
 */
public enum PublicIncidentStatus {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, SCHEDULED, IN_PROGRESS, VERIFYING, COMPLETED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean maintenance() {
        return ordinal() >= SCHEDULED.ordinal();
    }

    public boolean ends() {
        return this == RESOLVED || this == COMPLETED;
    }

    public static PublicIncidentStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value) || s.name().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown status " + value));
    }
}
