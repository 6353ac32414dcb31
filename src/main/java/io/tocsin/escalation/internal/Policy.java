package io.tocsin.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reusable escalation policy (R10): ordered levels, each reaching people, whoever is on call for a schedule at
 * that moment, or whole teams; the whole policy runs {@code 1 + repeatCount} times before the run gives up.
 */
public record Policy(UUID id, String name, String description, int repeatCount, List<Level> levels, long version,
        Instant updatedAt) {

    public static final int MAX_LEVELS = 20;
    public static final int MAX_TARGETS = 50;
    public static final int MAX_REPEATS = 10;

    public Policy {
        levels = List.copyOf(levels);
    }

    public record Level(int timeoutMinutes, List<Target> targets) {

        public Level {
            targets = List.copyOf(targets);
        }

        public Duration timeout() {
            return Duration.ofMinutes(timeoutMinutes);
        }
    }

    public record Target(TargetType type, UUID id) {
    }

    public enum TargetType {
        USER, SCHEDULE, TEAM
    }
}
