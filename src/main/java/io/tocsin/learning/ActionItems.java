package io.tocsin.learning;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.identity.Identity;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.learning.internal.JiraClient;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.PreconditionFailedException;
import io.tocsin.shared.Timers;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Action items (R28): created for an incident's postmortem or a problem, each with an owner who must exist, due
 * reminders on a durable timer, and an optional Jira issue. Jira is called outside any transaction, after the item
 * is committed: if Jira fails or is slow the item stays, with its sync state and the reason, and can be sent again.
 */
@Component
@Transactional
public class ActionItems {

    /** The durable timer that fires when an item becomes overdue, and again every {@link #REPEAT} while it is. */
    public static final String DUE_TIMER = "learning.action-item-due";
    static final java.time.Duration REPEAT = java.time.Duration.ofDays(1);

    private final ActionItemRepository items;
    private final Incidents incidents;
    private final Identity identity;
    private final LearningSettings settings;
    private final Timers timers;
    private final JiraClient jira;
    private final ProblemRepository problems;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;

    ActionItems(ActionItemRepository items, ProblemRepository problems, Incidents incidents, Identity identity,
            LearningSettings settings, Timers timers, JiraClient jira, Clock clock,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.items = items;
        this.problems = problems;
        this.incidents = incidents;
        this.identity = identity;
        this.settings = settings;
        this.timers = timers;
        this.jira = jira;
        this.clock = clock;
    }

    /** A new item: for an incident (key or id) and/or a problem; {@code externalKey}/{@code externalUrl} link by hand. */
    public record NewItem(String incident, UUID problemId, ActionItem.Fields fields, String externalKey,
            String externalUrl) {
    }

    public ActionItem create(NewItem n) {
        ActionItem.check(n.fields(), true);
        var violations = new ArrayList<FieldViolation>();
        Incident incident = null;
        if (n.incident() != null && !n.incident().isBlank()) {
            incident = incidents.find(n.incident()).orElse(null);
            if (incident == null) {
                violations.add(new FieldViolation("incident", "no incident " + n.incident()));
            }
        } else if (n.problemId() == null) {
            violations.add(new FieldViolation("incident", "name the incident (or problem) the item follows up"));
        }
        if (n.problemId() != null && !problemExists(n.problemId())) {
            violations.add(new FieldViolation("problemId", "no problem with id " + n.problemId()));
        }
        checkPeople(n.fields(), violations);
        checkLink(n.externalKey(), n.externalUrl(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var item = ActionItem.create(incident == null ? null : incident.id(), incident == null ? null : incident.key(),
                incident == null ? null : incident.serviceId(), n.problemId(), n.fields(),
                today().plusDays(settings.getActionItemDays()), clock.instant());
        if (n.externalKey() != null || n.externalUrl() != null) {
            item.link(n.externalKey(), n.externalUrl(), clock.instant());
        }
        item = saved(item);
        scheduleReminder(item);
        return item;
    }

    public ActionItem update(UUID id, ActionItem.Fields f, Long version) {
        var item = get(id);
        if (version != null && version != item.version()) {
            throw new PreconditionFailedException(version, item.version());
        }
        ActionItem.check(f, false);
        var violations = new ArrayList<FieldViolation>();
        checkPeople(f, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        item.update(f, clock.instant());
        item = saved(item);
        scheduleReminder(item);
        return item;
    }

    /**
     * A change of fields and, when a key or URL is given, of the issue link, as one write (this class's transaction):
     * a refused link leaves the fields as they were, and nothing is announced.
     */
    public ActionItem update(UUID id, ActionItem.Fields f, Long version, String externalKey, String externalUrl) {
        var item = update(id, f, version);
        return externalKey == null && externalUrl == null ? item : link(id, externalKey, externalUrl);
    }

    public ActionItem link(UUID id, String key, String url) {
        var violations = new ArrayList<FieldViolation>();
        checkLink(key, url, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var item = get(id);
        item.link(key, url, clock.instant());
        return saved(item);
    }

    /**
     * Creates the item's issue in Jira (or reads back its status when it has one), outside any transaction: the
     * item is marked pending first, then synced or failed with Jira's reason. Never throws for Jira's sake.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public ActionItem sendToJira(UUID id) {
        if (!jira.configured()) {
            throw new InvalidInputException("jira", "no Jira is configured (tocsin.learning.jira.base-url and project-key)");
        }
        var item = get(id);
        boolean exists = item.syncState() == SyncState.SYNCED && item.externalKey() != null;
        item.syncStarted(clock.instant());
        item = items.save(item);
        var labels = new ArrayList<String>(List.of("tocsin", "action-item"));
        if (item.incidentKey() != null) {
            labels.add(item.incidentKey());
        }
        var result = exists ? jira.status(item.externalKey())
                : jira.create(item.title(), describe(item), labels);
        item = get(id);
        switch (result) {
            case JiraClient.Created c -> item.synced(c.key(), c.url(), c.status(), clock.instant());
            case JiraClient.Failure f -> item.syncFailed(f.reason(), clock.instant());
        }
        return items.save(item);
    }

    private ActionItem saved(ActionItem item) {
        var s = items.save(item);
        events.publishEvent(new ActionItemChanged(s.id(), s.incidentId(), s.serviceId(), s.teamId(), s.status(),
                s.dueOn(), s.dueOn() == null ? null : overdueFrom(s.dueOn()), s.createdAt(), s.doneAt(), clock.instant()));
        return s;
    }

    private String describe(ActionItem item) {
        var text = new StringBuilder(item.description() == null ? item.title() : item.description());
        if (item.incidentKey() != null) {
            text.append("\n\nFollow-up of ").append(item.incidentKey()).append(" (Tocsin).");
        }
        return text.toString();
    }

    @Transactional(readOnly = true)
    public ActionItem get(UUID id) {
        return items.findById(id).orElseThrow(() -> new NotFoundException("action item", id));
    }

    @Transactional(readOnly = true)
    public Optional<ActionItem> find(UUID id) {
        return items.findById(id);
    }

    @Transactional(readOnly = true)
    public List<ActionItem> forPostmortem(UUID incidentId) {
        return sorted(items.findByIncidentId(incidentId));
    }

    @Transactional(readOnly = true)
    public List<ActionItem> forProblem(UUID problemId) {
        return sorted(items.findByProblemId(problemId));
    }

    /** The cross-incident list: filters combine; {@code teamOf} lists the items of every team the person is in. */
    public record Filter(UUID ownerId, UUID teamOf, UUID serviceId, Boolean overdue, Boolean open) {
    }

    @Transactional(readOnly = true)
    public List<ActionItem> list(Filter f) {
        var today = today();
        Set<UUID> teams = f.teamOf() == null ? null : identity.teamsOf(f.teamOf()).stream().map(t -> t.id())
                .collect(Collectors.toSet());
        return sorted(items.findAll().stream()
                .filter(i -> f.ownerId() == null || f.ownerId().equals(i.ownerId()))
                .filter(i -> teams == null || (i.teamId() != null && teams.contains(i.teamId())))
                .filter(i -> f.serviceId() == null || f.serviceId().equals(i.serviceId()))
                .filter(i -> f.overdue() == null || f.overdue() == i.overdue(today))
                .filter(i -> f.open() == null || f.open() != i.status().finished())
                .toList());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.getZone());
    }

    /** The first instant the item is overdue: the start of the day after its due date, in the organisation's zone. */
    public Instant overdueFrom(LocalDate dueOn) {
        return dueOn.plusDays(1).atStartOfDay(settings.getZone()).toInstant();
    }

    private void scheduleReminder(ActionItem item) {
        if (item.status().finished()) {
            timers.cancel(DUE_TIMER, item.id().toString());
        } else {
            timers.schedule(DUE_TIMER, item.id().toString(), overdueFrom(item.dueOn()), item.title());
        }
    }

    /** Called when the reminder fired: the next one is {@link #REPEAT} later while the item stays overdue. */
    void remindAgain(ActionItem item, Instant now) {
        timers.schedule(DUE_TIMER, item.id().toString(), now.plus(REPEAT), item.title());
    }

    private static List<ActionItem> sorted(List<ActionItem> list) {
        return list.stream().sorted(Comparator.comparing(ActionItem::dueOn).thenComparing(ActionItem::createdAt)).toList();
    }

    private void checkPeople(ActionItem.Fields f, List<FieldViolation> violations) {
        if (f.ownerId() != null) {
            var owner = identity.findUser(f.ownerId());
            if (owner.isEmpty() || !owner.get().active()) {
                violations.add(new FieldViolation("ownerId", "no active user with id " + f.ownerId()));
            }
        }
        if (f.teamId() != null && identity.findTeam(f.teamId()).isEmpty()) {
            violations.add(new FieldViolation("teamId", "no team with id " + f.teamId()));
        }
        if (f.dueOn() != null && f.dueOn().isBefore(today().minusYears(1))) {
            violations.add(new FieldViolation("dueOn", "is more than a year in the past"));
        }
    }

    private static void checkLink(String key, String url, List<FieldViolation> violations) {
        if (key != null && (key.isBlank() || key.length() > 100)) {
            violations.add(new FieldViolation("externalKey", "must be 1 to 100 characters"));
        }
        if (url != null) {
            try {
                var uri = java.net.URI.create(url.strip());
                if (url.length() > 2000 || uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("https")
                        || uri.getScheme().equalsIgnoreCase("http")) || uri.getHost() == null) {
                    violations.add(new FieldViolation("externalUrl", "must be an http(s) URL"));
                }
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation("externalUrl", "must be an http(s) URL"));
            }
        }
    }

    private boolean problemExists(UUID problemId) {
        return problems.existsById(problemId);
    }
}
