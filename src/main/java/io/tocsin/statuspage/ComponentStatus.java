package io.tocsin.statuspage;

import java.util.Arrays;
import java.util.Locale;

/** The five component states of Atlassian Statuspage, worst last but one (maintenance is its own kind). */
public enum ComponentStatus {
    OPERATIONAL(0), UNDER_MAINTENANCE(1), DEGRADED_PERFORMANCE(2), PARTIAL_OUTAGE(3), MAJOR_OUTAGE(4);

    private final int weight;

    ComponentStatus(int weight) {
        this.weight = weight;
    }

    /** How bad it is: the worse of two states has the higher weight. */
    public int weight() {
        return weight;
    }

    /** The Statuspage wire value, e.g. {@code partial_outage}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ComponentStatus fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value) || s.name().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component status " + value));
    }

    public static ComponentStatus worse(ComponentStatus a, ComponentStatus b) {
        return a.weight >= b.weight ? a : b;
    }
}
