package io.tocsin.oncall.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.tocsin.oncall.planning.Restriction;
import io.tocsin.oncall.planning.ShiftLength;
import io.tocsin.shared.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads and saves schedules with their layers. Set-based on purpose: "who is on call now" for every schedule of
 * the organisation is four queries, not four per schedule.
 */
@Component
class ScheduleStore {

    private final JdbcClient jdbc;
    private final Map<UUID, Schedule> planningCache = new java.util.concurrent.ConcurrentHashMap<>();

    ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Schedule s) {
        jdbc.sql("""
                insert into oncall_schedule (id, team_id, name, description, time_zone, secondary_of, created_at,
                    created_by, updated_at, updated_by, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(s.id(), s.teamId(), s.name(), s.description(), s.zone().getId(), s.secondaryOf(),
                        ts(s.createdAt()), s.updatedBy(), ts(s.updatedAt()), s.updatedBy())
                .update();
        insertLayers(s);
    }

    /** Saves a changed schedule, refusing when someone else saved it since it was loaded. */
    void update(Schedule s) {
        int rows = jdbc.sql("""
                update oncall_schedule set name = ?, description = ?, time_zone = ?, secondary_of = ?,
                    updated_at = ?, updated_by = ?, version = version + 1
                where id = ? and version = ?""")
                .params(s.name(), s.description(), s.zone().getId(), s.secondaryOf(), ts(s.updatedAt()),
                        s.updatedBy(), s.id(), s.version())
                .update();
        if (rows == 0) {
            throw new ConflictException("stale-version", "The schedule was changed by someone else; reload it",
                    Map.of("sentVersion", s.version()));
        }
        jdbc.sql("delete from oncall_layer where schedule_id = ?").param(s.id()).update();
        insertLayers(s);
    }

    void delete(UUID id) {
        jdbc.sql("delete from oncall_schedule where id = ?").param(id).update();
    }

    private void insertLayers(Schedule s) {
        int position = 0;
        for (Layer layer : s.layers()) {
            jdbc.sql("""
                    insert into oncall_layer (id, schedule_id, position, name, time_zone, shift_amount, shift_unit,
                        starts_at, handoff_time, handoff_day)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(layer.id(), s.id(), position++, layer.name(), layer.zone().getId(),
                            layer.length().amount(), layer.length().unit().name(), ts(layer.startsAt()),
                            layer.handoff().toString(), layer.handoffDay())
                    .update();
            for (int i = 0; i < layer.participants().size(); i++) {
                jdbc.sql("insert into oncall_layer_participant (layer_id, position, user_id) values (?, ?, ?)")
                        .params(layer.id(), i, layer.participants().get(i)).update();
            }
            for (int i = 0; i < layer.restrictions().size(); i++) {
                var r = layer.restrictions().get(i);
                jdbc.sql("""
                        insert into oncall_restriction (layer_id, position, days_mask, from_time, to_time)
                        values (?, ?, ?, ?, ?)""")
                        .params(layer.id(), i, mask(r.days()), r.from().toString(), r.to().toString()).update();
            }
        }
    }

    Optional<Schedule> find(UUID id) {
        return load("where s.id = :id", Map.of("id", id)).stream().findFirst();
    }

    List<Schedule> all() {
        return load("", Map.of());
    }

    List<Schedule> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : load("where s.id in (:ids)", Map.of("ids", List.copyOf(ids)));
    }

    /**
     * Schedules for read-only planning, served from a per-node cache that is checked against the stored
     * versions on every call (one small query), so an edit on any node is seen at once. Callers must not change
     * the returned schedules.
     */
    List<Schedule> byIdsForPlanning(Collection<UUID> ids) {
        var current = new LinkedHashMap<UUID, Long>();
        var wanted = ids == null ? null : Set.copyOf(ids);
        // All (id, version) pairs: a tiny scan, cheaper than a statement with a thousand parameters.
        jdbc.sql("select id, version from oncall_schedule order by name").query((ResultSet rs) -> {
            UUID id = rs.getObject(1, UUID.class);
            if (wanted == null || wanted.contains(id)) {
                current.put(id, rs.getLong(2));
            }
        });
        if (ids == null) {
            planningCache.keySet().retainAll(current.keySet());
        }
        var stale = current.entrySet().stream().filter(e -> {
            var cached = planningCache.get(e.getKey());
            return cached == null || cached.version() != e.getValue();
        }).map(Map.Entry::getKey).toList();
        if (!stale.isEmpty()) {
            byIds(stale).forEach(s -> planningCache.put(s.id(), s));
        }
        var result = new ArrayList<Schedule>(current.size());
        current.keySet().forEach(id -> {
            var s = planningCache.get(id);
            if (s != null) {
                result.add(s);
            }
        });
        return result;
    }

    List<Schedule> byTeam(UUID teamId) {
        return load("where s.team_id = :team", Map.of("team", teamId));
    }

    List<Schedule> withParticipantOrOverride(UUID userId) {
        return load("""
                where s.id in (select l.schedule_id from oncall_layer l
                               join oncall_layer_participant p on p.layer_id = l.id where p.user_id = :user)
                   or s.id in (select o.schedule_id from oncall_override o where o.user_id = :user)""",
                Map.of("user", userId));
    }

    Optional<UUID> secondaryOf(UUID primaryId) {
        return jdbc.sql("select id from oncall_schedule where secondary_of = ? order by name").param(primaryId)
                .query(UUID.class).list().stream().findFirst();
    }

    Optional<UUID> imoc() {
        return jdbc.sql("select schedule_id from oncall_imoc where singleton = 1").query(UUID.class).optional();
    }

    void setImoc(UUID scheduleId) {
        jdbc.sql("delete from oncall_imoc").update();
        if (scheduleId != null) {
            jdbc.sql("insert into oncall_imoc (singleton, schedule_id) values (1, ?)").param(scheduleId).update();
        }
    }

    boolean nameTaken(String name, UUID self) {
        return jdbc.sql("select count(*) from oncall_schedule where lower(name) = lower(?) and id <> ?")
                .params(name, self == null ? new UUID(0, 0) : self).query(Long.class).single() > 0;
    }

    private List<Schedule> load(String where, Map<String, ?> params) {
        var rows = new LinkedHashMap<UUID, Object[]>();
        jdbc.sql("""
                select s.id, s.team_id, s.name, s.description, s.time_zone, s.secondary_of, s.created_at,
                    s.updated_at, s.updated_by, s.version
                from oncall_schedule s""" + " " + where + " order by s.name").params(params)
                .query((ResultSet rs) -> {
                    rows.put(rs.getObject(1, UUID.class), new Object[] {rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, UUID.class), instant(rs, 7),
                            instant(rs, 8), rs.getObject(9, UUID.class), rs.getLong(10)});
                });
        if (rows.isEmpty()) {
            return List.of();
        }
        String scheduleFilter = where.isEmpty() ? "" : " and l.schedule_id in (select s.id from oncall_schedule s "
                + where + ")";
        var participants = new HashMap<UUID, List<UUID>>();
        jdbc.sql("""
                select p.layer_id, p.user_id from oncall_layer_participant p join oncall_layer l on l.id = p.layer_id
                where 1 = 1""" + scheduleFilter + " order by p.layer_id, p.position").params(params)
                .query((ResultSet rs) -> {
                    participants.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        var restrictions = new HashMap<UUID, List<Restriction>>();
        jdbc.sql("""
                select r.layer_id, r.days_mask, r.from_time, r.to_time from oncall_restriction r
                join oncall_layer l on l.id = r.layer_id
                where 1 = 1""" + scheduleFilter + " order by r.layer_id, r.position").params(params)
                .query((ResultSet rs) -> {
                    restrictions.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(new Restriction(days(rs.getInt(2)), LocalTime.parse(rs.getString(3)),
                                    LocalTime.parse(rs.getString(4))));
                });
        var layers = new HashMap<UUID, List<Layer>>();
        jdbc.sql("""
                select l.id, l.schedule_id, l.name, l.time_zone, l.shift_amount, l.shift_unit, l.starts_at,
                    l.handoff_time, l.handoff_day
                from oncall_layer l where 1 = 1""" + scheduleFilter + " order by l.schedule_id, l.position")
                .params(params)
                .query((ResultSet rs) -> {
                    UUID layerId = rs.getObject(1, UUID.class);
                    layers.computeIfAbsent(rs.getObject(2, UUID.class), k -> new ArrayList<>())
                            .add(new Layer(layerId, rs.getString(3), ZoneId.of(rs.getString(4)),
                                    participants.getOrDefault(layerId, List.of()),
                                    new ShiftLength(rs.getInt(5), ShiftLength.Unit.valueOf(rs.getString(6))),
                                    instant(rs, 7), LocalTime.parse(rs.getString(8)),
                                    rs.getObject(9, Integer.class), restrictions.getOrDefault(layerId, List.of())));
                });
        var schedules = new ArrayList<Schedule>(rows.size());
        rows.forEach((id, r) -> schedules.add(new Schedule(id, (UUID) r[0], (String) r[1], (String) r[2],
                ZoneId.of((String) r[3]), (UUID) r[4], layers.getOrDefault(id, List.of()), (Instant) r[5],
                (Instant) r[6], (UUID) r[7], (Long) r[8])));
        return schedules;
    }

    static int mask(Set<DayOfWeek> days) {
        int mask = 0;
        for (DayOfWeek d : days) {
            mask |= 1 << (d.getValue() - 1);
        }
        return mask;
    }

    static Set<DayOfWeek> days(int mask) {
        var days = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if ((mask & (1 << (d.getValue() - 1))) != 0) {
                days.add(d);
            }
        }
        return days;
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
