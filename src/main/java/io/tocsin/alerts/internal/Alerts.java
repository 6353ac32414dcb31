package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.AlertStatus;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Incident;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Alerts as people see and handle them (R4): search, read with history, acknowledge, resolve, promote. */
@Component
@Transactional
public class Alerts {

    private final AlertRepository alerts;
    private final AlertIngest ingest;
    private final IncidentLinker linker;
    private final AlertEventLog log;
    private final AlertSources sources;
    private final JdbcClient jdbc;

    Alerts(AlertRepository alerts, AlertIngest ingest, IncidentLinker linker, AlertEventLog log, AlertSources sources,
            JdbcClient jdbc) {
        this.alerts = alerts;
        this.ingest = ingest;
        this.linker = linker;
        this.log = log;
        this.sources = sources;
        this.jdbc = jdbc;
    }

    public record Filter(Set<AlertStatus> statuses, Set<AlertSeverity> severities, UUID serviceId, UUID incidentId,
            String text, Instant from, Instant to, int limit, int offset) {
    }

    @Transactional(readOnly = true)
    public List<Alert> list(Filter f) {
        var sql = new StringBuilder("select id from alert where 1 = 1");
        var params = new ArrayList<Object>();
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            sql.append(" and status in (").append(String.join(", ", java.util.Collections.nCopies(f.statuses().size(), "?")))
                    .append(')');
            f.statuses().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (f.severities() != null && !f.severities().isEmpty()) {
            sql.append(" and severity in (")
                    .append(String.join(", ", java.util.Collections.nCopies(f.severities().size(), "?"))).append(')');
            f.severities().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (f.serviceId() != null) {
            sql.append(" and service_id = ?");
            params.add(f.serviceId());
        }
        if (f.incidentId() != null) {
            sql.append(" and incident_id = ?");
            params.add(f.incidentId());
        }
        if (f.text() != null && !f.text().isBlank()) {
            sql.append(" and (summary ilike ? or dedup_key ilike ? or source ilike ?)");
            String like = "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (f.from() != null) {
            sql.append(" and last_seen_at >= ?");
            params.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and first_seen_at < ?");
            params.add(Timestamp.from(f.to()));
        }
        // Open alerts first, the most severe and the most recent on top.
        sql.append(" order by case when status = 'RESOLVED' then 1 else 0 end,"
                + " case severity when 'CRITICAL' then 0 when 'ERROR' then 1 when 'WARNING' then 2 else 3 end,"
                + " last_seen_at desc, id limit ? offset ?");
        params.add(Math.max(1, Math.min(f.limit(), 500)));
        params.add(Math.max(0, f.offset()));
        var ids = jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
        var byId = new java.util.HashMap<UUID, Alert>();
        alerts.findAllById(ids).forEach(a -> byId.put(a.id(), a));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    @Transactional(readOnly = true)
    public Alert get(UUID id) {
        return alerts.findById(id).orElseThrow(() -> new NotFoundException("alert", id));
    }

    @Transactional(readOnly = true)
    public List<AlertEventLog.Entry> history(UUID id) {
        get(id);
        return log.of(id);
    }

    /** Every integration that reported the alert (one, unless the service deduplicates per service). */
    @Transactional(readOnly = true)
    public List<AlertSources.AlertSource> sources(UUID id) {
        return sources.of(get(id));
    }

    @Transactional(readOnly = true)
    public List<Members.Member> members(UUID id) {
        return jdbc.sql("select fingerprint, status, name, starts_at, ends_at from alert_member where alert_id = ?"
                + " order by fingerprint").param(id)
                .query((rs, n) -> new Members.Member(rs.getString(1), rs.getString(2), rs.getString(3),
                        instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5))))
                .list();
    }

    public Alert acknowledge(UUID id) {
        var alert = locked(id);
        if (alert.status() == AlertStatus.RESOLVED) {
            throw new ConflictException("alert-resolved", "The alert is already resolved");
        }
        ingest.apply(alert, CurrentActor.get().name(), true);
        return get(id);
    }

    public Alert resolve(UUID id) {
        var alert = locked(id);
        ingest.apply(alert, CurrentActor.get().name(), false);
        return get(id);
    }

    /** Opens an incident from an alert that has none (R3: a person decides it matters). */
    public Incident promote(UUID id, int severity, String summary) {
        var alert = locked(id);
        if (alert.incidentId() != null) {
            throw new ConflictException("alert-has-incident", "The alert already belongs to an incident");
        }
        if (severity < 1 || severity > 3) {
            throw new InvalidInputException("severity", "must be 1, 2 or 3");
        }
        var incident = linker.promote(alert, severity, summary);
        alerts.save(alert);
        log.record(alert.id(), AlertHistoryKind.PROMOTED, CurrentActor.get().name(), "promoted to incident " + incident.key(),
                incident.declaredAt());
        return incident;
    }

    private Alert locked(UUID id) {
        return alerts.lockById(id).orElseThrow(() -> new NotFoundException("alert", id));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
