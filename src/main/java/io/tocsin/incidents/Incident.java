package io.tocsin.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.identity.Actor;
import io.tocsin.shared.InvalidInputException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AbstractAggregateRoot;
import org.springframework.data.relational.core.mapping.Embedded;
import org.springframework.data.relational.core.mapping.MappedCollection;

/**
 * The business-impact record people communicate about (R1, R4). Guards its own workflow (R15): every state
 * change goes through a method here that refuses an illegal transition and records a domain event.
 */
public class Incident extends AbstractAggregateRoot<Incident> {

    public static final int MAX_SUMMARY = 300;
    public static final int MAX_DESCRIPTION = 50_000;

    @Id
    private UUID id;
    private String incidentKey;
    private long number;
    private String summary;
    private String description;
    private String reporterContact;
    private int severity;
    private UUID serviceId;
    @MappedCollection(idColumn = "incident_id")
    private Set<AffectedProduct> products = new HashSet<>();
    private Urgency urgency;
    private Impact impact;
    private Priority priority;
    private String category;
    private IncidentStatus status;
    private UUID incidentManagerId;
    private String source;
    private Instant declaredAt;
    private UUID declaredBy;
    private String declaredByName;
    private Instant assignedAt;
    private Instant impactStartedAt;
    private Instant detectedAt;
    private Instant resolvedAt;
    private Instant closedAt;
    @Embedded.Empty(prefix = "assessment_")
    private Assessment assessment;
    private Instant updatedAt;
    private UUID updatedBy;
    @Version
    private Long version;

    Incident() {
    }

    /**
     * What someone declares. When the impact started and when it was detected stay unknown unless given: a
     * person declaring now has not necessarily detected it now, and a guessed time would falsify TTD (R26).
     */
    public record Declaration(String summary, String description, String reporterContact, int severity,
            UUID serviceId, Set<UUID> productIds, Urgency urgency, Impact impact, String category, String source,
            Instant impactStartedAt, Instant detectedAt) {
    }

    static Incident declare(long number, String key, Declaration d, Priority priority, Actor actor, Instant now) {
        var incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.number = number;
        incident.incidentKey = key;
        incident.summary = d.summary().strip();
        incident.description = blankToNull(d.description());
        incident.reporterContact = blankToNull(d.reporterContact());
        incident.severity = d.severity();
        incident.serviceId = d.serviceId();
        incident.products = toProducts(d.productIds());
        incident.urgency = d.urgency();
        incident.impact = d.impact();
        incident.priority = priority;
        incident.category = blankToNull(d.category());
        incident.status = IncidentStatus.NEW;
        incident.source = d.source() == null ? "manual" : d.source();
        incident.declaredAt = now;
        incident.declaredBy = actor.userId();
        incident.declaredByName = actor.name();
        incident.detectedAt = d.detectedAt();
        incident.impactStartedAt = d.impactStartedAt();
        incident.assessment = Assessment.empty();
        requireOrder(incident.impactStartedAt, incident.detectedAt, null, now);
        incident.touch(actor, now);
        incident.registerEvent(new IncidentEvents.Declared(incident.id, key, incident.severity, incident.major(),
                incident.serviceId, incident.summary, incident.source, actor, now));
        return incident;
    }

    /**
     * Makes someone the incident manager (R15: the assignee is the incident manager). From New this starts the
     * fix; later it is a handover. A closed incident cannot be taken.
     */
    public void assignManager(UUID managerId, String managerName, Actor actor, Instant now) {
        require(WorkflowAction.ASSIGN);
        Objects.requireNonNull(managerId, "managerId");
        if (managerId.equals(incidentManagerId)) {
            return;
        }
        var previous = incidentManagerId;
        incidentManagerId = managerId;
        touch(actor, now);
        registerEvent(new IncidentEvents.ManagerAssigned(id, incidentKey, managerId, managerName, previous, actor, now));
        if (status == IncidentStatus.NEW) {
            assignedAt = now;
            moveTo(IncidentStatus.FIXING, null, actor, now);
        }
    }

    /** The business impact is gone (R26). {@code at} defaults to now and may be earlier, never before impact start. */
    public void resolve(Instant at, String reason, Actor actor, Instant now) {
        require(WorkflowAction.RESOLVE);
        var when = at == null ? now : at;
        requireOrder(impactStartedAt, detectedAt, when, now);
        resolvedAt = when;
        touch(actor, now);
        moveTo(IncidentStatus.RESOLVED, blankToNull(reason), actor, now);
    }

    /** The impact came back: the incident is worked again under the same incident manager. */
    public void reopen(String reason, Actor actor, Instant now) {
        require(WorkflowAction.REOPEN);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "say why the incident is reopened");
        }
        resolvedAt = null;
        touch(actor, now);
        moveTo(IncidentStatus.FIXING, reason.strip(), actor, now);
    }

    public void close(String reason, Actor actor, Instant now) {
        require(WorkflowAction.CLOSE);
        closedAt = now;
        touch(actor, now);
        moveTo(IncidentStatus.CLOSED, blankToNull(reason), actor, now);
    }

    /** Severity may change at any time before closing; once assessed, a reason is required (R18). */
    public void changeSeverity(int to, String reason, Actor actor, Instant now) {
        requireEditable();
        if (to < 1 || to > 3) {
            throw new InvalidInputException("severity", "must be 1, 2 or 3");
        }
        if (to == severity) {
            return;
        }
        if (assessment.done() && (reason == null || reason.isBlank())) {
            throw new InvalidInputException("severityReason",
                    "the incident has been assessed: say why the severity changes");
        }
        int from = severity;
        severity = to;
        touch(actor, now);
        registerEvent(new IncidentEvents.SeverityChanged(id, incidentKey, from, to, blankToNull(reason), actor, now));
    }

    /** The descriptive fields; only what differs is recorded. */
    public record Edit(String summary, String description, String reporterContact, UUID serviceId,
            Set<UUID> productIds, Urgency urgency, Impact impact, String category) {
    }

    public void edit(Edit e, Priority newPriority, Actor actor, Instant now) {
        requireEditable();
        var changes = new ArrayList<FieldChange>();
        if (e.summary() != null && !e.summary().strip().equals(summary)) {
            changes.add(new FieldChange("summary", summary, e.summary().strip()));
            summary = e.summary().strip();
        }
        if (e.description() != null && !Objects.equals(blankToNull(e.description()), description)) {
            changes.add(new FieldChange("description", abbreviate(description), abbreviate(e.description())));
            description = blankToNull(e.description());
        }
        if (e.reporterContact() != null && !Objects.equals(blankToNull(e.reporterContact()), reporterContact)) {
            changes.add(new FieldChange("reporterContact", reporterContact, blankToNull(e.reporterContact())));
            reporterContact = blankToNull(e.reporterContact());
        }
        if (e.serviceId() != null && !e.serviceId().equals(serviceId)) {
            changes.add(new FieldChange("serviceId", str(serviceId), str(e.serviceId())));
            serviceId = e.serviceId();
        }
        if (e.productIds() != null && !e.productIds().equals(productIds())) {
            changes.add(new FieldChange("productIds", join(productIds()), join(e.productIds())));
            products = toProducts(e.productIds());
        }
        if (e.urgency() != null && e.urgency() != urgency) {
            changes.add(new FieldChange("urgency", str(urgency), str(e.urgency())));
            urgency = e.urgency();
        }
        if (e.impact() != null && e.impact() != impact) {
            changes.add(new FieldChange("impact", str(impact), str(e.impact())));
            impact = e.impact();
        }
        if (newPriority != priority) {
            changes.add(new FieldChange("priority", str(priority), str(newPriority)));
            priority = newPriority;
        }
        if (e.category() != null && !Objects.equals(blankToNull(e.category()), category)) {
            changes.add(new FieldChange("category", category, blankToNull(e.category())));
            category = blankToNull(e.category());
        }
        if (!changes.isEmpty()) {
            touch(actor, now);
            registerEvent(new IncidentEvents.Updated(id, incidentKey, List.copyOf(changes), actor, now));
        }
    }

    /** Records the assessment (R18); "when did it start" moves the impact-start time. */
    public void assess(Assessment answers, Instant startedAt, Actor actor, Instant now) {
        requireEditable();
        if (answers.affectedScope() == AffectedScope.NUMBER
                && (answers.affectedCount() == null || answers.affectedCount() < 0)) {
            throw new InvalidInputException("affectedCount", "give the number of affected customers");
        }
        var changes = new ArrayList<FieldChange>();
        if (startedAt != null && !startedAt.equals(impactStartedAt)) {
            requireOrder(startedAt, detectedAt, resolvedAt, now);
            changes.add(new FieldChange("impactStartedAt", str(impactStartedAt), str(startedAt)));
            impactStartedAt = startedAt;
        }
        var previous = assessment;
        assessment = new Assessment(blankToNull(answers.customerImpact()), blankToNull(answers.customersSee()),
                answers.affectedScope(), answers.affectedScope() == AffectedScope.NUMBER ? answers.affectedCount() : null,
                answers.supportTicketCount(), answers.otherFactors(), blankToNull(answers.otherFactorsNote()),
                answers.changeCorrelation(), blankToNull(answers.changeReference()), now, actor.userId());
        diff(changes, "customerImpact", previous.customerImpact(), assessment.customerImpact());
        diff(changes, "customersSee", previous.customersSee(), assessment.customersSee());
        diff(changes, "affectedScope", str(previous.affectedScope()), str(assessment.affectedScope()));
        diff(changes, "affectedCount", str(previous.affectedCount()), str(assessment.affectedCount()));
        diff(changes, "supportTicketCount", str(previous.supportTicketCount()), str(assessment.supportTicketCount()));
        diff(changes, "otherFactors", previous.otherFactors(), assessment.otherFactors());
        diff(changes, "otherFactorsNote", previous.otherFactorsNote(), assessment.otherFactorsNote());
        diff(changes, "changeCorrelation", str(previous.changeCorrelation()), str(assessment.changeCorrelation()));
        diff(changes, "changeReference", previous.changeReference(), assessment.changeReference());
        touch(actor, now);
        registerEvent(new IncidentEvents.Assessed(id, incidentKey, List.copyOf(changes), actor, now));
    }

    /** Corrects the recorded times (R26); a reason is required because these feed TTD/TTR reports. */
    public void correctTimes(Instant newImpactStart, Instant newDetected, Instant newResolved, String reason,
            Actor actor, Instant now) {
        if (status == IncidentStatus.CLOSED) {
            throw closed();
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "say why the times are corrected");
        }
        var start = newImpactStart == null ? impactStartedAt : newImpactStart;
        var detected = newDetected == null ? detectedAt : newDetected;
        var resolved = newResolved == null ? resolvedAt : newResolved;
        if (newResolved != null && resolvedAt == null) {
            throw new InvalidInputException("resolvedAt", "the incident is not resolved; resolve it instead");
        }
        requireOrder(start, detected, resolved, now);
        var changes = new ArrayList<FieldChange>();
        diff(changes, "impactStartedAt", str(impactStartedAt), str(start));
        diff(changes, "detectedAt", str(detectedAt), str(detected));
        diff(changes, "resolvedAt", str(resolvedAt), str(resolved));
        if (changes.isEmpty()) {
            return;
        }
        impactStartedAt = start;
        detectedAt = detected;
        resolvedAt = resolved;
        touch(actor, now);
        registerEvent(new IncidentEvents.TimesCorrected(id, incidentKey, List.copyOf(changes), reason.strip(), actor, now));
    }

    private void moveTo(IncidentStatus to, String reason, Actor actor, Instant now) {
        var from = status;
        status = to;
        registerEvent(new IncidentEvents.StatusChanged(id, incidentKey, from, to, reason, actor, now));
    }

    private void require(WorkflowAction action) {
        if (!WorkflowAction.allowedIn(status).contains(action)) {
            throw new IllegalTransitionException(incidentKey, status, action);
        }
    }

    private void requireEditable() {
        if (status == IncidentStatus.CLOSED) {
            throw closed();
        }
    }

    private io.tocsin.shared.ConflictException closed() {
        return new io.tocsin.shared.ConflictException("incident-closed",
                incidentKey + " is closed; a closed incident can no longer be changed",
                java.util.Map.of("currentStatus", status.name(), "allowed", List.of()));
    }

    /** The recorded times must be in order and not in the future; an unknown one (null) is not checked. */
    private static void requireOrder(Instant start, Instant detected, Instant resolved, Instant now) {
        var violations = new ArrayList<io.tocsin.shared.FieldViolation>();
        if (start != null && start.isAfter(now)) {
            violations.add(new io.tocsin.shared.FieldViolation("impactStartedAt", "cannot be in the future"));
        }
        if (detected != null && detected.isAfter(now)) {
            violations.add(new io.tocsin.shared.FieldViolation("detectedAt", "cannot be in the future"));
        }
        if (start != null && detected != null && detected.isBefore(start)) {
            violations.add(new io.tocsin.shared.FieldViolation("detectedAt", "cannot be before the impact started"));
        }
        if (start != null && resolved != null && resolved.isBefore(start)) {
            violations.add(new io.tocsin.shared.FieldViolation("resolvedAt", "cannot be before the impact started"));
        }
        if (resolved != null && resolved.isAfter(now)) {
            violations.add(new io.tocsin.shared.FieldViolation("resolvedAt", "cannot be in the future"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private void touch(Actor actor, Instant now) {
        updatedAt = now;
        updatedBy = actor.userId();
    }

    private static void diff(List<FieldChange> changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new FieldChange(field, from, to));
        }
    }

    private static Set<AffectedProduct> toProducts(Set<UUID> ids) {
        return ids == null ? new HashSet<>()
                : ids.stream().map(AffectedProduct::new).collect(Collectors.toCollection(HashSet::new));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String join(Set<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.toCollection(TreeSet::new)).toString();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    public UUID id() {
        return id;
    }

    public String key() {
        return incidentKey;
    }

    public long number() {
        return number;
    }

    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }

    public String reporterContact() {
        return reporterContact;
    }

    public int severity() {
        return severity;
    }

    /** Severity 1 and 2 are major incidents (R5). */
    public boolean major() {
        return severity <= 2;
    }

    public UUID serviceId() {
        return serviceId;
    }

    public Set<UUID> productIds() {
        return products.stream().map(AffectedProduct::productId).collect(Collectors.toSet());
    }

    public Urgency urgency() {
        return urgency;
    }

    public Impact impact() {
        return impact;
    }

    public Priority priority() {
        return priority;
    }

    public String category() {
        return category;
    }

    public IncidentStatus status() {
        return status;
    }

    public List<WorkflowAction> allowedActions() {
        return WorkflowAction.allowedIn(status);
    }

    public UUID incidentManagerId() {
        return incidentManagerId;
    }

    public String source() {
        return source;
    }

    public Instant declaredAt() {
        return declaredAt;
    }

    public UUID declaredBy() {
        return declaredBy;
    }

    public String declaredByName() {
        return declaredByName;
    }

    public Instant assignedAt() {
        return assignedAt;
    }

    public Instant impactStartedAt() {
        return impactStartedAt;
    }

    public Instant detectedAt() {
        return detectedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Assessment assessment() {
        return assessment == null ? Assessment.empty() : assessment;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }

    /** Time to detect and time to recover (R26). */
    public IncidentTimes times() {
        return new IncidentTimes(impactStartedAt, detectedAt, resolvedAt, declaredAt);
    }

    /** The events recorded since the last save; for tests of the aggregate alone. */
    List<Object> recordedEvents() {
        return List.copyOf(domainEvents());
    }

    /** Forgets the recorded events, as a save does; for tests of the aggregate alone. */
    void clearDomainEventsForTest() {
        clearDomainEvents();
    }

    public Duration age(Instant now) {
        return Duration.between(declaredAt, now);
    }
}
