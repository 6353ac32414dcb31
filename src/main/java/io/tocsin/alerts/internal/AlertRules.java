package io.tocsin.alerts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.Versions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The per-service alert rules; every service that takes alerts has a row (created with the defaults). */
@Component
@Transactional
public class AlertRules {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Catalog catalog;
    private final AuditLog audit;
    private final java.util.concurrent.ConcurrentHashMap<UUID, CachedRule> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(5);

    private record CachedRule(AlertRule rule, java.time.Instant until) {
    }

    AlertRules(JdbcClient jdbc, JsonMapper json, Clock clock, Catalog catalog, AuditLog audit) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * The rule as ingest reads it for every new alert: cached for a few seconds (a change made on this node
     * applies at once, one made on another node within {@link #CACHE_TTL}).
     */
    public AlertRule cached(UUID serviceId) {
        var now = clock.instant();
        var hit = cache.get(serviceId);
        if (hit != null && hit.until().isAfter(now)) {
            return hit.rule();
        }
        var rule = of(serviceId);
        cache.put(serviceId, new CachedRule(rule, now.plus(CACHE_TTL)));
        return rule;
    }

    @Transactional(readOnly = true)
    public AlertRule of(UUID serviceId) {
        return jdbc.sql("select * from alert_rule where service_id = ?").param(serviceId).query(this::map).optional()
                .orElseGet(() -> AlertRule.defaults(serviceId));
    }

    /**
     * Locks the service's rule row for the rest of the transaction: new alerts of one service that may open an
     * incident take turns here, so two arriving at once open one incident, not two.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public AlertRule lock(UUID serviceId) {
        return jdbc.sql("select * from alert_rule where service_id = ? for update").param(serviceId).query(this::map)
                .optional().orElseThrow(() -> new IllegalStateException("no alert rule row for service " + serviceId));
    }

    /** Creates the default row unless the service has one; called when a service gets its first way in. */
    public void ensure(UUID serviceId) {
        if (jdbc.sql("select count(*) from alert_rule where service_id = ?").param(serviceId).query(Long.class)
                .single() > 0) {
            return;
        }
        try {
            insert(AlertRule.defaults(serviceId));
        } catch (DuplicateKeyException alreadyThere) {
            // another request created it first: fine, there is exactly one
        }
    }

    public AlertRule update(AlertRule wanted, Long expectedVersion, String ifMatch) {
        catalog.findService(wanted.serviceId()).orElseThrow(() -> new NotFoundException("service", wanted.serviceId()));
        var violations = new ArrayList<FieldViolation>();
        if (wanted.criticalIncidentSeverity() < 1 || wanted.criticalIncidentSeverity() > 2) {
            violations.add(new FieldViolation("criticalIncidentSeverity", "must be 1 or 2"));
        }
        if (wanted.thresholdIncidentSeverity() < 1 || wanted.thresholdIncidentSeverity() > 3) {
            violations.add(new FieldViolation("thresholdIncidentSeverity", "must be 1, 2 or 3"));
        }
        if (wanted.thresholdCount() < 0 || wanted.thresholdCount() > 10_000) {
            violations.add(new FieldViolation("thresholdCount", "must be 0 (off) to 10000"));
        }
        if (wanted.thresholdMinutes() < 1 || wanted.thresholdMinutes() > 24 * 60) {
            violations.add(new FieldViolation("thresholdMinutes", "must be 1 to 1440"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        ensure(wanted.serviceId());
        var current = of(wanted.serviceId());
        Versions.check(ifMatch, expectedVersion, current.version());
        var map = new LinkedHashMap<String, AlertSeverity>();
        if (wanted.severityMap() != null) {
            wanted.severityMap().forEach((k, v) -> map.put(k.strip().toLowerCase(Locale.ROOT), v));
        }
        jdbc.sql("""
                update alert_rule set open_on_critical = ?, critical_incident_severity = ?, threshold_count = ?,
                       threshold_minutes = ?, threshold_incident_severity = ?, attach_to_open_incident = ?,
                       resolve_incident_with_alerts = ?, severity_map = ?, updated_at = ?, version = version + 1
                where service_id = ?""")
                .params(wanted.openOnCritical(), wanted.criticalIncidentSeverity(), wanted.thresholdCount(),
                        wanted.thresholdMinutes(), wanted.thresholdIncidentSeverity(), wanted.attachToOpenIncident(),
                        wanted.resolveIncidentWithAlerts(), json.writeValueAsString(map),
                        Timestamp.from(clock.instant()), wanted.serviceId())
                .update();
        cache.remove(wanted.serviceId());
        audit.record(CurrentActor.get(), "alert-rule.updated", "service", wanted.serviceId(), null);
        return of(wanted.serviceId());
    }

    private void insert(AlertRule r) {
        jdbc.sql("""
                insert into alert_rule (service_id, open_on_critical, critical_incident_severity, threshold_count,
                       threshold_minutes, threshold_incident_severity, attach_to_open_incident,
                       resolve_incident_with_alerts, severity_map, updated_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(r.serviceId(), r.openOnCritical(), r.criticalIncidentSeverity(), r.thresholdCount(),
                        r.thresholdMinutes(), r.thresholdIncidentSeverity(), r.attachToOpenIncident(),
                        r.resolveIncidentWithAlerts(), "{}", Timestamp.from(clock.instant()))
                .update();
    }

    private AlertRule map(ResultSet rs, int n) throws SQLException {
        String mapText = rs.getString("severity_map");
        Map<String, AlertSeverity> map = mapText == null || mapText.isBlank() ? Map.of()
                : json.readValue(mapText, new TypeReference<Map<String, AlertSeverity>>() {
                });
        return new AlertRule(rs.getObject("service_id", UUID.class), rs.getBoolean("open_on_critical"),
                rs.getInt("critical_incident_severity"), rs.getInt("threshold_count"), rs.getInt("threshold_minutes"),
                rs.getInt("threshold_incident_severity"), rs.getBoolean("attach_to_open_incident"),
                rs.getBoolean("resolve_incident_with_alerts"), map, rs.getLong("version"));
    }
}
