package io.tocsin.incidents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.identity.Actor;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.Versions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares incidents and applies every change to them. Each change loads the aggregate, checks the caller's
 * version, lets the aggregate guard the transition, and saves it; the aggregate's events then write the
 * timeline in the same transaction.
 */
@Component
@Transactional
public class Incidents {

    private final IncidentRepository incidents;
    private final IncidentSettings settings;
    private final Catalog catalog;
    private final Identity identity;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    Incidents(IncidentRepository incidents, IncidentSettings settings, Catalog catalog, Identity identity,
            AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.incidents = incidents;
        this.settings = settings;
        this.catalog = catalog;
        this.identity = identity;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The version a client based its change on: an {@code If-Match} header and/or a {@code version} field. */
    public record Expect(String ifMatch, Long version) {
        public static final Expect ANY = new Expect(null, null);
    }

    public Incident declare(Incident.Declaration d) {
        return declare(d, CurrentActor.get());
    }

    /** Declares on behalf of an actor; automatic sources (alerts, heartbeats) pass {@link Actor#SYSTEM}. */
    public Incident declare(Incident.Declaration d, Actor actor) {
        var violations = new ArrayList<FieldViolation>();
        if (d.summary() == null || d.summary().isBlank()) {
            violations.add(new FieldViolation("summary", "must not be blank"));
        } else if (d.summary().strip().length() > Incident.MAX_SUMMARY) {
            violations.add(new FieldViolation("summary", "must be at most " + Incident.MAX_SUMMARY + " characters"));
        }
        if (d.description() != null && d.description().length() > Incident.MAX_DESCRIPTION) {
            violations.add(new FieldViolation("description",
                    "must be at most " + Incident.MAX_DESCRIPTION + " characters"));
        }
        if (d.severity() < 1 || d.severity() > 3) {
            violations.add(new FieldViolation("severity", "must be 1, 2 or 3"));
        }
        UUID serviceId = d.serviceId() == null ? Service.UNKNOWN_ID : d.serviceId();
        if (catalog.findService(serviceId).isEmpty()) {
            violations.add(new FieldViolation("serviceId", "no service with id " + serviceId));
        }
        checkProducts(d.productIds(), violations);
        String category = category(d.category(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var urgency = d.urgency() != null ? d.urgency() : defaultUrgency(d.severity());
        var impact = d.impact() != null ? d.impact() : defaultImpact(d.severity());
        long number = jdbc.sql("select nextval('incident_number_seq')").query(Long.class).single();
        String key = settings.getKeyPrefix() + "-" + number;
        var normalized = new Incident.Declaration(d.summary(), d.description(), d.reporterContact(), d.severity(),
                serviceId, d.productIds(), urgency, impact, category, d.source(), d.impactStartedAt(),
                d.detectedAt());
        var incident = Incident.declare(number, key, normalized, settings.matrix().priority(urgency, impact), actor,
                clock.instant());
        incidents.save(incident);
        audit.record(actor, "incident.declared", "incident", incident.id(), key + " " + incident.summary());
        return incident;
    }

    @Transactional(readOnly = true)
    public Incident get(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("incident", ref));
    }

    /** Finds by key (e.g. {@code INC-42}, any case) or by id. */
    @Transactional(readOnly = true)
    public Optional<Incident> find(String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        try {
            return incidents.findById(UUID.fromString(ref));
        } catch (IllegalArgumentException notAUuid) {
            return incidents.findByIncidentKey(ref.strip().toUpperCase(Locale.ROOT));
        }
    }

    @Transactional(readOnly = true)
    public Optional<Incident> find(UUID id) {
        return incidents.findById(id);
    }

    /**
     * Locks the incident's row until the caller's transaction ends and returns the incident as committed by then.
     * Decisions about an incident made from facts kept elsewhere (all its alerts resolved, which alerts of a storm
     * are listed) take turns here, so two concurrent transactions see each other's outcome instead of each missing
     * the other's.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<IncidentSummary> lock(UUID id) {
        return jdbc.sql(SUMMARY_COLUMNS + " from incident where id = ? for update").param(id)
                .query(Incidents::summary).optional();
    }

    public Incident assignManager(String ref, UUID managerId, Expect expect) {
        var manager = identity.findUser(managerId)
                .orElseThrow(() -> new InvalidInputException("userId", "no user with id " + managerId));
        if (!manager.active() || manager.role() == Role.STAKEHOLDER) {
            throw new InvalidInputException("userId",
                    manager.name() + " cannot be incident manager (needs an active responder or admin)");
        }
        return change(ref, expect, "incident.manager-assigned",
                i -> i.assignManager(manager.id(), manager.name(), CurrentActor.get(), clock.instant()));
    }

    public Incident resolve(String ref, Instant at, String reason, Expect expect) {
        return change(ref, expect, "incident.resolved", i -> i.resolve(at, reason, CurrentActor.get(), clock.instant()));
    }

    public Incident reopen(String ref, String reason, Expect expect) {
        return change(ref, expect, "incident.reopened", i -> i.reopen(reason, CurrentActor.get(), clock.instant()));
    }

    public Incident close(String ref, String reason, Expect expect) {
        return change(ref, expect, "incident.closed", i -> i.close(reason, CurrentActor.get(), clock.instant()));
    }

    public Incident changeSeverity(String ref, int severity, String reason, Expect expect) {
        return change(ref, expect, "incident.severity-changed",
                i -> i.changeSeverity(severity, reason, CurrentActor.get(), clock.instant()));
    }

    public Incident edit(String ref, Incident.Edit e, Expect expect) {
        return update(ref, e, null, null, expect);
    }

    /** Edits fields and, when {@code severity} is given, changes it with its reason, all or nothing. */
    public Incident update(String ref, Incident.Edit e, Integer severity, String severityReason, Expect expect) {
        var violations = new ArrayList<FieldViolation>();
        if (e.summary() != null && (e.summary().isBlank() || e.summary().strip().length() > Incident.MAX_SUMMARY)) {
            violations.add(new FieldViolation("summary", "must be 1 to " + Incident.MAX_SUMMARY + " characters"));
        }
        if (e.description() != null && e.description().length() > Incident.MAX_DESCRIPTION) {
            violations.add(new FieldViolation("description",
                    "must be at most " + Incident.MAX_DESCRIPTION + " characters"));
        }
        if (e.serviceId() != null && catalog.findService(e.serviceId()).isEmpty()) {
            violations.add(new FieldViolation("serviceId", "no service with id " + e.serviceId()));
        }
        checkProducts(e.productIds(), violations);
        String category = e.category() == null ? null : category(e.category(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var normalized = new Incident.Edit(e.summary(), e.description(), e.reporterContact(), e.serviceId(),
                e.productIds(), e.urgency(), e.impact(), category == null ? e.category() : category);
        return change(ref, expect, "incident.updated", i -> {
            if (severity != null) {
                i.changeSeverity(severity, severityReason, CurrentActor.get(), clock.instant());
            }
            var urgency = e.urgency() != null ? e.urgency() : i.urgency();
            var impact = e.impact() != null ? e.impact() : i.impact();
            i.edit(normalized, settings.matrix().priority(urgency, impact), CurrentActor.get(), clock.instant());
        });
    }

    public Incident assess(String ref, Assessment answers, Instant startedAt, Expect expect) {
        return change(ref, expect, "incident.assessed",
                i -> i.assess(answers, startedAt, CurrentActor.get(), clock.instant()));
    }

    public Incident correctTimes(String ref, Instant impactStartedAt, Instant detectedAt, Instant resolvedAt,
            String reason, Expect expect) {
        return change(ref, expect, "incident.times-corrected", i -> i.correctTimes(impactStartedAt, detectedAt,
                resolvedAt, reason, CurrentActor.get(), clock.instant()));
    }

    private Incident change(String ref, Expect expect, String action, Consumer<Incident> change) {
        var incident = get(ref);
        Versions.check(expect.ifMatch(), expect.version(), incident.version());
        change.accept(incident);
        incidents.save(incident);
        audit.record(CurrentActor.get(), action, "incident", incident.id(), incident.key());
        return incident;
    }

    /** Open incidents (New or Fixing) of a service, most severe first; used to attach new signals to them. */
    @Transactional(readOnly = true)
    public List<IncidentSummary> openForService(UUID serviceId) {
        return list(new IncidentFilter(Set.of(IncidentStatus.NEW, IncidentStatus.FIXING), Set.of(), serviceId, null,
                null, null, 100, 0));
    }

    @Transactional(readOnly = true)
    public List<IncidentSummary> list(IncidentFilter filter) {
        var sql = new StringBuilder(SUMMARY_COLUMNS + " from incident where 1 = 1");
        var params = new ArrayList<Object>();
        where(filter, sql, params);
        // Open work first, major before minor, then the longest-running first (R5, ui.md).
        sql.append(" order by case when status in ('NEW', 'FIXING') then 0 else 1 end, severity, declared_at")
                .append(" limit ? offset ?");
        params.add(Math.max(1, Math.min(filter.limit(), 1000)));
        params.add(Math.max(0, filter.offset()));
        return jdbc.sql(sql.toString()).params(params).query(Incidents::summary).list();
    }

    private static final String SUMMARY_COLUMNS = """
            select id, incident_key, summary, severity, status, priority, service_id, incident_manager_id,
                   declared_at, updated_at, impact_started_at, detected_at, resolved_at""";

    private static IncidentSummary summary(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new IncidentSummary(rs.getObject("id", UUID.class), rs.getString("incident_key"),
                rs.getString("summary"), rs.getInt("severity"), IncidentStatus.valueOf(rs.getString("status")),
                Priority.valueOf(rs.getString("priority")), rs.getObject("service_id", UUID.class),
                rs.getObject("incident_manager_id", UUID.class), instant(rs.getTimestamp("declared_at")),
                instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("impact_started_at")),
                instant(rs.getTimestamp("detected_at")), instant(rs.getTimestamp("resolved_at")));
    }

    @Transactional(readOnly = true)
    public long count(IncidentFilter filter) {
        var sql = new StringBuilder("select count(*) from incident where 1 = 1");
        var params = new ArrayList<Object>();
        where(filter, sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    private static void where(IncidentFilter f, StringBuilder sql, List<Object> params) {
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            sql.append(" and status in (").append(placeholders(f.statuses().size())).append(')');
            f.statuses().stream().map(Enum::name).sorted().forEach(params::add);
        }
        if (f.severities() != null && !f.severities().isEmpty()) {
            sql.append(" and severity in (").append(placeholders(f.severities().size())).append(')');
            f.severities().stream().sorted().forEach(params::add);
        }
        if (f.serviceId() != null) {
            sql.append(" and service_id = ?");
            params.add(f.serviceId());
        }
        if (f.text() != null && !f.text().isBlank()) {
            sql.append(" and (summary ilike ? or incident_key ilike ?)");
            String like = "%" + f.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        if (f.declaredFrom() != null) {
            sql.append(" and declared_at >= ?");
            params.add(Timestamp.from(f.declaredFrom()));
        }
        if (f.declaredTo() != null) {
            sql.append(" and declared_at < ?");
            params.add(Timestamp.from(f.declaredTo()));
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private void checkProducts(Set<UUID> productIds, List<FieldViolation> violations) {
        if (productIds == null || productIds.isEmpty()) {
            return;
        }
        var missing = new HashSet<>(productIds);
        missing.removeAll(catalog.productsById(productIds).keySet());
        if (!missing.isEmpty()) {
            violations.add(new FieldViolation("productIds", "unknown products " + missing.stream().sorted().toList()));
        }
    }

    private String category(String category, List<FieldViolation> violations) {
        if (category == null || category.isBlank()) {
            return null;
        }
        return settings.getCategories().stream().filter(c -> c.equalsIgnoreCase(category.strip())).findFirst()
                .orElseGet(() -> {
                    violations.add(new FieldViolation("category", "must be one of " + settings.getCategories()));
                    return null;
                });
    }

    static Urgency defaultUrgency(int severity) {
        return severity <= 2 ? Urgency.HIGH : Urgency.MEDIUM;
    }

    static Impact defaultImpact(int severity) {
        return switch (severity) {
            case 1 -> Impact.HIGH;
            case 2 -> Impact.MEDIUM;
            default -> Impact.LOW;
        };
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
