package io.tocsin.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.tocsin.shared.InvalidInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** TTD and TTR per incident for a period, and their distributions (R26). */
@Component
@Transactional(readOnly = true)
public class IncidentMetrics {

    private final Incidents incidents;

    IncidentMetrics(Incidents incidents) {
        this.incidents = incidents;
    }

    public record Row(UUID id, String key, String summary, int severity, IncidentStatus status, UUID serviceId,
            Instant impactStartedAt, Instant detectedAt, Instant resolvedAt, Duration timeToDetect,
            Duration timeToRecover) {
    }

    public record Report(Instant from, Instant to, List<Row> incidents, DurationStats timeToDetect,
            DurationStats timeToRecover) {
    }

    /** Incidents declared in [from, to), optionally of some severities or one service. */
    public Report report(Instant from, Instant to, Set<Integer> severities, UUID serviceId) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInputException("to", "the period must end after it starts");
        }
        var rows = incidents.list(new IncidentFilter(Set.of(), severities, serviceId, null, from, to, 1000, 0))
                .stream()
                .map(s -> new Row(s.id(), s.key(), s.summary(), s.severity(), s.status(), s.serviceId(),
                        s.impactStartedAt(), s.detectedAt(), s.resolvedAt(), s.times().timeToDetect().orElse(null),
                        s.times().timeToRecover().orElse(null)))
                .sorted(java.util.Comparator.comparing(Row::impactStartedAt,
                        java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .toList();
        return new Report(from, to, rows,
                DurationStats.of(rows.stream().map(Row::timeToDetect).flatMap(d -> Optional.ofNullable(d).stream()).toList()),
                DurationStats.of(rows.stream().map(Row::timeToRecover).flatMap(d -> Optional.ofNullable(d).stream()).toList()));
    }
}
