package io.tocsin.reports;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports (issue 16 point 3), read from the report tables the feed keeps (never from timelines): each query
 * reads one table through an index on its time column, aggregates in the database where a sum or count does, and
 * hands durations to the pure figure classes ({@link IncidentFigures}, {@link OnCallFigures}, {@link Distribution},
 * {@link Fairness}).
 */
@Component
@Transactional(readOnly = true)
public class Reports {

    private final JdbcClient jdbc;
    private final Clock clock;

    Reports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Schema(name = "ReportIncidents")
    public record IncidentReport(Instant from, Instant to, IncidentFigures.Result figures) {
    }

    /**
     * {@code shiftsNotFilteredBy}: the filters of the query that narrow the pages but not the shifts (service,
     * severity, priority). A shift covers all of its team's services and every incident, so its hours and count are
     * the team's whatever the incident filters say; pages, night and weekend pages, interruptions per shift and time
     * to acknowledge follow every filter.
     */
    @Schema(name = "ReportOnCall")
    public record OnCallReport(Instant from, Instant to, List<OnCallFigures.Team> teams,
            @Schema(description = "Filters that narrow pages but not shifts and hours on call (service, severity,"
                    + " priority): a shift covers every service and incident of its team") List<String> shiftsNotFilteredBy) {

        public OnCallReport {
            shiftsNotFilteredBy = shiftsNotFilteredBy == null ? List.of() : List.copyOf(shiftsNotFilteredBy);
        }
    }

    /** Which filters of the query the shifts do not follow (see {@link OnCallReport}). */
    public static List<String> shiftsNotFilteredBy(ReportQuery q) {
        var names = new ArrayList<String>();
        if (q.serviceId() != null) {
            names.add("service");
        }
        if (!q.severities().isEmpty()) {
            names.add("severity");
        }
        if (!q.priorities().isEmpty()) {
            names.add("priority");
        }
        return names;
    }

    @Schema(name = "ReportChannel")
    public record ChannelRow(String channel, long queued, long sent, long delivered, long failed, long answered,
            java.time.Duration medianTimeToAnswer) {
    }

    @Schema(name = "ReportNotifications")
    public record DeliveryReport(Instant from, Instant to, List<ChannelRow> channels) {
    }

    @Schema(name = "ReportLearning")
    public record LearningReport(Instant from, Instant to, long postmortems, long published, long publishedOnTime,
            long overdue, long actionItems, long actionItemsOpen, long actionItemsOverdue, long actionItemsDone) {
    }

    /**
     * The four durations of an incident in microseconds, stored when the row is written (V1501; negative ones as
     * zero, unknown ones null): time to acknowledge, to detect, to recover, customer impact.
     */
    private static final List<String> MEASURES = List.of("tta_us", "ttd_us", "ttr_us", "impact_us");

    /** Per measure: count, sum of whole seconds, max, then how many lie below each bin bound. */
    private static final String AGGREGATES = aggregatesSql();

    /**
     * Per measure its median and p90 by nearest rank: the value at rank ceil(p * n / 100), in whole numbers.
     * Not {@code percentile_disc}: H2 interpolates the rank differently for p90 (it agrees only for the median).
     */
    private static final String PERCENTILES = percentilesSql();

    private static String aggregatesSql() {
        var outer = new StringBuilder("select ");
        for (int m = 0; m < MEASURES.size(); m++) {
            String c = MEASURES.get(m);
            // Whole seconds of each value, as Distribution.of sums them (non-negative: division truncates = floors).
            outer.append(m == 0 ? "" : ", ").append("count(").append(c).append("), coalesce(sum(").append(c)
                    .append(" / 1000000), 0), max(").append(c).append(')');
            for (var bound : Distribution.BOUNDS) {
                outer.append(", count(case when ").append(c).append(" < ").append(bound.toSeconds() * 1_000_000L)
                        .append(" then 1 end)");
            }
        }
        return outer + " from report_incident%s";
    }

    private static String percentilesSql() {
        var union = new StringBuilder();
        for (int m = 0; m < MEASURES.size(); m++) {
            String c = MEASURES.get(m);
            union.append(m == 0 ? "" : " union all ").append("select ").append(m).append(" as k, ").append(c)
                    .append(" as v from d where ").append(c).append(" is not null");
        }
        return "with d as (select " + String.join(", ", MEASURES) + " from report_incident%s) select k, v, rn, n from"
                + " (select k, v, row_number() over (partition by k order by v) as rn, count(*) over (partition by k)"
                + " as n from (" + union + ") u) r where rn = (n * 50 + 99) / 100 or rn = (n * 90 + 99) / 100";
    }

    public IncidentReport incidents(ReportQuery q) {
        check(q);
        var where = where(q, "declared_at");
        // The counts need only service, severity and the declaration (whole seconds suffice for the week); the
        // durations are aggregated in the database, so a year's 20,000 incidents are not fetched with five instants.
        var rows = jdbc.sql("select service_id, severity, cast(floor(extract(epoch from declared_at)) as bigint)"
                        + " from report_incident" + where.sql())
                .params(where.params())
                .query((rs, n) -> new IncidentFigures.Counted(rs.getObject(1, UUID.class), rs.getInt(2),
                        Instant.ofEpochSecond(rs.getLong(3))))
                .list();
        var median = new java.time.Duration[MEASURES.size()];
        var p90 = new java.time.Duration[MEASURES.size()];
        // The filtered incidents once, in a common table expression the union reads once per measure.
        jdbc.sql(PERCENTILES.formatted(where.sql())).params(where.params())
                .query((java.sql.ResultSet rs) -> {
                    int k = rs.getInt(1);
                    var value = micros(rs, 2);
                    long rank = rs.getLong(3);
                    long n = rs.getLong(4);
                    if (rank == (n * 50 + 99) / 100) {
                        median[k] = value;
                    }
                    if (rank == (n * 90 + 99) / 100) {
                        p90[k] = value;
                    }
                });
        var durations = jdbc.sql(AGGREGATES.formatted(where.sql())).params(where.params())
                .query((rs, n) -> {
                    var d = new Distribution[MEASURES.size()];
                    int width = 3 + Distribution.BOUNDS.size();
                    for (int m = 0; m < d.length; m++) {
                        int at = 1 + m * width;
                        var below = new long[Distribution.BOUNDS.size()];
                        for (int b = 0; b < below.length; b++) {
                            below[b] = rs.getLong(at + 3 + b);
                        }
                        d[m] = Distribution.ofAggregates(rs.getInt(at), rs.getLong(at + 1), median[m], p90[m],
                                micros(rs, at + 2), below);
                    }
                    return new IncidentFigures.Durations(d[0], d[1], d[2], d[3]);
                })
                .single();
        return new IncidentReport(q.from(), q.to(), IncidentFigures.counted(rows, q.from(), q.to(), q.zone(), durations));
    }

    /** Microseconds as a duration; null stays null. */
    private static java.time.Duration micros(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : java.time.Duration.ofSeconds(Math.floorDiv(value, 1_000_000L),
                Math.floorMod(value, 1_000_000L) * 1000L);
    }

    public OnCallReport onCall(ReportQuery q) {
        check(q);
        // Shifts overlapping the period: ending after it starts, starting before it ends; only the team narrows them
        // (a shift is not about one service or incident: see OnCallReport.shiftsNotFilteredBy).
        String shiftWhere = " where end_at > ? and start_at < ?";
        var shiftParams = new ArrayList<Object>(List.of(ts(q.from()), ts(q.to())));
        if (q.teamId() != null) {
            shiftWhere += " and team_id = ?";
            shiftParams.add(q.teamId());
        }
        var shifts = jdbc.sql("select user_id, team_id, start_at, end_at from report_shift" + shiftWhere)
                .params(shiftParams)
                .query((rs, n) -> new OnCallFigures.ShiftPiece(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        at(rs.getTimestamp(3)), at(rs.getTimestamp(4))))
                .list();
        var where = where(q, "paged_at");
        var pages = jdbc.sql("""
                select user_id, team_id, count(*), count(*) filter (where at_night), count(*) filter (where on_weekend),
                count(acked_at), coalesce(sum(extract(epoch from acked_at) - extract(epoch from paged_at)), 0)
                from report_page""" + where.sql() + " group by user_id, team_id")
                .params(where.params())
                .query((rs, n) -> new OnCallFigures.PageCounts(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), Math.round(rs.getDouble(7))))
                .list();
        return new OnCallReport(q.from(), q.to(), OnCallFigures.compute(q.from(), q.to(), shifts, pages),
                shiftsNotFilteredBy(q));
    }

    public DeliveryReport notifications(ReportQuery q) {
        check(q);
        var where = where(q, "queued_at");
        var counts = new LinkedHashMap<String, long[]>();
        jdbc.sql("""
                select channel, count(*), count(*) filter (where status = 'SENT'), count(*) filter (where delivered),
                count(*) filter (where status = 'FAILED'), count(answered_at) from report_delivery""" + where.sql()
                        + " group by channel order by channel")
                .params(where.params())
                .query((rs, n) -> counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)}))
                .list();
        // The median time to answer in the database (nearest rank, as percentile_disc defines it; H2 agrees for the
        // median) over the stored microseconds (V1501): a year has hundreds of thousands of answered deliveries, too
        // many to fetch. A separate query: with the counts in one group by, PostgreSQL would sort every delivery.
        var medians = new LinkedHashMap<String, java.time.Duration>();
        jdbc.sql("select channel, percentile_disc(0.5) within group (order by answer_us) from report_delivery"
                        + where.sql() + " and answer_us is not null group by channel")
                .params(where.params())
                .query((java.sql.ResultSet rs) -> {
                    medians.put(rs.getString(1), java.time.Duration.ofMillis(Math.round(rs.getLong(2) / 1000.0)));
                });
        var rows = new ArrayList<ChannelRow>();
        counts.forEach((channel, c) -> rows.add(new ChannelRow(channel, c[0], c[1], c[2], c[3], c[4],
                medians.get(channel))));
        return new DeliveryReport(q.from(), q.to(), rows);
    }

    public LearningReport learning(ReportQuery q) {
        check(q);
        var now = ts(clock.instant());
        var pm = where(q, "drafted_at");
        var params = new ArrayList<Object>(List.of(now));
        params.addAll(pm.params());
        long[] p = jdbc.sql("""
                select count(*), count(published_at), count(*) filter (where published_at is not null and
                (due_by is null or published_at < due_by)), count(*) filter (where published_at is null and due_by <= ?)
                from report_postmortem""" + pm.sql())
                .params(params)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
        var ai = where(q, "created_at");
        var itemParams = new ArrayList<Object>(List.of(now));
        itemParams.addAll(ai.params());
        long[] i = jdbc.sql("""
                select count(*), count(*) filter (where status in ('OPEN', 'IN_PROGRESS')),
                count(*) filter (where status in ('OPEN', 'IN_PROGRESS') and due_by <= ?),
                count(*) filter (where status = 'DONE') from report_action_item""" + ai.sql())
                .params(itemParams)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).single();
        return new LearningReport(q.from(), q.to(), p[0], p[1], p[2], p[3], i[0], i[1], i[2], i[3]);
    }

    private record Where(String sql, List<Object> params) {
    }

    /** The period on the table's time column, then team, service, severities and priorities. */
    private static Where where(ReportQuery q, String timeColumn) {
        var sql = new StringBuilder(" where ").append(timeColumn).append(" >= ? and ").append(timeColumn).append(" < ?");
        var params = new ArrayList<Object>(List.of(ts(q.from()), ts(q.to())));
        if (q.teamId() != null) {
            sql.append(" and team_id = ?");
            params.add(q.teamId());
        }
        if (q.serviceId() != null) {
            sql.append(" and service_id = ?");
            params.add(q.serviceId());
        }
        if (!q.severities().isEmpty()) {
            sql.append(" and severity in (").append(String.join(", ", q.severities().stream().map(s -> "?").toList()))
                    .append(')');
            params.addAll(q.severities().stream().sorted().toList());
        }
        if (!q.priorities().isEmpty()) {
            sql.append(" and priority in (").append(String.join(", ", q.priorities().stream().map(s -> "?").toList()))
                    .append(')');
            params.addAll(q.priorities().stream().map(Enum::name).sorted().toList());
        }
        return new Where(sql.toString(), params);
    }

    private static void check(ReportQuery q) {
        if (q.from() == null || q.to() == null || !q.from().isBefore(q.to())) {
            throw new InvalidInputException("to", "the period must end after it starts");
        }
        if (java.time.Duration.between(q.from(), q.to()).toDays() > 800) {
            throw new InvalidInputException("from", "a report covers at most 800 days");
        }
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private static Instant at(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
