package io.tocsin.escalation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.tocsin.escalation.internal.EscalationSettings;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.escalation.internal.Preview;
import org.springframework.stereotype.Component;

/**
 * Writing escalation policies from elsewhere (the importer, issue 20) with the same checks and audit entries as
 * the API. Joins the caller's transaction.
 */
@Component
public class PolicyImport {

    public enum Kind {
        USER, SCHEDULE, TEAM
    }

    public record Target(Kind kind, UUID id) {
    }

    /**
     * A level: its people are notified up to {@code attempts} times, a repeat interval apart, and the run moves on
     * after the last unanswered attempt or at {@code timeoutMinutes}, whichever comes first; a null {@code attempts}
     * takes the setting's default ({@code tocsin.escalation.attempts-per-level}).
     */
    public record Level(int timeoutMinutes, Integer attempts, List<Target> targets) {

        public Level {
            targets = List.copyOf(targets);
        }

        /** With the default number of attempts. */
        public Level(int timeoutMinutes, List<Target> targets) {
            this(timeoutMinutes, null, targets);
        }
    }

    /**
     * What decides how long a level can last: notifications go out {@code repeatInterval} apart, a level has at
     * most {@code maxAttempts} of them ({@code defaultAttempts} when it does not say).
     */
    public record Timing(Duration repeatInterval, int maxAttempts, int defaultAttempts) {

        /** The longest a level can last: its most attempts, one repeat interval apart. */
        public Duration longestLevel() {
            return repeatInterval.multipliedBy(maxAttempts);
        }
    }

    public record Definition(String name, String description, int repeatCount, List<Level> levels) {

        public Definition {
            levels = List.copyOf(levels);
        }
    }

    /** Limits of a policy (R10), so a mapping can say what it had to cut. */
    public static final int MAX_REPEATS = Policy.MAX_REPEATS;
    public static final int MAX_TIMEOUT_MINUTES = 1440;
    public static final int MAX_ATTEMPTS = Policy.MAX_ATTEMPTS;

    /** One person a level of the preview would page: {@code via} how (named, on call for a schedule, team). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "EscalationImportPreviewPerson")
    public record PreviewPerson(String name, String via, boolean reachable) {
    }

    /**
     * One level of "if this fired now" (issue 20 point 4): when it starts and moves on after the alert, with how
     * many attempts, and whom it pages.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "EscalationImportPreviewLevel")
    public record PreviewLevel(int level, long startsAfterSeconds, long movesOnAfterSeconds, int attempts,
            List<PreviewPerson> people) {

        public PreviewLevel {
            people = List.copyOf(people);
        }
    }

    private final PolicyStore store;
    private final EscalationSettings settings;
    private final Preview preview;

    PolicyImport(PolicyStore store, EscalationSettings settings, Preview preview) {
        this.store = store;
        this.settings = settings;
        this.preview = preview;
    }

    /** The policy's escalation preview if it fired at {@code at}: one round, nobody answering. */
    public List<PreviewLevel> preview(UUID policyId, java.time.Instant at) {
        return preview.byLevel(policyId, at).stream().map(l -> {
            var people = new java.util.LinkedHashMap<UUID, PreviewPerson>();
            l.steps().forEach(step -> people.putIfAbsent(step.userId(), new PreviewPerson(step.name(), step.via(),
                    step.reachable())));
            return new PreviewLevel(l.level(), Duration.between(at, l.startsAt()).toSeconds(),
                    Duration.between(at, l.endsAt()).toSeconds(), l.attempts(), List.copyOf(people.values()));
        }).toList();
    }

    public UUID create(Definition definition) {
        return store.create(draft(definition)).id();
    }

    public void update(UUID policyId, Definition definition) {
        store.update(policyId, draft(definition), null);
    }

    public boolean exists(UUID policyId) {
        return store.find(policyId).isPresent();
    }

    /** Puts the service on the policy (issue 20 point 2: a PagerDuty service's escalation policy). */
    public void assign(UUID serviceId, UUID policyId) {
        store.assign(serviceId, policyId);
    }

    /** The policy the service pages through, if any. */
    public java.util.Optional<UUID> policyOf(UUID serviceId) {
        return store.policyOf(serviceId).map(Policy::id);
    }

    /** The repeat interval and the attempts a level may have, as this installation is configured. */
    public Timing timing() {
        return new Timing(settings.getRepeatInterval(), MAX_ATTEMPTS, settings.getAttemptsPerLevel());
    }

    private static PolicyStore.Draft draft(Definition d) {
        var levels = d.levels().stream().map(l -> new PolicyStore.LevelDraft(l.timeoutMinutes(), l.attempts(),
                l.targets().stream().map(t -> new Policy.Target(Policy.TargetType.valueOf(t.kind().name()), t.id()))
                        .toList())).toList();
        return new PolicyStore.Draft(d.name(), d.description(), d.repeatCount(), levels);
    }
}
