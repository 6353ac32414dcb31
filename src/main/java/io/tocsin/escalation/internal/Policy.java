package io.tocsin.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reusable escalation policy (R10): ordered levels, each reaching people, whoever is on call for a schedule at
 * that moment, or whole teams; the whole policy runs {@code 1 + repeatCount} times before the run gives up. The
 * owning team's managers change it ({@code teamId}; none: the organisation's, administrators only; issue 15).
 */
public record Policy(UUID id, String name, String description, int repeatCount, List<Level> levels, long version,
        Instant updatedAt, UUID teamId) {

    public static final int MAX_LEVELS = 20;
    public static final int MAX_TARGETS = 50;
    public static final int MAX_REPEATS = 10;
    public static final int MAX_ATTEMPTS = 20;

    public Policy {
        levels = List.copyOf(levels);
    }

    /**
     * One level: its people are notified up to {@code attempts} times, a repeat interval apart, and the run moves
     * on after the last unanswered attempt, or at {@code timeoutMinutes} if that comes first.
     */
    public record Level(int timeoutMinutes, int attempts, List<Target> targets) {

        public Level {
            targets = List.copyOf(targets);
        }

        public Duration timeout() {
            return Duration.ofMinutes(timeoutMinutes);
        }

        /** The rule that moves the level on: its attempts, at the latest its timeout. */
        public EscalationStep.LevelRule moveOn() {
            return new EscalationStep.LevelRule(timeout(), attempts);
        }
    }

    public record Target(TargetType type, UUID id) {
    }

    public enum TargetType {
        USER, SCHEDULE, TEAM
    }
}
