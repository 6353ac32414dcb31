package io.tocsin.alerts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.shared.ClusterSignals;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-service alert rules as ingest reads them; every service that takes alerts has a row (created with the
 * defaults). {@link AlertRuleChanges} changes them.
 */
@Component
@Transactional
public class AlertRules {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final java.util.concurrent.ConcurrentHashMap<UUID, CachedRule> cache = new java.util.concurrent.ConcurrentHashMap<>();

    private static final java.time.Duration CACHE_TTL = java.time.Duration.ofSeconds(5);

    private record CachedRule(AlertRule rule, java.time.Instant until) {
    }

    private final ClusterSignals cluster;

    static final String TOPIC = "alerts.rule";

    AlertRules(JdbcClient jdbc, JsonMapper json, Clock clock, ClusterSignals cluster) {
        this.cluster = cluster;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The rule as ingest reads it for every new alert: cached for a few seconds (a change applies at once on this
     * node and, through {@link ClusterSignals}, on the others as soon as it commits; {@link #CACHE_TTL} bounds the
     * staleness should a signal be lost).
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

    /** Forgets the cached rule of a service on this node (after a change committed). */
    void evict(UUID serviceId) {
        cache.remove(serviceId);
    }

    /** In the change's transaction: the other nodes forget the rule when it commits. */
    void tellOtherNodes(UUID serviceId) {
        cluster.publish(TOPIC, serviceId.toString());
    }

    @org.springframework.context.event.EventListener
    void on(ClusterSignals.Signal signal) {
        if (signal.everything()) {
            cache.clear();
        } else if (signal.is(TOPIC)) {
            cache.remove(UUID.fromString(signal.subject()));
        }
    }

    private void insert(AlertRule r) {
        jdbc.sql("""
                insert into alert_rule (service_id, open_on_critical, critical_incident_severity, threshold_count,
                       threshold_minutes, threshold_incident_severity, attach_to_open_incident,
                       resolve_incident_with_alerts, severity_map, dedup_scope, updated_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(r.serviceId(), r.openOnCritical(), r.criticalIncidentSeverity(), r.thresholdCount(),
                        r.thresholdMinutes(), r.thresholdIncidentSeverity(), r.attachToOpenIncident(),
                        r.resolveIncidentWithAlerts(), "{}", r.dedupScope().name(), Timestamp.from(clock.instant()))
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
                rs.getBoolean("resolve_incident_with_alerts"), map, DedupScope.valueOf(rs.getString("dedup_scope")),
                rs.getLong("version"));
    }
}
