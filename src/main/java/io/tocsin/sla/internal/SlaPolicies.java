package io.tocsin.sla.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.catalog.Catalog;
import io.tocsin.escalation.IncidentPaging;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Priority;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.sla.SlaCalendar;
import io.tocsin.sla.SlaMetric;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The SLA policies (issue 16 point 1): stored, checked, and matched to an incident. */
@Component
@Transactional
public class SlaPolicies {

    public static final int MAX_MINUTES = 60 * 24 * 365;
    public static final int DEFAULT_WARNING_PERCENT = 75;
    private static final String COLUMNS = "id, name, priority, service_id, product_id, acknowledge_minutes, resolve_minutes,"
            + " calendar, warning_percent, escalation_policy_id, version";

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final IncidentPaging paging;
    private final AuditLog audit;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    SlaPolicies(JdbcClient jdbc, Catalog catalog, IncidentPaging paging, AuditLog audit, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.paging = paging;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** As submitted; unknown fields are ignored, absent optional ones are null. */
    @Schema(name = "SlaPolicyDraft")
    public record Draft(String name, String priority, UUID serviceId, UUID productId, Integer acknowledgeMinutes,
            Integer resolveMinutes, String calendar, Integer warningPercent, UUID escalationPolicyId) {
    }

    @Transactional(readOnly = true)
    /** A policy was created or changed: open incidents it now applies to get their clocks ({@link SlaAdoption}). */
    record PolicyChanged(UUID policyId) {
    }

    public List<SlaPolicy> all() {
        return jdbc.sql("select " + COLUMNS + " from sla_policy order by priority, name, id").query(SlaPolicies::map).list();
    }

    @Transactional(readOnly = true)
    public SlaPolicy get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from sla_policy where id = ?").param(id).query(SlaPolicies::map).optional()
                .orElseThrow(() -> new NotFoundException("SLA policy", id));
    }

    public SlaPolicy create(Draft draft) {
        var p = validate(null, draft, 0);
        var now = Timestamp.from(clock.instant());
        jdbc.sql("insert into sla_policy (" + COLUMNS + ", created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.name(), p.priority().name(), p.serviceId(), p.productId(), p.acknowledgeMinutes(),
                        p.resolveMinutes(), p.calendar().name(), p.warningPercent(), p.escalationPolicyId(), 0L, now, now)
                .update();
        audit.record(CurrentActor.get(), "sla-policy.created", "sla-policy", p.id(), describe(p));
        events.publishEvent(new PolicyChanged(p.id()));
        return p;
    }

    public SlaPolicy update(UUID id, Draft draft) {
        var old = get(id);
        var p = validate(id, draft, old.version() + 1);
        jdbc.sql("update sla_policy set name = ?, priority = ?, service_id = ?, product_id = ?, acknowledge_minutes = ?,"
                        + " resolve_minutes = ?, calendar = ?, warning_percent = ?, escalation_policy_id = ?, updated_at = ?,"
                        + " version = version + 1 where id = ?")
                .params(p.name(), p.priority().name(), p.serviceId(), p.productId(), p.acknowledgeMinutes(),
                        p.resolveMinutes(), p.calendar().name(), p.warningPercent(), p.escalationPolicyId(),
                        Timestamp.from(clock.instant()), id).update();
        audit.record(CurrentActor.get(), "sla-policy.updated", "sla-policy", id, describe(p));
        events.publishEvent(new PolicyChanged(id));
        return p;
    }

    public void delete(UUID id) {
        var old = get(id);
        jdbc.sql("delete from sla_policy where id = ?").param(id).update();
        audit.record(CurrentActor.get(), "sla-policy.deleted", "sla-policy", id, describe(old));
    }

    /**
     * The policy that sets the metric's target for an incident of this priority, service and products: the most
     * specific one that sets it (service, then product, then the priority alone), ties by name.
     */
    @Transactional(readOnly = true)
    public Optional<SlaPolicy> match(SlaMetric metric, Priority priority, UUID serviceId, Set<UUID> productIds) {
        return ofPriority(priority).match(metric, serviceId, productIds);
    }

    /** Whether any policy exists at all: without one, a new incident needs no clock and no lookup. */
    @Transactional(readOnly = true)
    public boolean any() {
        return jdbc.sql("select count(*) from sla_policy").query(Long.class).single() > 0;
    }

    /** The policies of one priority, read once, to match several metrics against. */
    @Transactional(readOnly = true)
    public Candidates ofPriority(Priority priority) {
        return new Candidates(jdbc.sql("select " + COLUMNS + " from sla_policy where priority = ?")
                .param(priority.name()).query(SlaPolicies::map).list());
    }

    /** Policies of one priority; {@link #match} picks the one that sets a metric's target for an incident. */
    public record Candidates(List<SlaPolicy> policies) {

        public Optional<SlaPolicy> match(SlaMetric metric, UUID serviceId, Set<UUID> productIds) {
            return policies.stream()
                    .filter(p -> p.target(metric) != null)
                    .filter(p -> p.serviceId() == null || p.serviceId().equals(serviceId))
                    .filter(p -> p.productId() == null || productIds.contains(p.productId()))
                    .min(Comparator.comparingInt(SlaPolicy::specificity).reversed().thenComparing(SlaPolicy::name)
                            .thenComparing(SlaPolicy::id));
        }
    }

    private SlaPolicy validate(UUID id, Draft d, long version) {
        var violations = new ArrayList<FieldViolation>();
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            violations.add(new FieldViolation("name", "must be 1 to 200 characters"));
        }
        Priority priority = null;
        try {
            priority = Priority.valueOf(String.valueOf(d.priority()).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("priority", "must be one of P1, P2, P3, P4, P5"));
        }
        if (d.serviceId() != null && d.productId() != null) {
            violations.add(new FieldViolation("productId", "a policy is for one service or one product, not both"));
        }
        if (d.serviceId() != null && catalog.findService(d.serviceId()).isEmpty()) {
            violations.add(new FieldViolation("serviceId", "no service with id " + d.serviceId()));
        }
        if (d.productId() != null && !catalog.productsById(List.of(d.productId())).containsKey(d.productId())) {
            violations.add(new FieldViolation("productId", "no product with id " + d.productId()));
        }
        if (d.acknowledgeMinutes() == null && d.resolveMinutes() == null) {
            violations.add(new FieldViolation("acknowledgeMinutes", "give a target to acknowledge, to resolve, or both"));
        }
        minutes(d.acknowledgeMinutes(), "acknowledgeMinutes", violations);
        minutes(d.resolveMinutes(), "resolveMinutes", violations);
        SlaCalendar calendar = SlaCalendar.ALWAYS;
        if (d.calendar() != null && !d.calendar().isBlank()) {
            try {
                calendar = SlaCalendar.valueOf(d.calendar().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("calendar", "must be ALWAYS (24x7) or BUSINESS_HOURS"));
            }
        }
        int warning = d.warningPercent() == null ? DEFAULT_WARNING_PERCENT : d.warningPercent();
        if (warning < 1 || warning > 99) {
            violations.add(new FieldViolation("warningPercent", "must be between 1 and 99"));
        }
        if (d.escalationPolicyId() != null && paging.policyName(d.escalationPolicyId()).isEmpty()) {
            violations.add(new FieldViolation("escalationPolicyId", "no escalation policy with id " + d.escalationPolicyId()));
        }
        if (violations.isEmpty()) {
            var p0 = priority;
            boolean taken = all().stream().anyMatch(p -> !p.id().equals(id) && p.priority() == p0
                    && java.util.Objects.equals(p.serviceId(), d.serviceId())
                    && java.util.Objects.equals(p.productId(), d.productId()));
            if (taken) {
                throw new ConflictException("sla-policy-exists", "An SLA policy for " + priority
                        + " with this scope exists already; edit it");
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return new SlaPolicy(id == null ? UUID.randomUUID() : id, name, priority, d.serviceId(), d.productId(),
                d.acknowledgeMinutes(), d.resolveMinutes(), calendar, warning, d.escalationPolicyId(), version);
    }

    private static void minutes(Integer value, String field, List<FieldViolation> violations) {
        if (value != null && (value < 1 || value > MAX_MINUTES)) {
            violations.add(new FieldViolation(field, "must be between 1 and " + MAX_MINUTES + " minutes"));
        }
    }

    private static String describe(SlaPolicy p) {
        return p.name() + ": " + p.priority() + " ack " + p.acknowledgeMinutes() + " min, resolve " + p.resolveMinutes()
                + " min, " + p.calendar();
    }

    private static SlaPolicy map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SlaPolicy(rs.getObject(1, UUID.class), rs.getString(2), Priority.valueOf(rs.getString(3)),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), (Integer) rs.getObject(6, Integer.class),
                (Integer) rs.getObject(7, Integer.class), SlaCalendar.valueOf(rs.getString(8)), rs.getInt(9),
                rs.getObject(10, UUID.class), rs.getLong(11));
    }
}
