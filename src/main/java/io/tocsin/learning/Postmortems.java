package io.tocsin.learning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import io.tocsin.alerts.ServiceChanges;
import io.tocsin.identity.Actor;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.incidents.AffectedScope;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.IncidentLinks;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineEntry;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.Notifications;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.PreconditionFailedException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drafts, edits, reviews and publishes postmortems (R28). A significant incident gets its draft when it resolves,
 * in the same transaction as the resolution; anyone may draft one by hand at any time. The draft's timeline is
 * imported from everything Tocsin recorded, starting with the service's changes before the impact began.
 */
@Component
@Transactional
public class Postmortems {

    static final int MAX_CHANGES = 50;

    private final PostmortemRepository postmortems;
    private final PostmortemTemplate template;
    private final LearningSettings settings;
    private final Incidents incidents;
    private final Timeline timeline;
    private final ServiceChanges changes;
    private final IncidentRoles roles;
    private final IncidentLinks links;
    private final Notifications notifications;
    private final Identity identity;
    private final Clock clock;

    Postmortems(PostmortemRepository postmortems, PostmortemTemplate template, LearningSettings settings,
            Incidents incidents, Timeline timeline, ServiceChanges changes, IncidentRoles roles, IncidentLinks links,
            Notifications notifications, Identity identity, Clock clock) {
        this.postmortems = postmortems;
        this.template = template;
        this.settings = settings;
        this.incidents = incidents;
        this.timeline = timeline;
        this.changes = changes;
        this.roles = roles;
        this.links = links;
        this.notifications = notifications;
        this.identity = identity;
        this.clock = clock;
    }

    /** Owner, due date, reviewers and language of a postmortem drafted by hand; each may be null for the default. */
    public record Plan(UUID ownerId, LocalDate dueOn, List<UUID> reviewerIds, String language) {
    }

    /** A significant incident (by severity and service, {@link LearningSettings#required}) gets its draft now. */
    @EventListener
    void on(IncidentEvents.StatusChanged e) {
        if (e.to() != IncidentStatus.RESOLVED || postmortems.findByIncidentId(e.incidentId()).isPresent()) {
            return;
        }
        var incident = incidents.find(e.incidentId()).orElseThrow();
        if (settings.required(incident.severity(), incident.serviceId())) {
            draft(incident, new Plan(null, null, null, null), e.actor());
        }
    }

    public Postmortem create(String ref, Plan plan) {
        var incident = incidents.get(ref);
        if (postmortems.findByIncidentId(incident.id()).isPresent()) {
            throw new ConflictException("postmortem-exists", incident.key() + " already has a postmortem");
        }
        return draft(incident, plan == null ? new Plan(null, null, null, null) : plan, CurrentActor.get());
    }

    private Postmortem draft(Incident incident, Plan plan, Actor actor) {
        var violations = new ArrayList<FieldViolation>();
        var owner = plan.ownerId() != null ? plan.ownerId() : incident.incidentManagerId() != null
                ? incident.incidentManagerId() : actor.userId();
        if (plan.ownerId() != null) {
            checkPerson("ownerId", plan.ownerId(), violations);
        }
        var reviewers = checkPeople("reviewerIds", plan.reviewerIds(), violations);
        String language = plan.language() == null || plan.language().isBlank() ? settings.getLanguage()
                : plan.language().strip();
        if (!language.equals("en") && !language.equals("de")) {
            violations.add(new FieldViolation("language", "must be en or de"));
        }
        var now = clock.instant();
        var today = LocalDate.ofInstant(now, settings.getZone());
        if (plan.dueOn() != null && plan.dueOn().isBefore(today)) {
            violations.add(new FieldViolation("dueOn", "cannot be in the past"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var resolvedOn = incident.resolvedAt() == null ? today : LocalDate.ofInstant(incident.resolvedAt(), settings.getZone());
        var due = plan.dueOn() != null ? plan.dueOn() : WorkingDays.after(resolvedOn, settings.getDueWorkingDays());
        var postmortem = Postmortem.draft(new Postmortem.Draft(incident.id(), incident.key(), incident.serviceId(),
                incident.severity(), owner, due, language, template.sections(language), importTimeline(incident, language),
                reviewers, actor.name()), now);
        return postmortems.save(postmortem);
    }

    /**
     * The incident's story as Tocsin recorded it: changes on the service from {@code change-lookback} before the
     * impact began that the incident timeline does not already show (they arrived before the declaration), then
     * every incident timeline entry, oldest first, each with its source.
     */
    List<PostmortemEntry> importTimeline(Incident incident, String language) {
        var locale = Locale.forLanguageTag(language);
        var entries = new ArrayList<PostmortemEntry>();
        var start = incident.impactStartedAt() != null ? incident.impactStartedAt() : incident.declaredAt();
        for (var c : changes.between(incident.serviceId(), start.minus(settings.getChangeLookback()),
                incident.declaredAt(), incident.declaredAt(), MAX_CHANGES)) {
            entries.add(new PostmortemEntry(UUID.randomUUID(), c.occurredAt(), PostmortemEntry.FROM_CHANGE, null,
                    truncate(c.summary() + (c.source() == null || c.source().isBlank() ? "" : " (" + c.source() + ")")),
                    null, null, true));
        }
        for (TimelineEntry t : timeline.of(incident.id())) {
            String text = timeline.text(t, locale, settings.getZone());
            if (t.outcome() != null) {
                text = text + " → " + t.outcome();
            }
            entries.add(new PostmortemEntry(UUID.randomUUID(), t.occurredAt(),
                    PostmortemEntry.FROM_INCIDENT + ":" + t.kind().name().toLowerCase(Locale.ROOT), t.id(),
                    truncate(text == null || text.isBlank() ? "–" : text), null, null, true));
        }
        if (incident.impactStartedAt() != null) {
            entries.add(new PostmortemEntry(UUID.randomUUID(), incident.impactStartedAt(), PostmortemEntry.FROM_INCIDENT
                    + ":times", null, impactStartText(locale), null, KeyMoment.IMPACT_START, true));
        }
        entries.sort(Comparator.comparing(PostmortemEntry::occurredAt));
        return entries;
    }

    private static String impactStartText(Locale locale) {
        return "de".equals(locale.getLanguage()) ? "Beginn der Auswirkung" : "Impact started";
    }

    private static String truncate(String s) {
        return s.length() <= Postmortem.MAX_ENTRY ? s : s.substring(0, Postmortem.MAX_ENTRY - 1) + "…";
    }

    @Transactional(readOnly = true)
    public Postmortem get(String incidentRef) {
        var incident = incidents.get(incidentRef);
        return postmortems.findByIncidentId(incident.id())
                .orElseThrow(() -> new NotFoundException("postmortem of incident", incident.key()));
    }

    /** The id of an incident named by key or id. */
    @Transactional(readOnly = true)
    public UUID incidentId(String incidentRef) {
        return incidents.get(incidentRef).id();
    }

    @Transactional(readOnly = true)
    public Optional<Postmortem> forIncident(UUID incidentId) {
        return postmortems.findByIncidentId(incidentId);
    }

    @Transactional(readOnly = true)
    public Optional<Postmortem> find(UUID id) {
        return postmortems.findById(id);
    }

    /** Postmortems owned by someone, overdue ones first. */
    @Transactional(readOnly = true)
    public List<Postmortem> ownedBy(UUID userId) {
        return postmortems.findByOwnerId(userId).stream()
                .sorted(Comparator.comparing(Postmortem::dueOn)).toList();
    }

    @Transactional(readOnly = true)
    public List<Postmortem> all() {
        return postmortems.findAll().stream().sorted(Comparator.comparing(Postmortem::createdAt).reversed()).toList();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.getZone());
    }

    public Postmortem plan(String ref, UUID ownerId, LocalDate dueOn, List<UUID> reviewerIds, Long version) {
        var violations = new ArrayList<FieldViolation>();
        if (ownerId != null) {
            checkPerson("ownerId", ownerId, violations);
        }
        var reviewers = reviewerIds == null ? null : checkPeople("reviewerIds", reviewerIds, violations);
        if (dueOn != null && dueOn.isBefore(today())) {
            violations.add(new FieldViolation("dueOn", "cannot be in the past"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return change(ref, version, p -> p.plan(ownerId, dueOn, reviewers, clock.instant()));
    }

    public Postmortem writeSection(String ref, String code, String body, Long version) {
        return change(ref, version, p -> p.writeSection(code, body, clock.instant()));
    }

    public Postmortem editEntry(String ref, UUID entryRef, Postmortem.EntryEdit edit, Long version) {
        return change(ref, version, p -> p.editEntry(entryRef, edit, clock.instant()));
    }

    public Postmortem addEntry(String ref, Instant occurredAt, String text, String annotation, KeyMoment moment,
            Long version) {
        return change(ref, version, p -> p.addEntry(occurredAt, text, annotation, moment, clock.instant()));
    }

    public Postmortem requestReview(String ref, Long version) {
        return change(ref, version, p -> p.requestReview(clock.instant()));
    }

    public Postmortem review(String ref, ReviewDecision decision, String comment, Long version) {
        var actor = CurrentActor.get();
        return change(ref, version, p -> p.review(actor.userId(), decision, comment, clock.instant()));
    }

    public Postmortem publish(String ref, java.util.function.Function<Postmortem, String> markdown, Long version) {
        var actor = CurrentActor.get();
        return change(ref, version, p -> p.publish(() -> markdown.apply(p), actor.name(), clock.instant()));
    }

    public Postmortem revise(String ref, Long version) {
        return change(ref, version, p -> p.revise(clock.instant()));
    }

    public Postmortem scheduleMeeting(String ref, Instant at, Integer minutes, Long version) {
        return change(ref, version, p -> p.scheduleMeeting(at, minutes == null ? 60 : minutes, clock.instant()));
    }

    private Postmortem change(String ref, Long version, Consumer<Postmortem> action) {
        var postmortem = get(ref);
        if (version != null && version != postmortem.version()) {
            throw new PreconditionFailedException(version, postmortem.version());
        }
        action.accept(postmortem);
        return postmortems.save(postmortem);
    }

    /** The key figures of the postmortem's incident (issue 12 point 4). */
    @Transactional(readOnly = true)
    public KeyFigures figures(Postmortem postmortem) {
        var incident = incidents.find(postmortem.incidentId()).orElseThrow();
        var start = incident.impactStartedAt();
        var repair = postmortem.entries().stream().filter(e -> e.keyMoment() == KeyMoment.REPAIR)
                .map(PostmortemEntry::occurredAt).min(Comparator.naturalOrder()).orElse(null);
        var pages = notifications.forSubject("incident", incident.id().toString(), DeliveryKind.PAGE);
        var responders = roles.responders(incident.id());
        var assessment = incident.assessment();
        long tickets = Math.max(links.ticketCount(incident.id()),
                assessment == null || assessment.supportTicketCount() == null ? 0 : assessment.supportTicketCount());
        String affected = assessment == null || assessment.affectedScope() == null ? null
                : assessment.affectedScope() == AffectedScope.NUMBER ? String.valueOf(assessment.affectedCount())
                : assessment.affectedScope().name();
        return new KeyFigures(between(start, incident.detectedAt()), between(incident.declaredAt(), incident.assignedAt()),
                between(start, repair), between(start, incident.resolvedAt()), between(start, incident.resolvedAt()),
                pages.size(), pages.stream().map(d -> d.userId()).filter(java.util.Objects::nonNull).distinct().count(),
                responders.size(), responders.stream().map(IncidentRoles.Responder::activeFor)
                        .reduce(Duration.ZERO, Duration::plus), tickets, affected);
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null || to.isBefore(from) ? null : Duration.between(from, to);
    }

    private void checkPerson(String field, UUID userId, List<FieldViolation> violations) {
        var user = identity.findUser(userId);
        if (user.isEmpty() || !user.get().active()) {
            violations.add(new FieldViolation(field, "no active user with id " + userId));
        }
    }

    private Set<UUID> checkPeople(String field, Collection<UUID> ids, List<FieldViolation> violations) {
        var result = new LinkedHashSet<UUID>();
        if (ids == null) {
            return result;
        }
        if (ids.size() > Postmortem.MAX_REVIEWERS) {
            violations.add(new FieldViolation(field, "at most " + Postmortem.MAX_REVIEWERS + " people"));
            return result;
        }
        for (var id : ids) {
            if (id == null) {
                violations.add(new FieldViolation(field, "must not contain null"));
                continue;
            }
            checkPerson(field, id, violations);
            result.add(id);
        }
        return result;
    }

    /** The people a postmortem concerns: its owner and reviewers (and the incident manager), as users. */
    @Transactional(readOnly = true)
    public List<User> participants(Postmortem postmortem) {
        var ids = new LinkedHashSet<UUID>();
        if (postmortem.ownerId() != null) {
            ids.add(postmortem.ownerId());
        }
        postmortem.reviewers().forEach(r -> ids.add(r.userId()));
        incidents.find(postmortem.incidentId()).map(Incident::incidentManagerId).ifPresent(ids::add);
        return identity.usersById(ids).values().stream().filter(User::active).toList();
    }
}
