package io.tocsin.identity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The record of who changed what and when, across all modules. Written in the same transaction as the change it
 * describes, so a change without its audit entry cannot exist.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Actor actor, String action, String entityType, Object entityId, String detail) {
        jdbc.sql("""
                insert into audit_log (occurred_at, actor_id, actor_name, action, entity_type, entity_id, detail)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(clock.instant()), actor.userId(), actor.name(), action, entityType,
                        String.valueOf(entityId), detail == null ? null : truncate(detail))
                .update();
    }

    public List<Entry> forEntity(String entityType, Object entityId) {
        return jdbc.sql("""
                select occurred_at, actor_id, actor_name, action, entity_type, entity_id, detail
                from audit_log where entity_type = ? and entity_id = ? order by id""")
                .params(entityType, String.valueOf(entityId))
                .query((rs, i) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    public List<Entry> recent(int limit) {
        return jdbc.sql("""
                select occurred_at, actor_id, actor_name, action, entity_type, entity_id, detail
                from audit_log order by id desc limit ?""")
                .param(limit)
                .query((rs, i) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    private static String truncate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

    public record Entry(Instant occurredAt, UUID actorId, String actorName, String action, String entityType,
            String entityId, String detail) {
    }
}
