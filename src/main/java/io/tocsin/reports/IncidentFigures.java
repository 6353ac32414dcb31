package io.tocsin.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Incident counts and durations (issue 16 point 3, R26): counts by severity, service and week (weeks start on
 * Monday in the report's zone, every week of the period listed, also empty ones); MTTA (declared until an incident
 * manager took it), TTD (impact start until detection, only where both are known: unknown is not zero), TTR (impact
 * start, else detection, else declaration, until resolution, as {@code incidents.IncidentTimes} counts it) and
 * customer impact (impact start until resolution, where both are known). Pure.
 */
public final class IncidentFigures {

    private IncidentFigures() {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportIncidentRow")
    public record Row(UUID serviceId, int severity, Instant declaredAt, Instant assignedAt, Instant impactStartedAt,
            Instant detectedAt, Instant resolvedAt) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportWeek")
    public record Week(LocalDate starts, long incidents) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportIncidentFigures")
    public record Result(long total, Map<Integer, Long> bySeverity, Map<UUID, Long> byService, List<Week> byWeek,
            Distribution timeToAcknowledge, Distribution timeToDetect, Distribution timeToRecover,
            Distribution customerImpact) {
    }

    /** An incident as far as the counts need it: service, severity and declaration. */
    public record Counted(UUID serviceId, int severity, Instant declaredAt) {
    }

    /** The four distributions, computed elsewhere (by {@link Distribution#of} or in the database). */
    public record Durations(Distribution timeToAcknowledge, Distribution timeToDetect, Distribution timeToRecover,
            Distribution customerImpact) {
    }

    /**
     * The counts from the incidents, the distributions as given: the reports compute those in the database (median
     * and p90 by {@code percentile_disc}, which is the same nearest rank) instead of fetching every duration.
     */
    public static Result counted(List<Counted> rows, Instant from, Instant to, ZoneId zone, Durations d) {
        var bySeverity = new TreeMap<Integer, Long>();
        for (int s = 1; s <= 3; s++) {
            bySeverity.put(s, 0L);
        }
        var byService = new java.util.HashMap<UUID, Long>();
        var byWeek = new TreeMap<LocalDate, Long>();
        for (var w = weekOf(from, zone); w.atStartOfDay(zone).toInstant().isBefore(to); w = w.plusWeeks(1)) {
            byWeek.put(w, 0L);
        }
        for (var r : rows) {
            bySeverity.merge(r.severity(), 1L, Long::sum);
            byService.merge(r.serviceId(), 1L, Long::sum);
            byWeek.merge(weekOf(r.declaredAt(), zone), 1L, Long::sum);
        }
        var weeks = byWeek.entrySet().stream().map(e -> new Week(e.getKey(), e.getValue())).toList();
        return new Result(rows.size(), bySeverity, byService, weeks, d.timeToAcknowledge(), d.timeToDetect(),
                d.timeToRecover(), d.customerImpact());
    }

    public static Result compute(List<Row> rows, Instant from, Instant to, ZoneId zone) {
        var counted = new ArrayList<Counted>();
        var tta = new ArrayList<Duration>();
        var ttd = new ArrayList<Duration>();
        var ttr = new ArrayList<Duration>();
        var impact = new ArrayList<Duration>();
        for (var r : rows) {
            counted.add(new Counted(r.serviceId(), r.severity(), r.declaredAt()));
            if (r.assignedAt() != null) {
                tta.add(Duration.between(r.declaredAt(), r.assignedAt()));
            }
            if (r.impactStartedAt() != null && r.detectedAt() != null) {
                ttd.add(Duration.between(r.impactStartedAt(), r.detectedAt()));
            }
            if (r.resolvedAt() != null) {
                var start = r.impactStartedAt() != null ? r.impactStartedAt()
                        : r.detectedAt() != null ? r.detectedAt() : r.declaredAt();
                ttr.add(Duration.between(start, r.resolvedAt()));
                if (r.impactStartedAt() != null) {
                    impact.add(Duration.between(r.impactStartedAt(), r.resolvedAt()));
                }
            }
        }
        return counted(counted, from, to, zone, new Durations(Distribution.of(tta), Distribution.of(ttd),
                Distribution.of(ttr), Distribution.of(impact)));
    }

    /** The Monday of the week holding the instant, in the zone. */
    public static LocalDate weekOf(Instant at, ZoneId zone) {
        return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
