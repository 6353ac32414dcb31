package io.tocsin.escalation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.tocsin.escalation.internal.EscalationSettings;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
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

    public record Level(int timeoutMinutes, List<Target> targets) {

        public Level {
            targets = List.copyOf(targets);
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

    private final PolicyStore store;
    private final EscalationSettings settings;

    PolicyImport(PolicyStore store, EscalationSettings settings) {
        this.store = store;
        this.settings = settings;
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

    /**
     * How long a level lasts at most whatever its timeout: a level moves on after the configured number of
     * unanswered attempts, one repeat interval apart ({@code tocsin.escalation.attempts-per-level} times
     * {@code repeat-interval}).
     */
    public Duration longestLevel() {
        return settings.getRepeatInterval().multipliedBy(settings.getAttemptsPerLevel());
    }

    private static PolicyStore.Draft draft(Definition d) {
        var levels = d.levels().stream().map(l -> new PolicyStore.LevelDraft(l.timeoutMinutes(), l.targets().stream()
                .map(t -> new Policy.Target(Policy.TargetType.valueOf(t.kind().name()), t.id())).toList())).toList();
        return new PolicyStore.Draft(d.name(), d.description(), d.repeatCount(), levels);
    }
}
