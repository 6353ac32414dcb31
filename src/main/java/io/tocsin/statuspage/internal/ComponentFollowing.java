package io.tocsin.statuspage.internal;

import java.util.Collection;
import java.util.Map;

import io.tocsin.statuspage.ComponentStatus;

/**
 * The state a component takes from its services' open incidents (issue 11 point 2), a pure decision: the worst
 * state the severities map to (by default 1 major outage, 2 partial outage, 3 degraded performance), operational
 * when none is open.
 */
public final class ComponentFollowing {

    public static final Map<Integer, ComponentStatus> DEFAULT = Map.of(1, ComponentStatus.MAJOR_OUTAGE,
            2, ComponentStatus.PARTIAL_OUTAGE, 3, ComponentStatus.DEGRADED_PERFORMANCE);

    private ComponentFollowing() {
    }

    public static ComponentStatus stateFor(Collection<Integer> openSeverities, Map<Integer, ComponentStatus> mapping) {
        var state = ComponentStatus.OPERATIONAL;
        for (int severity : openSeverities) {
            state = ComponentStatus.worse(state, mapping.getOrDefault(severity, ComponentStatus.DEGRADED_PERFORMANCE));
        }
        return state;
    }
}
