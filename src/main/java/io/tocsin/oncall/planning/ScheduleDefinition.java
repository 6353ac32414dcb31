package io.tocsin.oncall.planning;

import java.util.List;

/** Everything the planner needs: layers from lowest to highest priority and overrides from oldest to newest. */
public record ScheduleDefinition(List<Rotation> layers, List<OverrideSpec> overrides) {

    public ScheduleDefinition {
        layers = List.copyOf(layers);
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }
}
