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

    /**
     * What to look for; every part may be null. {@code actor} and {@code action} match case-insensitively as
     * "contains" and "starts with"; {@code beforeId} pages backwards from an entry's id.
     */
    public record Query(String actor, String action, String entityType, String entityId, Instant from, Instant to,
            Long beforeId, int limit) {
    }

    /** The newest entries matching, newest first, at most {@code query.limit()} (capped at 1000). */
    public List<Found> search(Query q) {
        var where = new StringBuilder(" where 1 = 1");
        var params = new java.util.ArrayList<Object>();
        if (q.actor() != null && !q.actor().isBlank()) {
            where.append(" and lower(actor_name) like ?");
            params.add("%" + like(q.actor()) + "%");
        }
        if (q.action() != null && !q.action().isBlank()) {
            where.append(" and lower(action) like ?");
            params.add(like(q.action()) + "%");
        }
        if (q.entityType() != null && !q.entityType().isBlank()) {
            where.append(" and entity_type = ?");
            params.add(q.entityType().strip());
        }
        if (q.entityId() != null && !q.entityId().isBlank()) {
            where.append(" and entity_id = ?");
            params.add(q.entityId().strip());
        }
        if (q.from() != null) {
            where.append(" and occurred_at >= ?");
            params.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.append(" and occurred_at < ?");
            params.add(Timestamp.from(q.to()));
        }
        if (q.beforeId() != null) {
            where.append(" and id < ?");
            params.add(q.beforeId());
        }
        params.add(Math.clamp(q.limit(), 1, 1000));
        return jdbc.sql("select id, occurred_at, actor_id, actor_name, action, entity_type, entity_id, detail"
                        + " from audit_log" + where + " order by id desc limit ?")
                .params(params)
                .query((rs, i) -> new Found(rs.getLong(1), new Entry(rs.getTimestamp(2).toInstant(),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8))))
                .list();
    }

    /** Deletes entries older than the instant (retention); answers how many. */
    public int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("delete from audit_log where occurred_at < ?").param(Timestamp.from(cutoff)).update();
    }

    /** An entry with its id (for paging). */
    public record Found(long id, Entry entry) {
    }

    private static String like(String s) {
        return s.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
    }

    private static String truncate(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

    public record Entry(Instant occurredAt, UUID actorId, String actorName, String action, String entityType,
            String entityId, String detail) {
    }
}
