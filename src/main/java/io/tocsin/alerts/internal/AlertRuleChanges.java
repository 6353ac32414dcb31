package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.Versions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Changes a service's alert rule (admin API). A change of the dedup scope also moves the service's open alerts into
 * the new scope in the same transaction ({@link DedupScopeChange}), so no open alert is left where new events no
 * longer look.
 */
@Component
@Transactional
public class AlertRuleChanges {

    private final AlertRules rules;
    private final DedupScopeChange scopeChange;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Catalog catalog;
    private final AuditLog audit;

    AlertRuleChanges(AlertRules rules, DedupScopeChange scopeChange, JdbcClient jdbc, JsonMapper json, Clock clock,
            Catalog catalog, AuditLog audit) {
        this.rules = rules;
        this.scopeChange = scopeChange;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** Replaces the rule; a {@code dedupScope} of null keeps the current one (changing it moves open alerts). */
    public AlertRule update(AlertRule wanted, Long expectedVersion, String ifMatch) {
        catalog.configurable(wanted.serviceId());
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
        rules.ensure(wanted.serviceId());
        var current = rules.lock(wanted.serviceId());
        Versions.check(ifMatch, expectedVersion, current.version());
        var map = new LinkedHashMap<String, AlertSeverity>();
        if (wanted.severityMap() != null) {
            wanted.severityMap().forEach((k, v) -> map.put(k.strip().toLowerCase(Locale.ROOT), v));
        }
        var scope = wanted.dedupScope() != null ? wanted.dedupScope() : current.dedupScope();
        jdbc.sql("""
                update alert_rule set open_on_critical = ?, critical_incident_severity = ?, threshold_count = ?,
                       threshold_minutes = ?, threshold_incident_severity = ?, attach_to_open_incident = ?,
                       resolve_incident_with_alerts = ?, severity_map = ?, dedup_scope = ?, updated_at = ?,
                       version = version + 1
                where service_id = ?""")
                .params(wanted.openOnCritical(), wanted.criticalIncidentSeverity(), wanted.thresholdCount(),
                        wanted.thresholdMinutes(), wanted.thresholdIncidentSeverity(), wanted.attachToOpenIncident(),
                        wanted.resolveIncidentWithAlerts(), json.writeValueAsString(map), scope.name(),
                        Timestamp.from(clock.instant()), wanted.serviceId())
                .update();
        if (scope != current.dedupScope()) {
            scopeChange.apply(wanted.serviceId(), scope);
        }
        // Evicted now and again after the commit: a reader between the two would cache the old rule for its TTL.
        rules.evict(wanted.serviceId());
        rules.tellOtherNodes(wanted.serviceId());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                rules.evict(wanted.serviceId());
            }
        });
        // Before and after of what changed (issue 15 point 4).
        audit.record(CurrentActor.get(), "alert-rule.updated", "service", wanted.serviceId(), io.tocsin.identity.Changes
                .of().field("openOnCritical", current.openOnCritical(), wanted.openOnCritical())
                .field("criticalIncidentSeverity", current.criticalIncidentSeverity(), wanted.criticalIncidentSeverity())
                .field("thresholdCount", current.thresholdCount(), wanted.thresholdCount())
                .field("thresholdMinutes", current.thresholdMinutes(), wanted.thresholdMinutes())
                .field("thresholdIncidentSeverity", current.thresholdIncidentSeverity(),
                        wanted.thresholdIncidentSeverity())
                .field("attachToOpenIncident", current.attachToOpenIncident(), wanted.attachToOpenIncident())
                .field("resolveIncidentWithAlerts", current.resolveIncidentWithAlerts(),
                        wanted.resolveIncidentWithAlerts())
                .field("severityMap", current.severityMap(), map).field("dedupScope", current.dedupScope(), scope)
                .toString());
        return rules.of(wanted.serviceId());
    }
}
