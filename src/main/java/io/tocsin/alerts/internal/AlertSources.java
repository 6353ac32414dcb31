package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.alerts.internal.AlertIngest.Route;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The integrations that reported an alert (issue 10). An alert deduplicated per integration has one source, its own
 * integration (or heartbeat), read from the alert itself; one deduplicated per service keeps a row per integration
 * that reported it, written with the event (the opening INSERT, or one MERGE per key and integration of a batch).
 */
@Component
public class AlertSources {

    /** One integration that reported an alert: when first and last, and how many of the alert's events. */
    public record AlertSource(UUID integrationId, String name, String origin, Instant firstSeenAt,
            Instant lastSeenAt, long eventCount) {
    }

    /**
     * Counts n more events of the open alert of (scope, key) from one integration, adding its row on its first
     * report. Runs after the repeat's UPDATE of the alert row, which holds that row's lock: two nodes reporting the
     * same alert take turns there, so the second one's MERGE sees the first one's row. Parameters:
     * {@link #reported}.
     */
    static final String REPORTED = """
            merge into alert_source s
            using (select id from alert where scope_id = ? and open_dedup_key = ?) a
            on s.alert_id = a.id and s.integration_id = ?
            when matched then update set last_seen_at = ?, event_count = s.event_count + ?
            when not matched then insert (alert_id, integration_id, origin, first_seen_at, last_seen_at, event_count)
                values (a.id, ?, ?, ?, ?, ?)""";

    static Object[] reported(Route route, String key, String origin, long events, Timestamp now) {
        return new Object[] {route.scopeId(), key, route.integrationId(), now, events, route.integrationId(), origin,
                now, now, events};
    }

    private final JdbcClient jdbc;

    AlertSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The first source of a new alert deduplicated per service. */
    void opened(Alert alert) {
        insert(alert.id(), new AlertSource(alert.integrationId(), null, alert.origin(), alert.firstSeenAt(),
                alert.lastSeenAt(), alert.eventCount()));
    }

    /** Who reported the alert, in the order they first did. */
    public List<AlertSource> of(Alert alert) {
        if (!alert.serviceScoped()) {
            return List.of(own(alert));
        }
        return rows(alert.id());
    }

    /**
     * Moves every source of {@code merged} onto {@code survivor} (which must already have rows), adding up the
     * counts of an integration both have.
     */
    void absorb(UUID survivor, Alert merged) {
        for (var source : of(merged)) {
            if (source.integrationId() == null) {
                continue;
            }
            int updated = jdbc.sql("""
                    update alert_source set event_count = event_count + ?,
                           first_seen_at = case when first_seen_at < ? then first_seen_at else ? end,
                           last_seen_at = case when last_seen_at > ? then last_seen_at else ? end
                    where alert_id = ? and integration_id = ?""")
                    .params(source.eventCount(), ts(source.firstSeenAt()), ts(source.firstSeenAt()),
                            ts(source.lastSeenAt()), ts(source.lastSeenAt()), survivor, source.integrationId())
                    .update();
            if (updated == 0) {
                insert(survivor, source);
            }
        }
    }

    /** Gives an alert about to be deduplicated per service its first row: itself, as one source. */
    void adopt(Alert alert) {
        if (!alert.serviceScoped() && alert.integrationId() != null) {
            insert(alert.id(), own(alert));
        }
    }

    /** Drops the rows of an alert going back to dedup per integration, and returns what they said. */
    List<AlertSource> clear(UUID alertId) {
        var rows = rows(alertId);
        jdbc.sql("delete from alert_source where alert_id = ?").param(alertId).update();
        return rows;
    }

    private List<AlertSource> rows(UUID alertId) {
        return jdbc.sql("""
                select s.integration_id, i.name, s.origin, s.first_seen_at, s.last_seen_at, s.event_count
                from alert_source s join alert a on a.id = s.alert_id
                     left join alert_integration i on i.id = s.integration_id
                where s.alert_id = ?
                order by s.first_seen_at, case when s.integration_id = a.integration_id then 0 else 1 end,
                         s.integration_id""")
                .param(alertId)
                .query((rs, n) -> new AlertSource(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getLong(6)))
                .list();
    }

    private AlertSource own(Alert alert) {
        String name = alert.integrationId() != null
                ? jdbc.sql("select name from alert_integration where id = ?").param(alert.integrationId())
                        .query(String.class).optional().orElse(null)
                : alert.heartbeatId() != null
                        ? jdbc.sql("select name from heartbeat where id = ?").param(alert.heartbeatId())
                                .query(String.class).optional().orElse(null)
                        : null;
        return new AlertSource(alert.integrationId(), name, alert.origin(), alert.firstSeenAt(), alert.lastSeenAt(),
                alert.eventCount());
    }

    private void insert(UUID alertId, AlertSource s) {
        jdbc.sql("insert into alert_source (alert_id, integration_id, origin, first_seen_at, last_seen_at, event_count)"
                + " values (?, ?, ?, ?, ?, ?)")
                .params(alertId, s.integrationId(), s.origin(), ts(s.firstSeenAt()), ts(s.lastSeenAt()),
                        s.eventCount())
                .update();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
