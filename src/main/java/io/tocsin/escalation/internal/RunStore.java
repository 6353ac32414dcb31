package io.tocsin.escalation.internal;

import static java.sql.Timestamp.from;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.notify.SubjectType;
import io.tocsin.notify.Subject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Rows of runs and their pages. Callers hold the transaction; {@link #lock} serialises work on one run. */
@Component
class RunStore {

    private static final String COLUMNS = """
            id, run_key, kind, subject_type, subject_id, subject_key, severity, summary, link, service_id, incident_id,
            policy_id, target_type, target_id, status, level_index, cycle, attempt, level_started_at, last_attempt_at,
            next_step_at, started_at, answered_at, answered_by, answered_by_name, answered_via, ended_at, end_reason,
            version""";

    private final JdbcClient jdbc;

    RunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the run unless one with its key is open; returns whether it was inserted. */
    boolean insertIfAbsent(Run run) {
        var s = run.subject();
        // ON CONFLICT DO NOTHING (no target: portable) keeps a racing trigger from failing the caller's transaction.
        return jdbc.sql("insert into escalation_run (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, null, null, 0) on conflict do nothing")
                .params(run.id(), run.runKey(), run.kind().name(), s.type().code(), s.id(), s.key(), s.severity(),
                        truncate(s.summary(), 500), truncate(s.link(), 2000), run.serviceId(), run.incidentId(),
                        run.policyId(), run.target() == null ? null : run.target().type().name(),
                        run.target() == null ? null : run.target().id(), run.status().name(), run.levelIndex(),
                        run.cycle(), run.attempt(), ts(run.levelStartedAt()), ts(run.lastAttemptAt()),
                        ts(run.nextStepAt()), ts(run.startedAt()))
                .update() > 0;
    }

    Optional<Run> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from escalation_run where id = ?").param(id).query(RunStore::map).optional();
    }

    Optional<Run> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from escalation_run where id = ? for update").param(id)
                .query(RunStore::map).optional();
    }

    List<Run> lockPaging(SubjectType subjectType, String subjectId) {
        return jdbc.sql("select " + COLUMNS + " from escalation_run where subject_type = ? and subject_id = ?"
                        + " and status in ('WAITING', 'ACTIVE', 'ACKNOWLEDGED') order by started_at, id for update")
                .params(subjectType.code(), subjectId).query(RunStore::map).list();
    }

    /** The open runs about the incident or one of its alerts, locked. */
    List<Run> lockPagingOfIncident(UUID incidentId) {
        return jdbc.sql("select " + COLUMNS + " from escalation_run where (incident_id = ? or (subject_type = 'incident'"
                        + " and subject_id = ?)) and status in ('WAITING', 'ACTIVE', 'ACKNOWLEDGED') order by started_at, id"
                        + " for update")
                .params(incidentId, incidentId.toString()).query(RunStore::map).list();
    }

    /** Whether a run other than the incident manager's is still open (paging or acknowledged) for the incident. */
    boolean teamRunOpen(UUID incidentId) {
        return jdbc.sql("select count(*) from escalation_run where (incident_id = ? or (subject_type = 'incident'"
                        + " and subject_id = ?)) and kind <> 'IMOC' and status in ('WAITING', 'ACTIVE', 'ACKNOWLEDGED')")
                .params(incidentId, incidentId.toString()).query(Long.class).single() > 0;
    }

    List<Run> ofSubject(SubjectType subjectType, String subjectId) {
        return jdbc.sql("select " + COLUMNS + " from escalation_run where subject_type = ? and subject_id = ?"
                        + " order by started_at, id").params(subjectType.code(), subjectId).query(RunStore::map).list();
    }

    List<Run> ofIncident(UUID incidentId) {
        return jdbc.sql("select " + COLUMNS + " from escalation_run where incident_id = ? or (subject_type = 'incident'"
                        + " and subject_id = ?) order by started_at, id")
                .params(incidentId, incidentId.toString()).query(RunStore::map).list();
    }

    /** Everyone ever paged by a run about the incident or one of its alerts. */
    java.util.Set<UUID> pagedAbout(UUID incidentId) {
        return new java.util.HashSet<>(jdbc.sql("select distinct p.user_id from escalation_run_page p join escalation_run r"
                        + " on r.id = p.run_id where r.incident_id = ? or (r.subject_type = 'incident' and r.subject_id = ?)")
                .params(incidentId, incidentId.toString()).query(UUID.class).list());
    }

    /** Moves the run to a new state (the run's version must still be the one read). */
    void update(Run run) {
        int n = jdbc.sql("""
                update escalation_run set status = ?, level_index = ?, cycle = ?, attempt = ?, level_started_at = ?,
                       last_attempt_at = ?, next_step_at = ?, answered_at = ?, answered_by = ?, answered_by_name = ?,
                       answered_via = ?, ended_at = ?, end_reason = ?, run_key = ?, version = version + 1
                where id = ? and version = ?""")
                .params(run.status().name(), run.levelIndex(), run.cycle(), run.attempt(), ts(run.levelStartedAt()),
                        ts(run.lastAttemptAt()), ts(run.nextStepAt()), ts(run.answeredAt()), run.answeredBy(),
                        truncate(run.answeredByName(), 200), run.answeredVia(), ts(run.endedAt()), run.endReason(),
                        run.runKey(), run.id(), run.version())
                .update();
        if (n != 1) {
            throw new IllegalStateException("escalation run " + run.id() + " changed concurrently");
        }
        run.saved();
    }

    void insertPage(Run.Page page) {
        jdbc.sql("""
                insert into escalation_run_page (run_id, cycle, level_index, user_id, user_name, via, first_paged_at,
                       attempts, reachable) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(page.runId(), page.cycle(), page.levelIndex(), page.userId(), truncate(page.userName(), 200),
                        truncate(page.via(), 300), from(page.firstPagedAt()), page.attempts(), page.reachable())
                .update();
    }

    void countAttempt(UUID runId, int cycle, int levelIndex, UUID userId) {
        jdbc.sql("update escalation_run_page set attempts = attempts + 1 where run_id = ? and cycle = ? and level_index = ?"
                + " and user_id = ?").params(runId, cycle, levelIndex, userId).update();
    }

    List<Run.Page> pages(UUID runId) {
        return jdbc.sql("select run_id, cycle, level_index, user_id, user_name, via, first_paged_at, attempts, reachable"
                        + " from escalation_run_page where run_id = ? order by cycle, level_index, first_paged_at, user_name")
                .param(runId).query((rs, n) -> new Run.Page(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getInt(8), rs.getBoolean(9)))
                .list();
    }

    List<Run.Page> pages(UUID runId, int cycle, int levelIndex) {
        return pages(runId).stream().filter(p -> p.cycle() == cycle && p.levelIndex() == levelIndex).toList();
    }

    private static Run map(ResultSet rs, int n) throws SQLException {
        var subject = new Subject(SubjectType.of(rs.getString("subject_type")), rs.getString("subject_id"), rs.getString("subject_key"),
                (Integer) rs.getObject("severity", Integer.class), rs.getString("summary"), rs.getString("link"));
        String targetType = rs.getString("target_type");
        var target = targetType == null ? null
                : new Policy.Target(Policy.TargetType.valueOf(targetType), rs.getObject("target_id", UUID.class));
        return Run.restore(new Run.Row(rs.getObject("id", UUID.class), rs.getString("run_key"),
                Run.Kind.valueOf(rs.getString("kind")),
                subject, rs.getObject("service_id", UUID.class), rs.getObject("incident_id", UUID.class),
                rs.getObject("policy_id", UUID.class), target, Run.Status.valueOf(rs.getString("status")),
                rs.getInt("level_index"), rs.getInt("cycle"), rs.getInt("attempt"), instant(rs, "level_started_at"),
                instant(rs, "last_attempt_at"), instant(rs, "next_step_at"), instant(rs, "started_at"),
                instant(rs, "answered_at"), rs.getObject("answered_by", UUID.class), rs.getString("answered_by_name"),
                rs.getString("answered_via"), instant(rs, "ended_at"), rs.getString("end_reason"), rs.getLong("version")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : from(instant);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
