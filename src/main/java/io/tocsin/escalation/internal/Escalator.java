package io.tocsin.escalation.internal;

import static io.tocsin.incidents.TimelineArg.code;
import static io.tocsin.incidents.TimelineArg.count;
import static io.tocsin.incidents.TimelineArg.text;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.identity.Actor;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.ContactMethods;
import io.tocsin.notify.DeliveryRequest;
import io.tocsin.notify.NotificationRule;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import io.tocsin.shared.Timer;
import io.tocsin.shared.Timers;
import io.tocsin.shared.TimerHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Drives escalation runs (R10, R11): pages a level's people through their notification rules, re-notifies them
 * every repeat interval, moves on after the attempts per level or the level timeout (whichever comes first),
 * repeats the policy, and stops everything on the first answer. Each step is one durable timer per run, fired
 * exactly once across nodes in the transaction that holds the run's row lock; every delivery has an idempotency
 * key naming run, cycle, level, attempt, person and method, so a retried step never sends twice.
 */
@Component
@Transactional
public class Escalator implements TimerHandler {

    static final String TIMER = "escalation.step";
    /** The incident manager on call is re-paged at most this many times (about half an hour at one a minute). */
    static final int IMOC_MAX_ATTEMPTS = 30;
    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final RunStore runs;
    private final PolicyStore policies;
    private final TargetResolver resolver;
    private final Notifications notifications;
    private final ContactMethods contactMethods;
    private final Timers timers;
    private final Timeline timeline;
    private final Incidents incidents;
    private final EscalationSettings settings;
    private final Clock clock;

    Escalator(RunStore runs, PolicyStore policies, TargetResolver resolver, Notifications notifications,
            ContactMethods contactMethods, Timers timers, Timeline timeline, Incidents incidents,
            EscalationSettings settings, Clock clock) {
        this.incidents = incidents;
        this.runs = runs;
        this.policies = policies;
        this.resolver = resolver;
        this.notifications = notifications;
        this.contactMethods = contactMethods;
        this.timers = timers;
        this.timeline = timeline;
        this.settings = settings;
        this.clock = clock;
    }

    /** What should start: a run of this kind about this subject, at {@code startAt} (now, or when business hours begin). */
    public record Start(Run.Kind kind, Subject subject, UUID serviceId, UUID incidentId, UUID policyId,
            Policy.Target target, Instant startAt) {
    }

    /** Starts a run unless one is already open for the subject and kind; returns the run if it started. */
    public Optional<Run> start(Start start) {
        var now = clock.instant();
        var id = UUID.randomUUID();
        boolean waits = start.startAt() != null && start.startAt().isAfter(now);
        String key = start.subject().type() + ":" + start.subject().id() + ":" + start.kind();
        var run = new Run(id, key, start.kind(), start.subject(), start.serviceId(), start.incidentId(),
                start.policyId(), start.target(), waits ? Run.Status.WAITING : Run.Status.ACTIVE, 0, 0, 0, null, null,
                waits ? start.startAt() : null, now, null, null, null, null, null, null, 0);
        if (!runs.insertIfAbsent(run)) {
            log.debug("Escalation {} is already open; nothing more to page", key);
            return Optional.empty();
        }
        if (waits) {
            timers.schedule(TIMER, id.toString(), start.startAt(), "");
            record(run, "escalation.waiting", List.of(text(String.valueOf(start.subject().severity())),
                    TimelineArg.at(start.startAt())), now);
            return runs.find(id);
        }
        record(run, start.kind() == Run.Kind.IMOC ? "escalation.imoc" : "escalation.started", List.of(), now);
        beginLevel(run, 0, 0, now);
        return runs.find(id);
    }

    @Override
    public String kind() {
        return TIMER;
    }

    @Override
    public void fire(Timer timer) {
        var run = runs.lock(UUID.fromString(timer.key())).orElse(null);
        if (run == null || !run.status().paging()) {
            return;
        }
        var now = clock.instant();
        if (run.status() == Run.Status.WAITING) {
            record(run, "escalation.started", List.of(), now);
            beginLevel(run, 0, 0, now);
            return;
        }
        var levels = levels(run);
        if (levels.isEmpty()) {
            end(run, Run.Status.STOPPED, now, "policy-gone");
            return;
        }
        var level = levels.get(Math.min(run.levelIndex(), levels.size() - 1));
        int attemptsDone = run.attempt() + 1;
        if (run.kind() == Run.Kind.IMOC) {
            if (attemptsDone >= IMOC_MAX_ATTEMPTS) {
                end(run, Run.Status.EXHAUSTED, now, "nobody-answered");
                record(run, "escalation.exhausted", List.of(count(1)), now);
            } else {
                renotify(run, attemptsDone, now);
            }
            return;
        }
        boolean timedOut = !now.isBefore(run.levelStartedAt().plus(level.timeout()));
        if (attemptsDone >= settings.getAttemptsPerLevel() || timedOut) {
            advance(run, levels, now);
        } else {
            renotify(run, attemptsDone, now);
        }
    }

    /** Acknowledges or resolves every open run of the subject and withdraws every pending page about it. */
    public AnswerOutcome answer(String subjectType, String subjectId, boolean resolve, Actor actor, String via) {
        var now = clock.instant();
        var open = runs.lockPaging(subjectType, subjectId);
        if (open.isEmpty()) {
            return runs.ofSubject(subjectType, subjectId).isEmpty() ? AnswerOutcome.NOTHING_TO_ANSWER
                    : AnswerOutcome.ALREADY_DONE;
        }
        boolean changed = false;
        for (var run : open) {
            if (!resolve && run.status() == Run.Status.ACKNOWLEDGED) {
                continue;
            }
            var status = resolve ? Run.Status.RESOLVED : Run.Status.ACKNOWLEDGED;
            runs.update(run.answered(status, now, actor.userId(), actor.name(), via));
            timers.cancel(TIMER, run.id().toString());
            changed = true;
        }
        notifications.cancelPending(subjectType, subjectId);
        if (changed) {
            record(open.getFirst(), resolve ? "escalation.resolved" : "escalation.acknowledged",
                    List.of(text(actor.name()), code("escalation.via." + via)), now);
        }
        return changed ? AnswerOutcome.APPLIED : AnswerOutcome.ALREADY_DONE;
    }

    /**
     * Taking command (issue 10): whoever takes the incident manager role, or is handed it, runs the incident, so
     * the paging of the owning team about it (the incident's runs and those of its alerts) is acknowledged in
     * their name and their pending pages are withdrawn. The incident manager on call is stopped separately.
     */
    public void commandTaken(UUID incidentId, UUID managerId, String managerName) {
        var now = clock.instant();
        Run first = null;
        for (var run : runs.lockPagingOfIncident(incidentId)) {
            if (run.kind() == Run.Kind.IMOC || run.status() == Run.Status.ACKNOWLEDGED) {
                continue;
            }
            runs.update(run.answered(Run.Status.ACKNOWLEDGED, now, managerId, managerName, "COMMAND"));
            timers.cancel(TIMER, run.id().toString());
            notifications.cancelPending(run.subject().type(), run.subject().id());
            first = first == null ? run : first;
        }
        if (first != null) {
            record(first, "escalation.commanded", List.of(text(managerName)), now);
        }
    }

    /** Whether the owning team is still being paged about the incident, or someone acknowledged it. */
    public boolean teamRunOpen(UUID incidentId) {
        return runs.teamRunOpen(incidentId);
    }

    /** Stops the run of this kind about the subject (e.g. IMOC once a manager is assigned) and its people's pages. */
    public void stop(String subjectType, String subjectId, Run.Kind kind, String reason, List<TimelineArg> timelineArgs) {
        var now = clock.instant();
        for (var run : runs.lockPaging(subjectType, subjectId)) {
            if (run.kind() != kind || run.status() == Run.Status.ACKNOWLEDGED) {
                continue;
            }
            end(run, Run.Status.STOPPED, now, reason);
            runs.pages(run.id()).stream().map(Run.Page::userId).distinct()
                    .forEach(user -> notifications.cancelPending(subjectType, subjectId, user));
            record(run, "escalation.stopped." + reason, timelineArgs, now);
        }
    }

    /** The levels the run walks through (a policy's, or one level for an IMOC or team run). */
    List<Policy.Level> levels(Run run) {
        return switch (run.kind()) {
            case POLICY -> policies.find(run.policyId()).map(Policy::levels).orElse(List.of());
            case IMOC, TEAM -> List.of(new Policy.Level(settings.getDefaultLevelTimeoutMinutes(), List.of(run.target())));
        };
    }

    private int repeatCount(Run run) {
        return run.kind() == Run.Kind.POLICY ? policies.find(run.policyId()).map(Policy::repeatCount).orElse(0) : 0;
    }

    private void advance(Run run, List<Policy.Level> levels, Instant now) {
        int next = run.levelIndex() + 1;
        int cycle = run.cycle();
        if (next >= levels.size()) {
            next = 0;
            cycle++;
        }
        if (cycle > repeatCount(run)) {
            end(run, Run.Status.EXHAUSTED, now, "nobody-answered");
            record(run, "escalation.exhausted", List.of(count(cycle)), now);
            return;
        }
        record(run, "escalation.escalated", List.of(count(next + 1), count(cycle + 1)), now);
        beginLevel(run, next, cycle, now);
    }

    /** Pages everyone of the level (attempt 0); a level that reaches nobody passes straight to the next. */
    private void beginLevel(Run run, int levelIndex, int cycle, Instant now) {
        var levels = levels(run);
        int maxSteps = levels.size() * (repeatCount(run) + 1);
        for (int step = 0; step <= maxSteps; step++) {
            if (levels.isEmpty()) {
                end(run, Run.Status.STOPPED, now, "policy-gone");
                return;
            }
            var level = levels.get(levelIndex);
            var people = resolver.people(level.targets(), now);
            var unreachable = contactMethods.usersWithoutVerifiedMethod(people.stream().map(TargetResolver.Person::userId).toList());
            int paged = 0;
            for (var person : people) {
                boolean reachable = !unreachable.contains(person.userId());
                runs.insertPage(new Run.Page(run.id(), cycle, levelIndex, person.userId(), person.name(), person.via(),
                        now, 1, reachable));
                if (!reachable) {
                    record(run, "escalation.unreachable", List.of(text(person.name()), count(levelIndex + 1)), now);
                    continue;
                }
                var deliveries = notifications.pageUser(person.userId(), run.subject(),
                        attemptKey(run, cycle, levelIndex, 0, person.userId()));
                paged += deliveries.isEmpty() ? 0 : 1;
                record(run, "escalation.paged", List.of(text(person.name()), text(person.via()), count(levelIndex + 1),
                        count(1), text(howText(contactMethods.activeRules(person.userId())))), now);
            }
            var nextStep = nextStep(run, level, now, now);
            var updated = run.step(Run.Status.ACTIVE, levelIndex, cycle, 0, now, now, nextStep);
            runs.update(updated);
            run = runs.find(run.id()).orElseThrow();
            if (paged > 0) {
                timers.schedule(TIMER, run.id().toString(), nextStep, "");
                return;
            }
            record(run, "escalation.nobody", List.of(count(levelIndex + 1)), now);
            if (run.kind() == Run.Kind.IMOC) {
                // Nobody on call as IMOC: keep trying, someone may be put on call.
                timers.schedule(TIMER, run.id().toString(), nextStep, "");
                return;
            }
            levelIndex++;
            if (levelIndex >= levels.size()) {
                levelIndex = 0;
                cycle++;
            }
            if (cycle > repeatCount(run)) {
                end(run, Run.Status.EXHAUSTED, now, "nobody-reachable");
                record(run, "escalation.exhausted", List.of(count(cycle)), now);
                return;
            }
        }
    }

    /** Re-notifies the level's reachable people through the rules that are already due for them (R11). */
    private void renotify(Run run, int attempt, Instant now) {
        for (var page : runs.pages(run.id(), run.cycle(), run.levelIndex())) {
            if (!page.reachable()) {
                continue;
            }
            // Measured on the nominal schedule (attempt x interval), not the timer's actual, slightly late firing.
            var sinceFirst = settings.getRepeatInterval().multipliedBy(attempt);
            var due = new ArrayList<NotificationRule>();
            for (var rule : contactMethods.activeRules(page.userId())) {
                // A rule whose delay has not passed yet is still pending from the first attempt: sending it now too
                // would double it.
                if (Duration.ofMinutes(rule.delayMinutes()).compareTo(sinceFirst) < 0) {
                    notifications.enqueue(DeliveryRequest.page(attemptKey(run, run.cycle(), run.levelIndex(), attempt,
                            page.userId()) + ":" + rule.contactMethodId(), rule.contactMethodId(), run.subject()));
                    due.add(rule);
                }
            }
            runs.countAttempt(run.id(), run.cycle(), run.levelIndex(), page.userId());
            if (!due.isEmpty()) {
                record(run, "escalation.repeated", List.of(text(page.userName()), count(attempt + 1),
                        text(due.stream().map(r -> r.type().name()).distinct().collect(Collectors.joining(", ")))), now);
            }
        }
        var levels = levels(run);
        var level = levels.get(Math.min(run.levelIndex(), levels.size() - 1));
        var nextStep = nextStep(run, level, run.levelStartedAt(), now);
        runs.update(run.step(Run.Status.ACTIVE, run.levelIndex(), run.cycle(), attempt, run.levelStartedAt(), now, nextStep));
        timers.schedule(TIMER, run.id().toString(), nextStep, "");
    }

    /** The next repeat, or the level timeout if that comes first (an IMOC run only repeats). */
    private Instant nextStep(Run run, Policy.Level level, Instant levelStartedAt, Instant lastAttempt) {
        var repeat = lastAttempt.plus(settings.getRepeatInterval());
        if (run.kind() == Run.Kind.IMOC) {
            return repeat;
        }
        var timeout = levelStartedAt.plus(level.timeout());
        return repeat.isBefore(timeout) ? repeat : timeout;
    }

    private void end(Run run, Run.Status status, Instant now, String reason) {
        runs.update(run.ended(status, now, reason));
        timers.cancel(TIMER, run.id().toString());
    }

    static String attemptKey(Run run, int cycle, int level, int attempt, UUID userId) {
        return "esc:" + run.id() + ":C" + cycle + ":L" + level + ":A" + attempt + ":" + userId;
    }

    private static String howText(List<NotificationRule> rules) {
        return rules.stream().map(r -> r.delayMinutes() == 0 ? r.type().name() : r.type().name() + " +" + r.delayMinutes() + "m")
                .collect(Collectors.joining(", "));
    }

    /** Writes the step on the incident's timeline when the run belongs to one. */
    private void record(Run run, String event, List<TimelineArg> args, Instant at) {
        if (run.incidentId() == null) {
            return;
        }
        String key = run.subject().type().equals("incident") ? run.subject().key()
                : incidents.find(run.incidentId()).map(Incident::key).orElse(null);
        timeline.recordSystem(run.incidentId(), key, event, args, Actor.SYSTEM, at);
    }
}
