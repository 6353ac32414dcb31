package io.tocsin.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;

import io.tocsin.incidents.Priority;

/**
 * What a report covers: incidents declared (pages sent, shifts worked, items created) in [from, to), optionally
 * of one team (the owning team of the service, or the schedule's team for shifts), one service, some severities
 * and some priorities. Weeks are counted in {@code zone}. Empty sets mean "any".
 */
public record ReportQuery(Instant from, Instant to, UUID teamId, UUID serviceId, Set<Integer> severities,
        Set<Priority> priorities, ZoneId zone) {

    public ReportQuery {
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        zone = zone == null ? ZoneId.of("UTC") : zone;
    }

    /** Whether any incident attribute (severity, priority) narrows the report. */
    public boolean filtersIncidentAttributes() {
        return !severities.isEmpty() || !priorities.isEmpty();
    }
}
