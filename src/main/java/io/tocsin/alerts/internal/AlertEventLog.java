package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The alert's own append-only history (R4): what happened to it and every automatic decision with its reason. */
@Component
public class AlertEventLog {

    private final JdbcClient jdbc;

    AlertEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Entry(long id, UUID alertId, Instant occurredAt, AlertHistoryKind kind, String actorName,
            String message) {
    }

    public void record(UUID alertId, AlertHistoryKind kind, String actorName, String message, Instant at) {
        jdbc.sql("insert into alert_event (alert_id, occurred_at, kind, actor_name, message) values (?, ?, ?, ?, ?)")
                .params(alertId, Timestamp.from(at), kind.name(), actorName,
                        message == null ? null : message.substring(0, Math.min(message.length(), 4000)))
                .update();
    }

    public List<Entry> of(UUID alertId) {
        return jdbc.sql("select id, alert_id, occurred_at, kind, actor_name, message from alert_event"
                + " where alert_id = ? order by id").param(alertId)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                        AlertHistoryKind.stored(rs.getString(4)), rs.getString(5), rs.getString(6)))
                .list();
    }
}
