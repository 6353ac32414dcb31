package io.tocsin.sla;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.incidents.Priority;
import io.tocsin.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * SLA compliance (issue 16 point 3, R30) for the reports: of the incidents declared in a period, per priority,
 * service and metric, how many met their target and how many breached it, and which breached. Read from the
 * clocks the watch keeps ({@code sla_clock}), never from timelines. A clock still running counts once it has
 * breached; until then it is {@code open} and in neither count.
 */
@Component
@Transactional(readOnly = true)
public class SlaCompliance {

    /** Incidents declared in [from, to); every other field is optional (null: all). */
    @Schema(name = "SlaComplianceFilter")
    public record Filter(Instant from, Instant to, UUID teamId, UUID serviceId, Integer severity, Priority priority) {
    }

    /** Met and breached per priority, service and metric; {@code percentage} of the decided ones met, null if none. */
    @Schema(name = "SlaComplianceRow")
    public record Row(Priority priority, UUID serviceId, String serviceName, SlaMetric metric, int met, int breached,
            int open, Double percentage) {
    }

    /** A breached clock. {@code elapsed} is the counted time at the stop, or up to now while it still runs. */
    @Schema(name = "SlaBreach")
    public record Breach(UUID incidentId, String incidentKey, Priority priority, int severity, UUID serviceId,
            String serviceName, SlaMetric metric, Duration target, Instant startedAt, Instant breachedAt,
            Duration elapsed) {
    }

    @Schema(name = "SlaComplianceReport")
    public record Report(Instant from, Instant to, List<Row> rows, List<Breach> breaches) {
    }

    private final JdbcClient jdbc;
    private final Catalog catalog;

    SlaCompliance(JdbcClient jdbc, Catalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public Report compute(Filter f) {
        return compute(f.from(), f.to(), f.teamId(), f.serviceId(),
                f.severity() == null ? Set.of() : Set.of(f.severity()),
                f.priority() == null ? Set.of() : Set.of(f.priority()));
    }

    /** The same for several severities and priorities at once (empty: all), as the Reports page filters. */
    public Report compute(Instant from, Instant to, UUID teamId, UUID serviceId, Set<Integer> severities,
            Set<Priority> priorities) {
        var f = new Filter(from, to, teamId, serviceId, null, null);
        if (f.from() == null) {
            throw new InvalidInputException("from", "give the start of the period");
        }
        if (f.to() == null || !f.to().isAfter(f.from())) {
            throw new InvalidInputException("to", "the period must end after it starts");
        }
        if (severities.stream().anyMatch(v -> v < 1 || v > 3)) {
            throw new InvalidInputException("severity", "must be 1, 2 or 3");
        }
        Set<UUID> teamServices = f.teamId() == null ? null
                : catalog.servicesOfTeam(f.teamId()).stream().map(Service::id).collect(java.util.stream.Collectors.toSet());
        var clocks = jdbc.sql("select incident_id, incident_key, priority, severity, service_id, metric, target_seconds,"
                        + " started_at, breached_at, elapsed_seconds, outcome from sla_clock where started_at >= ? and started_at < ?"
                        + " order by started_at, incident_key, metric")
                .params(Timestamp.from(f.from()), Timestamp.from(f.to()))
                .query((rs, n) -> new Clock(rs.getObject(1, UUID.class), rs.getString(2), Priority.valueOf(rs.getString(3)),
                        rs.getInt(4), rs.getObject(5, UUID.class), SlaMetric.valueOf(rs.getString(6)),
                        Duration.ofSeconds(rs.getLong(7)), rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                        (Long) rs.getObject(10, Long.class), rs.getString(11)))
                .list().stream()
                .filter(c -> priorities.isEmpty() || priorities.contains(c.priority()))
                .filter(c -> severities.isEmpty() || severities.contains(c.severity()))
                .filter(c -> f.serviceId() == null || f.serviceId().equals(c.serviceId()))
                .filter(c -> teamServices == null || teamServices.contains(c.serviceId()))
                .toList();
        var names = catalog.servicesById(clocks.stream().map(Clock::serviceId).filter(Objects::nonNull).distinct().toList());
        record Key(Priority priority, UUID serviceId, SlaMetric metric) {
        }
        var counts = new LinkedHashMap<Key, int[]>();
        var breaches = new ArrayList<Breach>();
        for (var c : clocks) {
            var counter = counts.computeIfAbsent(new Key(c.priority(), c.serviceId(), c.metric()), k -> new int[3]);
            boolean breached = "BREACHED".equals(c.outcome()) || c.breachedAt() != null;
            if (breached) {
                counter[1]++;
                breaches.add(new Breach(c.incidentId(), c.incidentKey(), c.priority(), c.severity(), c.serviceId(),
                        name(names, c.serviceId()), c.metric(), c.target(), c.startedAt(), c.breachedAt(),
                        c.elapsedSeconds() == null ? null : Duration.ofSeconds(c.elapsedSeconds())));
            } else if ("MET".equals(c.outcome())) {
                counter[0]++;
            } else {
                counter[2]++;
            }
        }
        var rows = new ArrayList<Row>();
        counts.forEach((k, v) -> rows.add(new Row(k.priority(), k.serviceId(), name(names, k.serviceId()), k.metric(), v[0],
                v[1], v[2], v[0] + v[1] == 0 ? null : Math.round(1000.0 * v[0] / (v[0] + v[1])) / 10.0)));
        rows.sort(Comparator.comparing(Row::priority).thenComparing(r -> r.serviceName() == null ? "" : r.serviceName())
                .thenComparing(Row::metric));
        return new Report(f.from(), f.to(), List.copyOf(rows), List.copyOf(breaches));
    }

    private static String name(Map<UUID, Service> names, UUID id) {
        var s = id == null ? null : names.get(id);
        return s == null ? null : s.name();
    }

    private record Clock(UUID incidentId, String incidentKey, Priority priority, int severity, UUID serviceId,
            SlaMetric metric, Duration target, Instant startedAt, Instant breachedAt, Long elapsedSeconds,
            String outcome) {
    }
}
