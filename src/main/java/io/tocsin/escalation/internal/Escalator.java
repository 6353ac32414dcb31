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

    /** Starts a run unless one is already open for the subject and kind; returns the run if it started. */
    public Optional<Run> start(Run.Spec spec) {
        var now = clock.instant();
        var run = Run.start(UUID.randomUUID(), spec, now);
        if (!runs.insertIfAbsent(run)) {
            log.debug("Escalation {} is already open; nothing more to page", run.runKey());
            return Optional.empty();
        }
        if (run.status() == Run.Status.WAITING) {
            timers.schedule(TIMER, run.id().toString(), run.nextStepAt(), "");
            record(run, "escalation.waiting", List.of(text(String.valueOf(spec.subject().severity())),
                    TimelineArg.at(run.nextStepAt())), now);
            return Optional.of(run);
        }
        record(run, spec.kind() == Run.Kind.IMOC ? "escalation.imoc" : "escalation.started", List.of(), now);
        var levels = levels(run);
        beginLevel(run, levels, plan(run, levels), 0, 0, now);
        return Optional.of(run);
    }

    @Override
    public String kind() {
        return TIMER;
    }

    /** Load the run, decide with {@link EscalationStep}, apply. */
    @Override
    public void fire(Timer timer) {
        var run = runs.lock(UUID.fromString(timer.key())).orElse(null);
        if (run == null) {
            return;
        }
        var now = clock.instant();
        var levels = levels(run);
        var plan = plan(run, levels);
        switch (EscalationStep.onTimer(run.state(), plan, now)) {
            case EscalationStep.Idle idle -> {
                // answered or ended meanwhile
            }
            case EscalationStep.WaitUntil wait -> timers.schedule(TIMER, run.id().toString(), wait.at(), "");
            case EscalationStep.Stop stop -> end(run, now, stop.reason(), false);
            case EscalationStep.Exhaust exhaust -> exhaust(run, exhaust, now);
            case EscalationStep.Renotify renotify -> renotify(run, levels, renotify, now);
            case EscalationStep.Advance advance -> {
                if (run.status() == Run.Status.WAITING) {
                    record(run, "escalation.started", List.of(), now);
                } else {
                    record(run, "escalation.escalated", List.of(count(advance.levelIndex() + 1),
                            count(advance.cycle() + 1)), now);
                }
                beginLevel(run, levels, plan, advance.levelIndex(), advance.cycle(), now);
            }
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
            if (resolve) {
                run.resolve(now, actor.userId(), actor.name(), via);
            } else {
                run.acknowledge(now, actor.userId(), actor.name(), via);
            }
            runs.update(run);
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
            run.acknowledge(now, managerId, managerName, "COMMAND");
            runs.update(run);
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
            end(run, now, reason, false);
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

    /** What {@link EscalationStep} needs to know of the run's levels and settings. */
    private EscalationStep.Plan plan(Run run, List<Policy.Level> levels) {
        int repeatCount = run.kind() == Run.Kind.POLICY
                ? policies.find(run.policyId()).map(Policy::repeatCount).orElse(0) : 0;
        return new EscalationStep.Plan(run.kind(), levels.stream()
                .map(l -> new EscalationStep.LevelRule(l.timeout(), settings.getAttemptsPerLevel())).toList(),
                repeatCount, settings.getRepeatInterval());
    }

    private void exhaust(Run run, EscalationStep.Exhaust exhaust, Instant now) {
        end(run, now, exhaust.reason(), true);
        record(run, "escalation.exhausted", List.of(count(exhaust.rounds())), now);
    }

    /**
     * Pages everyone of the level (attempt 0); a level that reaches nobody passes straight to the next, as
     * {@link EscalationStep#afterPaging} decides.
     */
    private void beginLevel(Run run, List<Policy.Level> levels, EscalationStep.Plan plan, int levelIndex, int cycle,
            Instant now) {
        // Each level is passed at most once per round: the loop ends with a wait, or the run is exhausted.
        for (int step = 0; step <= levels.size() * (plan.repeatCount() + 1); step++) {
            if (levels.isEmpty()) {
                end(run, now, "policy-gone", false);
                return;
            }
            boolean reached = pageLevel(run, levels.get(levelIndex), levelIndex, cycle, now);
            switch (EscalationStep.afterPaging(levelIndex, cycle, plan, reached, now)) {
                case EscalationStep.WaitUntil wait -> {
                    run.levelStarted(levelIndex, cycle, now, wait.at());
                    runs.update(run);
                    if (!reached) {
                        // Nobody on call as IMOC: keep trying, someone may be put on call.
                        record(run, "escalation.nobody", List.of(count(levelIndex + 1)), now);
                    }
                    timers.schedule(TIMER, run.id().toString(), wait.at(), "");
                    return;
                }
                case EscalationStep.Advance next -> {
                    record(run, "escalation.nobody", List.of(count(levelIndex + 1)), now);
                    levelIndex = next.levelIndex();
                    cycle = next.cycle();
                }
                case EscalationStep.Exhaust exhaust -> {
                    record(run, "escalation.nobody", List.of(count(levelIndex + 1)), now);
                    run.levelStarted(levelIndex, cycle, now, null);
                    exhaust(run, exhaust, now);
                    return;
                }
                case EscalationStep.Stop stop -> {
                    end(run, now, stop.reason(), false);
                    return;
                }
                case EscalationStep.Renotify r -> throw new IllegalStateException("no re-notification right after paging");
                case EscalationStep.Idle idle -> throw new IllegalStateException("a run being paged is not idle");
            }
        }
        throw new IllegalStateException("escalation run " + run.id() + " passed every level without an end");
    }

    /** Pages the level's people; returns whether anyone was reached. */
    private boolean pageLevel(Run run, Policy.Level level, int levelIndex, int cycle, Instant now) {
        var people = resolver.people(level.targets(), now);
        var unreachable = contactMethods.usersWithoutVerifiedMethod(people.stream().map(TargetResolver.Person::userId).toList());
        boolean reached = false;
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
            reached |= !deliveries.isEmpty();
            record(run, "escalation.paged", List.of(text(person.name()), text(person.via()), count(levelIndex + 1),
                    count(1), text(howText(contactMethods.activeRules(person.userId())))), now);
        }
        return reached;
    }

    /** Re-notifies the level's reachable people through the rules that are already due for them (R11). */
    private void renotify(Run run, List<Policy.Level> levels, EscalationStep.Renotify decision, Instant now) {
        int attempt = decision.attempt();
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
        run.renotified(attempt, now, decision.nextStepAt());
        runs.update(run);
        timers.schedule(TIMER, run.id().toString(), decision.nextStepAt(), "");
    }

    private void end(Run run, Instant now, String reason, boolean exhausted) {
        if (exhausted) {
            run.exhaust(now, reason);
        } else {
            run.stop(now, reason);
        }
        runs.update(run);
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
