package io.tocsin.oncall.internal;

import static io.tocsin.oncall.internal.ScheduleStore.instant;
import static io.tocsin.oncall.internal.ScheduleStore.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.shared.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Overrides and cover requests; overrides come back oldest first because the newest wins. */
@Component
class OverrideStore {

    private static final String OVERRIDE_COLUMNS = """
            id, schedule_id, user_id, starts_at, ends_at, reason, cover_request_id, created_at, created_by,
            created_by_name""";
    private static final String COVER_COLUMNS = """
            id, schedule_id, requested_by, starts_at, ends_at, note, status, accepted_by, override_id, created_at,
            resolved_at, version""";

    private final JdbcClient jdbc;

    OverrideStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Override o) {
        jdbc.sql("insert into oncall_override (" + OVERRIDE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(o.id(), o.scheduleId(), o.userId(), ts(o.start()), ts(o.end()), o.reason(),
                        o.coverRequestId(), ts(o.createdAt()), o.createdBy(), o.createdByName())
                .update();
    }

    Optional<Override> find(UUID id) {
        return jdbc.sql("select " + OVERRIDE_COLUMNS + " from oncall_override where id = ?").param(id)
                .query(OverrideStore::override).optional();
    }

    void delete(UUID id) {
        jdbc.sql("delete from oncall_override where id = ?").param(id).update();
    }

    List<Override> overlapping(UUID scheduleId, Instant from, Instant to) {
        return jdbc.sql("select " + OVERRIDE_COLUMNS + " " + """
                 from oncall_override where schedule_id = ? and ends_at > ? and starts_at < ? order by seq""")
                .params(scheduleId, ts(from), ts(to)).query(OverrideStore::override).list();
    }

    /** Overrides of many schedules at once, grouped by schedule, each group oldest first. */
    Map<UUID, List<Override>> overlapping(Collection<UUID> scheduleIds, Instant from, Instant to) {
        var byId = new HashMap<UUID, List<Override>>();
        if (scheduleIds.isEmpty()) {
            return byId;
        }
        var wanted = java.util.Set.copyOf(scheduleIds);
        // Few overrides overlap a short window; filtering them here beats a statement with a thousand parameters.
        jdbc.sql("select " + OVERRIDE_COLUMNS + " " + """
                 from oncall_override where ends_at > ? and starts_at < ? order by seq""")
                .params(ts(from), ts(to))
                .query(OverrideStore::override).list().stream().filter(o -> wanted.contains(o.scheduleId()))
                .forEach(o -> byId.computeIfAbsent(o.scheduleId(), k -> new java.util.ArrayList<>()).add(o));
        return byId;
    }

    void insert(CoverRequest c) {
        jdbc.sql("insert into oncall_cover_request (" + COVER_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                .params(c.id(), c.scheduleId(), c.requestedBy(), ts(c.start()), ts(c.end()), c.note(),
                        c.status().name(), c.acceptedBy(), c.overrideId(), ts(c.createdAt()), ts(c.resolvedAt()))
                .update();
    }

    /** Saves a decision on a request; two colleagues accepting at once: the second gets a conflict. */
    void update(CoverRequest c) {
        int rows = jdbc.sql("""
                update oncall_cover_request set status = ?, accepted_by = ?, override_id = ?, resolved_at = ?,
                    version = version + 1
                where id = ? and version = ?""")
                .params(c.status().name(), c.acceptedBy(), c.overrideId(), ts(c.resolvedAt()), c.id(), c.version())
                .update();
        if (rows == 0) {
            throw new ConflictException("cover-request-closed", "Someone else answered this cover request first");
        }
    }

    Optional<CoverRequest> findCoverRequest(UUID id) {
        return jdbc.sql("select " + COVER_COLUMNS + " from oncall_cover_request where id = ?").param(id)
                .query(OverrideStore::coverRequest).optional();
    }

    List<CoverRequest> coverRequests(UUID scheduleId, Instant endingAfter) {
        return jdbc.sql("select " + COVER_COLUMNS + " " + """
                 from oncall_cover_request where schedule_id = ? and ends_at > ? order by starts_at""")
                .params(scheduleId, ts(endingAfter)).query(OverrideStore::coverRequest).list();
    }

    private static Override override(ResultSet rs, int i) throws SQLException {
        return new Override(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                instant(rs, 4), instant(rs, 5), rs.getString(6), rs.getObject(7, UUID.class), instant(rs, 8),
                rs.getObject(9, UUID.class), rs.getString(10));
    }

    private static CoverRequest coverRequest(ResultSet rs, int i) throws SQLException {
        return new CoverRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                instant(rs, 4), instant(rs, 5), rs.getString(6), CoverRequest.Status.valueOf(rs.getString(7)),
                rs.getObject(8, UUID.class), rs.getObject(9, UUID.class), instant(rs, 10), instant(rs, 11),
                rs.getLong(12));
    }
}
