package io.tocsin.escalation.internal;

import io.tocsin.escalation.BusinessHours;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Team;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "If this fired now": who a policy would reach, in which order, when and how, for one round when nobody answers.
 * Schedules are asked who is on call at the moment each level would start. People nobody can reach (no verified
 * contact method) are listed with {@code reachable = false}.
 *
 * <p>Also for any instant and, per service, any severity (issue 10): the route {@link PagingRoute} decides (the
 * policy or the owning team) and the wait for business hours come first, and the levels start after the wait,
 * with whoever is on call then.
 */
@Component
@Transactional(readOnly = true)
public class Preview {

    private final PolicyStore policies;
    private final BusinessHoursStore businessHours;
    private final Catalog catalog;
    private final Identity identity;
    private final TargetResolver resolver;
    private final ContactMethods contactMethods;
    private final EscalationSettings settings;
    private final Clock clock;

    Preview(PolicyStore policies, BusinessHoursStore businessHours, Catalog catalog, Identity identity,
            TargetResolver resolver, ContactMethods contactMethods, EscalationSettings settings, Clock clock) {
        this.policies = policies;
        this.businessHours = businessHours;
        this.catalog = catalog;
        this.identity = identity;
        this.resolver = resolver;
        this.contactMethods = contactMethods;
        this.settings = settings;
        this.clock = clock;
    }

    /** One notification that would go out; {@code channel} null when the person cannot be reached at all. */
    public record Step(int level, int attempt, Instant at, UUID userId, String name, String via, ContactMethodType channel,
            boolean reachable) {
    }

    /**
     * One level of the preview: when it would start, what it would send (nothing: it reaches nobody), and the rule
     * that moves it on, as the run applies it: after {@code attempts} unanswered attempts, at the latest after
     * {@code timeoutMinutes}; {@code attemptsFirst} when the attempts end it before the timeout, {@code endsAt} when
     * the next level would start.
     */
    public record LevelPlan(int level, Instant startsAt, int timeoutMinutes, int attempts, boolean attemptsFirst,
            Instant endsAt, List<Step> steps) {
    }

    private static final Comparator<Step> ORDER = Comparator.comparing(Step::at).thenComparing(Step::level)
            .thenComparing(Step::name).thenComparing(Step::channel, Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * What an alert of {@code severity} (1 critical .. 4 info) arriving at {@code arrives} on the service would do.
     *
     * @param route empty when the service has neither a policy nor an owning team (nobody would be paged)
     * @param routeName the policy's or the owning team's name
     * @param businessHours the service's, when it has any
     * @param levels the levels from the start of paging (after any wait); empty when nobody would be paged
     */
    public record AlertPreview(UUID serviceId, String serviceName, Instant arrives, int severity,
            Optional<PagingRoute> route, String routeName, Optional<BusinessHours> businessHours,
            List<LevelPlan> levels) {

        public Duration waits() {
            return route.map(r -> Duration.between(r.arrives(), r.startsAt())).orElse(Duration.ZERO);
        }
    }

    public List<Step> of(UUID policyId) {
        return of(policyId, clock.instant());
    }

    /** The steps if the policy fired at {@code start}. */
    public List<Step> of(UUID policyId, Instant start) {
        return byLevel(policyId, start).stream().flatMap(l -> l.steps().stream()).sorted(ORDER).toList();
    }

    /** The same steps per level, each level with its start (the first level starts now). */
    public List<LevelPlan> byLevel(UUID policyId) {
        return byLevel(policyId, clock.instant());
    }

    /** The steps per level if the policy fired at {@code start}. */
    public List<LevelPlan> byLevel(UUID policyId, Instant start) {
        return levels(policies.policy(policyId).levels(), start);
    }

    public AlertPreview forAlert(UUID serviceId, int severity, Instant arrives) {
        var service = catalog.service(serviceId);
        var policy = policies.policyOf(serviceId);
        var hours = businessHours.of(serviceId);
        var route = PagingRoute.decide(severity, settings.getBusinessHoursFromSeverity(),
                catalog.owningTeamOf(serviceId).orElse(null), policy.map(Policy::id).orElse(null), hours.orElse(null),
                arrives);
        var levels = route.map(r -> levels(r.kind() == Run.Kind.POLICY ? policy.orElseThrow().levels()
                : List.of(Escalator.defaultLevel(settings, r.target())),
                r.startsAt())).orElse(List.of());
        String routeName = route.map(r -> r.kind() == Run.Kind.POLICY ? policy.orElseThrow().name()
                : identity.findTeam(r.teamId()).map(Team::name).orElse(null)).orElse(null);
        return new AlertPreview(serviceId, service.name(), arrives, severity, route, routeName, hours, levels);
    }

    private List<LevelPlan> levels(List<Policy.Level> policyLevels, Instant start) {
        var plans = new ArrayList<LevelPlan>();
        var levelStart = start;
        for (int l = 0; l < policyLevels.size(); l++) {
            var level = policyLevels.get(l);
            var steps = new ArrayList<Step>();
            var interval = settings.getRepeatInterval();
            var moveOn = level.moveOn();
            var levelEnd = moveOn.endsAt(levelStart, interval);
            var people = resolver.people(level.targets(), levelStart);
            var unreachable = contactMethods.usersWithoutVerifiedMethod(people.stream().map(TargetResolver.Person::userId).toList());
            for (var person : people) {
                if (unreachable.contains(person.userId())) {
                    steps.add(new Step(l + 1, 1, levelStart, person.userId(), person.name(), person.via(), null, false));
                    continue;
                }
                var rules = contactMethods.activeRules(person.userId());
                for (var rule : rules) {
                    var first = levelStart.plus(Duration.ofMinutes(rule.delayMinutes()));
                    if (first.isBefore(levelEnd) || rule.delayMinutes() == 0) {
                        steps.add(new Step(l + 1, 1, first, person.userId(), person.name(), person.via(), rule.type(), true));
                    }
                }
                var attemptAt = levelStart.plus(interval);
                for (int a = 1; attemptAt.isBefore(levelEnd); a++, attemptAt = attemptAt.plus(interval)) {
                    var sinceFirst = interval.multipliedBy(a);
                    for (var rule : rules) {
                        if (Duration.ofMinutes(rule.delayMinutes()).compareTo(sinceFirst) < 0) {
                            steps.add(new Step(l + 1, a + 1, attemptAt, person.userId(), person.name(), person.via(),
                                    rule.type(), true));
                        }
                    }
                }
            }
            steps.sort(ORDER);
            plans.add(new LevelPlan(l + 1, levelStart, level.timeoutMinutes(), level.attempts(),
                    moveOn.attemptsComeFirst(interval), levelEnd, steps));
            levelStart = levelEnd;
        }
        return plans;
    }
}
