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

    @Schema(name = "ReportOnCall")
    public record OnCallReport(Instant from, Instant to, List<OnCallFigures.Team> teams) {
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

    public IncidentReport incidents(ReportQuery q) {
        check(q);
        var where = where(q, "declared_at");
        // Instants as epoch seconds: parsing 100,000 timestamps with zones costs more than the query.
        var rows = jdbc.sql("select service_id, severity, extract(epoch from declared_at), extract(epoch from assigned_at),"
                        + " extract(epoch from impact_started_at), extract(epoch from detected_at),"
                        + " extract(epoch from resolved_at) from report_incident" + where.sql())
                .params(where.params())
                .query((rs, n) -> new IncidentFigures.Row(rs.getObject(1, UUID.class), rs.getInt(2), epoch(rs, 3),
                        epoch(rs, 4), epoch(rs, 5), epoch(rs, 6), epoch(rs, 7)))
                .list();
        return new IncidentReport(q.from(), q.to(), IncidentFigures.compute(rows, q.from(), q.to(), q.zone()));
    }

    public OnCallReport onCall(ReportQuery q) {
        check(q);
        // Shifts overlapping the period: ending after it starts, starting before it ends.
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
        return new OnCallReport(q.from(), q.to(), OnCallFigures.compute(q.from(), q.to(), shifts, pages));
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
        // The median time to answer in the database (nearest rank, as percentile_disc defines it): a year has
        // hundreds of thousands of answered deliveries, too many to fetch.
        var medians = new LinkedHashMap<String, java.time.Duration>();
        jdbc.sql("select channel, percentile_disc(0.5) within group (order by extract(epoch from answered_at)"
                        + " - extract(epoch from sent_at)) from report_delivery" + where.sql()
                        + " and answered_at is not null and sent_at is not null group by channel")
                .params(where.params())
                .query((java.sql.ResultSet rs) -> {
                    medians.put(rs.getString(1), java.time.Duration.ofMillis(Math.round(rs.getDouble(2) * 1000)));
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

    private static Instant epoch(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        var value = rs.getBigDecimal(column);
        return value == null ? null : Instant.ofEpochSecond(value.longValue(),
                value.remainder(java.math.BigDecimal.ONE).movePointRight(9).intValue());
    }

    private static Instant at(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
