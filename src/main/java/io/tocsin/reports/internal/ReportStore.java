package io.tocsin.reports.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes the report tables (one row per source record, refreshed whole on every event about it). */
@Component
public class ReportStore {

    /** Whole microseconds from {@code earlier} to {@code later} (the precision of the stored timestamps). */
    private static String micros(String later, String earlier) {
        return "cast(round((extract(epoch from " + later + ") - extract(epoch from " + earlier + ")) * 1000000) as bigint)";
    }

    private static String nonNegative(String e) {
        // Not greatest(e, 0): PostgreSQL's greatest ignores nulls, and an unknown duration must stay null.
        return "case when " + e + " < 0 then 0 else " + e + " end";
    }

    /**
     * The durations the reports aggregate (V1501), from the stored instants, as {@code reports.IncidentFigures}
     * defines them: to acknowledge, to detect, to recover, customer impact. The migration fills them the same way.
     */
    static final String INCIDENT_DURATIONS = "tta_us = " + nonNegative(micros("assigned_at", "declared_at"))
            + ", ttd_us = " + nonNegative(micros("detected_at", "impact_started_at"))
            + ", ttr_us = " + nonNegative(micros("resolved_at", "coalesce(impact_started_at, detected_at, declared_at)"))
            + ", impact_us = " + nonNegative(micros("resolved_at", "impact_started_at"));

    /** From sending to the answer from that message. */
    static final String ANSWER_DURATION = "answer_us = " + micros("answered_at", "sent_at");

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ReportStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** The filter attributes copied onto pages, deliveries, postmortems and items of an incident. */
    public record Attributes(UUID serviceId, UUID teamId, Integer severity, String priority) {
        static final Attributes NONE = new Attributes(null, null, null, null);
    }

    public record IncidentRow(UUID incidentId, String key, UUID serviceId, UUID teamId, int severity, String priority,
            Instant declaredAt, Instant assignedAt, Instant impactStartedAt, Instant detectedAt, Instant resolvedAt) {
    }

    public void putIncident(IncidentRow r) {
        Object[] values = {r.key(), r.serviceId(), r.teamId(), r.severity(), r.priority(), ts(r.declaredAt()),
                ts(r.assignedAt()), ts(r.impactStartedAt()), ts(r.detectedAt()), ts(r.resolvedAt()), r.incidentId()};
        upsert("""
                update report_incident set incident_key = ?, service_id = ?, team_id = ?, severity = ?, priority = ?,
                declared_at = ?, assigned_at = ?, impact_started_at = ?, detected_at = ?, resolved_at = ?
                where incident_id = ?""", """
                insert into report_incident (incident_key, service_id, team_id, severity, priority, declared_at,
                assigned_at, impact_started_at, detected_at, resolved_at, incident_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", values);
        jdbc.sql("update report_incident set " + INCIDENT_DURATIONS + " where incident_id = ?").param(r.incidentId())
                .update();
    }

    /** Computes the stored durations of every row again (for rows written in bulk, as the benchmark does). */
    public void refreshDurations() {
        jdbc.sql("update report_incident set " + INCIDENT_DURATIONS).update();
        jdbc.sql("update report_delivery set " + ANSWER_DURATION).update();
    }

    public record AlertRow(UUID alertId, UUID serviceId, UUID teamId, UUID incidentId, Instant at) {
    }

    /** A batch of triggered alerts in one or two statements: new ones inserted, known ones (a re-trigger) refreshed. */
    public void putAlerts(List<AlertRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int[] inserted = batch.batchUpdate("insert into report_alert (service_id, team_id, incident_id, triggered_at,"
                + " alert_id) values (?, ?, ?, ?, ?) on conflict do nothing", values(rows));
        var known = new ArrayList<AlertRow>();
        for (int i = 0; i < rows.size(); i++) {
            // Anything but "1 row" (a conflict, or a driver that reports no count) is refreshed: the update is idempotent.
            if (inserted[i] != 1) {
                known.add(rows.get(i));
            }
        }
        if (!known.isEmpty()) {
            batch.batchUpdate("update report_alert set service_id = ?, team_id = ?, incident_id = coalesce(?, incident_id),"
                    + " triggered_at = ? where alert_id = ?", values(known));
        }
    }

    private static List<Object[]> values(List<AlertRow> rows) {
        return rows.stream().map(r -> new Object[] {r.serviceId(), r.teamId(), r.incidentId(), ts(r.at()), r.alertId()})
                .toList();
    }

    /** Alerts that joined an incident after they were triggered, in one batched statement. */
    public void linkAlerts(List<AlertRow> links) {
        if (!links.isEmpty()) {
            batch.batchUpdate("update report_alert set incident_id = ? where alert_id = ?",
                    links.stream().map(l -> new Object[] {l.incidentId(), l.alertId()}).toList());
        }
    }

    /** What pages and deliveries about this subject are counted under. */
    public Attributes attributesOf(String subjectType, String subjectId) {
        if (subjectType == null || subjectId == null) {
            return Attributes.NONE;
        }
        UUID id;
        try {
            id = UUID.fromString(subjectId);
        } catch (IllegalArgumentException e) {
            return Attributes.NONE;
        }
        if ("incident".equals(subjectType)) {
            return incidentAttributes(id).orElse(Attributes.NONE);
        }
        if ("alert".equals(subjectType)) {
            var alert = jdbc.sql("select service_id, team_id, incident_id from report_alert where alert_id = ?").param(id)
                    .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class)})
                    .optional();
            if (alert.isEmpty()) {
                return Attributes.NONE;
            }
            var a = alert.get();
            if (a[2] != null) {
                var incident = incidentAttributes((UUID) a[2]);
                if (incident.isPresent()) {
                    return incident.get();
                }
            }
            return new Attributes((UUID) a[0], (UUID) a[1], null, null);
        }
        return Attributes.NONE;
    }

    public Optional<Attributes> incidentAttributes(UUID incidentId) {
        if (incidentId == null) {
            return Optional.empty();
        }
        return jdbc.sql("select service_id, team_id, severity, priority from report_incident where incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> new Attributes(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        (Integer) rs.getObject(3), rs.getString(4)))
                .optional();
    }

    /** The first page of a person about a subject; repeats (other contact methods, later levels) are no new page. */
    public void addPage(UUID userId, String subjectType, String subjectId, Attributes a, Instant at, boolean night,
            boolean weekend) {
        // A person already paged about it: nothing more (ON CONFLICT without a target is portable).
        jdbc.sql("""
                insert into report_page (user_id, subject_type, subject_id, service_id, team_id, severity, priority,
                paged_at, at_night, on_weekend) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(userId, subjectType, subjectId, a.serviceId(), a.teamId(), a.severity(), a.priority(),
                        ts(at), night, weekend)
                .update();
    }

    public void acknowledged(UUID userId, String subjectType, String subjectId, Instant at) {
        jdbc.sql("update report_page set acked_at = ? where user_id = ? and subject_type = ? and subject_id = ?"
                        + " and acked_at is null and paged_at <= ?")
                .params(ts(at), userId, subjectType, subjectId, ts(at)).update();
    }

    public void addDelivery(UUID deliveryId, UUID userId, String channel, String kind, String subjectType,
            String subjectId, Attributes a, Instant at) {
        jdbc.sql("""
                insert into report_delivery (delivery_id, user_id, channel, kind, subject_type, subject_id, service_id,
                team_id, severity, priority, queued_at, status, delivered) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                'PENDING', false) on conflict do nothing""")
                .params(deliveryId, userId, channel, kind, subjectType, subjectId, a.serviceId(), a.teamId(),
                        a.severity(), a.priority(), ts(at))
                .update();
    }

    /**
     * A delivery went out or failed for good. Channels without receipts count as delivered once the provider took
     * the message; SMS receipts ({@link #receipt}) correct that.
     */
    public void deliveryFinished(UUID deliveryId, String status, Instant at) {
        boolean sent = "SENT".equals(status);
        // The time to answer in the same statement (one row version per event): from the new sending instant,
        // truncated to the microsecond so that the stored instant and the duration agree exactly.
        var sentAt = sent ? micros(at) : null;
        jdbc.sql("update report_delivery set status = ?, sent_at = ?, delivered = ?, answer_us = "
                        + micros("answered_at", "cast(? as timestamp with time zone)") + " where delivery_id = ?")
                .params(status, sentAt, sent, sentAt, deliveryId).update();
    }

    private static Timestamp micros(Instant at) {
        return Timestamp.from(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    public void receipt(UUID deliveryId, boolean delivered) {
        jdbc.sql("update report_delivery set delivered = ? where delivery_id = ?").params(delivered, deliveryId).update();
    }

    public void answered(UUID deliveryId, Instant at) {
        jdbc.sql("update report_delivery set answered_at = ?, answer_us = "
                        + micros("cast(? as timestamp with time zone)", "sent_at")
                        + " where delivery_id = ? and answered_at is null")
                .params(micros(at), micros(at), deliveryId).update();
    }

    public void putShift(UUID scheduleId, UUID userId, UUID teamId, Instant start, Instant end) {
        // A shift recorded in two runs (it spanned the watermark) continues the earlier piece.
        int extended = jdbc.sql("update report_shift set end_at = ? where schedule_id = ? and user_id = ? and end_at = ?")
                .params(ts(end), scheduleId, userId, ts(start)).update();
        if (extended == 0) {
            upsert("update report_shift set team_id = ?, end_at = ? where schedule_id = ? and user_id = ? and start_at = ?",
                    "insert into report_shift (team_id, end_at, schedule_id, user_id, start_at) values (?, ?, ?, ?, ?)",
                    new Object[] {teamId, ts(end), scheduleId, userId, ts(start)});
        }
    }

    public void postmortemDrafted(UUID postmortemId, UUID incidentId, Attributes a, Instant at, java.time.LocalDate dueOn,
            Instant dueBy) {
        upsert("""
                update report_postmortem set incident_id = ?, service_id = ?, team_id = ?, severity = ?, priority = ?,
                drafted_at = ?, due_on = ?, due_by = ? where postmortem_id = ?""", """
                insert into report_postmortem (incident_id, service_id, team_id, severity, priority, drafted_at, due_on,
                due_by, postmortem_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                new Object[] {incidentId, a.serviceId(), a.teamId(), a.severity(), a.priority(), ts(at), dueOn, ts(dueBy),
                        postmortemId});
    }

    public void postmortemPublished(UUID postmortemId, Instant at) {
        jdbc.sql("update report_postmortem set published_at = ? where postmortem_id = ? and published_at is null")
                .params(ts(at), postmortemId).update();
    }

    public void putActionItem(UUID itemId, UUID incidentId, Attributes a, String status, Instant createdAt,
            Instant dueBy, Instant doneAt) {
        upsert("""
                update report_action_item set incident_id = ?, service_id = ?, team_id = ?, severity = ?, priority = ?,
                status = ?, created_at = ?, due_by = ?, done_at = ? where item_id = ?""", """
                insert into report_action_item (incident_id, service_id, team_id, severity, priority, status, created_at,
                due_by, done_at, item_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                new Object[] {incidentId, a.serviceId(), a.teamId(), a.severity(), a.priority(), status, ts(createdAt),
                        ts(dueBy), ts(doneAt), itemId});
    }

    public Optional<Instant> watermark(String name) {
        return jdbc.sql("select recorded_until from report_watermark where name = ?").param(name)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    public void setWatermark(String name, Instant until) {
        upsert("update report_watermark set recorded_until = ? where name = ?",
                "insert into report_watermark (recorded_until, name) values (?, ?)", new Object[] {ts(until), name});
    }

    /** Empties the report tables before a rebuild (in the rebuild's transaction). */
    public void clear(List<String> tables) {
        for (var t : tables) {
            if (!t.startsWith("report_")) {
                throw new IllegalArgumentException(t);
            }
            jdbc.sql("delete from " + t).update();
        }
    }

    private void upsert(String update, String insert, Object[] values) {
        // Insert with ON CONFLICT DO NOTHING: a failed insert would abort the transaction on PostgreSQL.
        if (jdbc.sql(update).params(values).update() == 0 && jdbc.sql(insert + " on conflict do nothing").params(values)
                .update() == 0) {
            jdbc.sql(update).params(values).update();
        }
    }

    static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
