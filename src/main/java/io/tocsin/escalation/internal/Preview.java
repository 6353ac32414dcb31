package io.tocsin.escalation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * "If this fired now": who a policy would reach, in which order, when and how, for one round when nobody answers.
 * Schedules are asked who is on call at the moment each level would start. People nobody can reach (no verified
 * contact method) are listed with {@code reachable = false}.
 */
@Component
@Transactional(readOnly = true)
public class Preview {

    private final PolicyStore policies;
    private final TargetResolver resolver;
    private final ContactMethods contactMethods;
    private final EscalationSettings settings;
    private final Clock clock;

    Preview(PolicyStore policies, TargetResolver resolver, ContactMethods contactMethods, EscalationSettings settings,
            Clock clock) {
        this.policies = policies;
        this.resolver = resolver;
        this.contactMethods = contactMethods;
        this.settings = settings;
        this.clock = clock;
    }

    /** One notification that would go out; {@code channel} null when the person cannot be reached at all. */
    public record Step(int level, int attempt, Instant at, UUID userId, String name, String via, ContactMethodType channel,
            boolean reachable) {
    }

    /** One level of the preview: when it would start and what it would send (nothing: it reaches nobody). */
    public record LevelPlan(int level, Instant startsAt, List<Step> steps) {
    }

    private static final Comparator<Step> ORDER = Comparator.comparing(Step::at).thenComparing(Step::level)
            .thenComparing(Step::name).thenComparing(Step::channel, Comparator.nullsFirst(Comparator.naturalOrder()));

    public List<Step> of(UUID policyId) {
        return byLevel(policyId).stream().flatMap(l -> l.steps().stream()).sorted(ORDER).toList();
    }

    /** The same steps per level, each level with its start (the first level starts now). */
    public List<LevelPlan> byLevel(UUID policyId) {
        var policy = policies.policy(policyId);
        var plans = new ArrayList<LevelPlan>();
        var levelStart = clock.instant();
        for (int l = 0; l < policy.levels().size(); l++) {
            var level = policy.levels().get(l);
            var steps = new ArrayList<Step>();
            var interval = settings.getRepeatInterval();
            var levelEnd = levelStart.plus(level.timeout());
            var byAttempts = levelStart.plus(interval.multipliedBy(settings.getAttemptsPerLevel()));
            if (byAttempts.isBefore(levelEnd)) {
                levelEnd = byAttempts;
            }
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
            plans.add(new LevelPlan(l + 1, levelStart, steps));
            levelStart = levelEnd;
        }
        return plans;
    }
}
