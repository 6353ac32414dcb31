package io.tocsin.importer.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.tocsin.oncall.ScheduleImport;

/**
 * A source schedule in Tocsin's terms: layers (lowest priority first) and the overrides still to come. The team is
 * the source's owning team, if it names one.
 */
public record MappedSchedule(String sourceId, String name, String description, ZoneId zone, String teamSourceId,
        String teamName, List<ScheduleImport.Layer> layers, List<Override> overrides, Fidelity fidelity,
        List<String> reasons) {

    public MappedSchedule {
        layers = List.copyOf(layers);
        overrides = List.copyOf(overrides);
        reasons = List.copyOf(reasons);
    }

    /** A source override in Tocsin's terms. */
    public record Override(String sourceId, UUID userId, Instant start, Instant end) {
    }
}
