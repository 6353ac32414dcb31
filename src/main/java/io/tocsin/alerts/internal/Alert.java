package io.tocsin.alerts.internal;

import java.time.Instant;
import java.util.UUID;

import io.tocsin.alerts.AlertEvents;
import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.AlertStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A technical signal (R4), separate from incidents. Guards its own transitions: triggered, acknowledged,
 * resolved; a resolved alert never reopens (a new trigger with the same key opens a new alert). Repeats of an
 * open alert are counted set-based by {@link AlertIngest} (one UPDATE on the hot path), not through this class.
 */
@Table("alert")
public class Alert extends AbstractAggregateRoot<Alert> {

    @Id
    private UUID id;
    private UUID serviceId;
    private UUID integrationId;
    private UUID heartbeatId;
    private UUID scopeId;
    private String dedupKey;
    private String openDedupKey;
    private String origin;
    private AlertStatus status;
    private AlertSeverity severity;
    private String sourceSeverity;
    private String summary;
    private String source;
    private String details;
    private String links;
    private long eventCount;
    private Instant firstSeenAt;
    private Instant lastSeenAt;
    private Instant acknowledgedAt;
    private String acknowledgedBy;
    private Instant resolvedAt;
    private String resolvedBy;
    private UUID incidentId;
    private boolean inMaintenance;
    private boolean pages;
    @Version
    private Long version;

    Alert() {
    }

    static Alert open(Signal s, UUID serviceId, UUID integrationId, UUID heartbeatId, UUID scopeId, String dedupKey,
            AlertSeverity severity, boolean inMaintenance, Instant now) {
        var a = new Alert();
        a.id = UUID.randomUUID();
        a.serviceId = serviceId;
        a.integrationId = integrationId;
        a.heartbeatId = heartbeatId;
        a.scopeId = scopeId;
        a.dedupKey = dedupKey;
        a.openDedupKey = dedupKey;
        a.origin = s.origin();
        a.status = AlertStatus.TRIGGERED;
        a.severity = severity;
        a.sourceSeverity = s.sourceSeverity();
        a.summary = s.summary();
        a.source = s.source();
        a.details = s.details();
        a.links = s.links();
        a.eventCount = 1;
        a.firstSeenAt = now;
        a.lastSeenAt = now;
        a.inMaintenance = inMaintenance;
        a.pages = !inMaintenance;
        return a;
    }

    /** Announces the new alert once its incident decision is made; called exactly once, before the first save. */
    void announce(Instant now) {
        registerEvent(new AlertEvents.AlertTriggered(id, serviceId, integrationId, dedupKey, severity, summary, origin,
                pages, inMaintenance, incidentId, now));
    }

    /** The columns of table {@code alert} in order, for the plain INSERT of a new alert (see AlertIngest). */
    static final String INSERT = """
            insert into alert (id, service_id, integration_id, heartbeat_id, scope_id, dedup_key, open_dedup_key, origin,
                   status, severity, source_severity, summary, source, details, links, event_count, first_seen_at,
                   last_seen_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, incident_id,
                   in_maintenance, pages, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Values for {@link #INSERT}; the version starts at 0 as Spring Data JDBC starts it. */
    Object[] insertValues() {
        version = 0L;
        return new Object[] {id, serviceId, integrationId, heartbeatId, scopeId, dedupKey, openDedupKey, origin,
                status.name(), severity.name(), sourceSeverity, summary, source, details, links, eventCount,
                timestamp(firstSeenAt), timestamp(lastSeenAt), timestamp(acknowledgedAt), acknowledgedBy,
                timestamp(resolvedAt), resolvedBy, incidentId, inMaintenance, pages, version};
    }

    private static java.sql.Timestamp timestamp(Instant at) {
        return at == null ? null : java.sql.Timestamp.from(at);
    }

    /** The domain events recorded since the last save, handed over once (the caller publishes them). */
    java.util.List<Object> takeEvents() {
        var events = java.util.List.copyOf(domainEvents());
        clearDomainEvents();
        return events;
    }

    /** Returns false when there was nothing to do (already acknowledged or resolved). */
    boolean acknowledge(String by, Instant now) {
        if (status != AlertStatus.TRIGGERED) {
            return false;
        }
        status = AlertStatus.ACKNOWLEDGED;
        acknowledgedAt = now;
        acknowledgedBy = by;
        registerEvent(new AlertEvents.AlertAcknowledged(id, serviceId, dedupKey, by, now));
        return true;
    }

    boolean resolve(String by, Instant now) {
        if (status == AlertStatus.RESOLVED) {
            return false;
        }
        status = AlertStatus.RESOLVED;
        openDedupKey = null;
        resolvedAt = now;
        resolvedBy = by;
        registerEvent(new AlertEvents.AlertResolved(id, serviceId, dedupKey, incidentId, by, now));
        return true;
    }

    void linkTo(UUID incidentId, String incidentKey, Instant now) {
        this.incidentId = incidentId;
        registerEvent(new AlertEvents.AlertLinkedToIncident(id, serviceId, incidentId, incidentKey, now));
    }

    public UUID id() {
        return id;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public UUID integrationId() {
        return integrationId;
    }

    public UUID heartbeatId() {
        return heartbeatId;
    }

    /** The integration, heartbeat or (deduplicated per service) service its key belongs to. */
    public UUID scopeId() {
        return scopeId;
    }

    /** Deduplicated per service: its sources are recorded one by one ({@link AlertSources}). */
    public boolean serviceScoped() {
        return scopeId.equals(serviceId);
    }

    public String dedupKey() {
        return dedupKey;
    }

    public String origin() {
        return origin;
    }

    public AlertStatus status() {
        return status;
    }

    public AlertSeverity severity() {
        return severity;
    }

    public String sourceSeverity() {
        return sourceSeverity;
    }

    public String summary() {
        return summary;
    }

    public String source() {
        return source;
    }

    public String details() {
        return details;
    }

    public String links() {
        return links;
    }

    public long eventCount() {
        return eventCount;
    }

    public Instant firstSeenAt() {
        return firstSeenAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }

    public UUID incidentId() {
        return incidentId;
    }

    public boolean inMaintenance() {
        return inMaintenance;
    }

    public boolean pages() {
        return pages;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
