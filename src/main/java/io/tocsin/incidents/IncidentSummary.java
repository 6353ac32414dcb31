package io.tocsin.incidents;

import java.time.Instant;
import java.util.UUID;

/** One row of an incident list: what a dashboard needs without loading each aggregate. */
public record IncidentSummary(UUID id, String key, String summary, int severity, IncidentStatus status,
        Priority priority, UUID serviceId, UUID incidentManagerId, Instant declaredAt, Instant updatedAt,
        Instant impactStartedAt, Instant detectedAt, Instant resolvedAt) {

    public boolean major() {
        return severity <= 2;
    }

    public IncidentTimes times() {
        return new IncidentTimes(impactStartedAt, detectedAt, resolvedAt, declaredAt);
    }
}
