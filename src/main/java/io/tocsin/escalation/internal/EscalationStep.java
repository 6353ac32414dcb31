package io.tocsin.escalation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The rules of escalation (R10, R11, R13), pure: given where a run stands, the levels it walks through and the
 * time, what happens next. {@link Escalator} loads the run, asks here and applies the answer (pages, timers,
 * timeline); nothing here reads a clock, a database or a setting.
 *
 * <ul>
 * <li>A level's people are re-notified every repeat interval; the run moves on after the level's attempts
 * (unanswered notifications, the first included) or at its timeout, whichever comes first.</li>
 * <li>After the last level the policy runs again {@code repeatCount} times, then the run is exhausted.</li>
 * <li>A level that reaches nobody passes straight to the next.</li>
 * <li>The incident manager on call (IMOC) is re-notified every interval and never escalates away, at most
 * {@link #IMOC_MAX_ATTEMPTS} times; nobody on call as IMOC keeps it trying.</li>
 * <li>A run waiting for business hours starts at the opening; an answered or ended run does nothing.</li>
 * </ul>
 */
public final class EscalationStep {

    /** The incident manager on call is re-paged at most this many times (about half an hour at one a minute). */
    public static final int IMOC_MAX_ATTEMPTS = 30;

    private EscalationStep() {
    }

    /** What decides when a level ends: its timeout, and its number of attempts. */
    public record LevelRule(Duration timeout, int attempts) {

        public LevelRule {
            if (timeout.isNegative() || timeout.isZero() || attempts < 1) {
                throw new IllegalArgumentException("a level needs a positive timeout and at least one attempt");
            }
        }

        /** When a level started at {@code start} ends at the latest if nobody answers. */
        public Instant endsAt(Instant start, Duration repeatInterval) {
            var byAttempts = start.plus(repeatInterval.multipliedBy(attempts));
            var byTimeout = start.plus(timeout);
            return byAttempts.isBefore(byTimeout) ? byAttempts : byTimeout;
        }

        /** Whether the attempts end the level before its timeout does. */
        public boolean attemptsComeFirst(Duration repeatInterval) {
            return repeatInterval.multipliedBy(attempts).compareTo(timeout) < 0;
        }
    }

    /** The levels a run walks through, how often the whole walk repeats, and the repeat interval. */
    public record Plan(Run.Kind kind, List<LevelRule> levels, int repeatCount, Duration repeatInterval) {

        public Plan {
            levels = List.copyOf(levels);
        }
    }

    /**
     * Where a run stands: {@code attempt} counts from 0 within the level; {@code waitingUntil} is the opening a
     * waiting run waits for.
     */
    public record State(Run.Status status, int levelIndex, int cycle, int attempt, Instant levelStartedAt,
            Instant waitingUntil) {
    }

    /** What to do. */
    public sealed interface Decision permits Renotify, Advance, Exhaust, WaitUntil, Stop, Idle {
    }

    /** Notify the level's people again (attempt {@code attempt}, from 0), next step at {@code nextStepAt}. */
    public record Renotify(int attempt, Instant nextStepAt) implements Decision {
    }

    /** Begin level {@code levelIndex} of round {@code cycle} (from 0): page its people. */
    public record Advance(int levelIndex, int cycle) implements Decision {
    }

    /** Give up: nobody answered ({@code reason} nobody-answered) or nobody could be reached (nobody-reachable). */
    public record Exhaust(int rounds, String reason) implements Decision {
    }

    /** Nothing to do before {@code at} (the next repeat, the level's end, the opening of business hours). */
    public record WaitUntil(Instant at) implements Decision {
    }

    /** End the run for a reason other than an answer (its policy is gone). */
    public record Stop(String reason) implements Decision {
    }

    /** The run was answered or has ended: nothing happens any more. */
    public record Idle() implements Decision {
    }

    /** When the run's timer fires at {@code now}. */
    public static Decision onTimer(State state, Plan plan, Instant now) {
        if (!state.status().paging()) {
            return new Idle();
        }
        if (state.status() == Run.Status.WAITING) {
            return state.waitingUntil() != null && now.isBefore(state.waitingUntil()) ? new WaitUntil(state.waitingUntil())
                    : new Advance(0, 0);
        }
        if (plan.levels().isEmpty()) {
            return new Stop("policy-gone");
        }
        var level = plan.levels().get(Math.min(state.levelIndex(), plan.levels().size() - 1));
        int attemptsDone = state.attempt() + 1;
        if (plan.kind() == Run.Kind.IMOC) {
            return attemptsDone >= IMOC_MAX_ATTEMPTS ? new Exhaust(1, "nobody-answered")
                    : new Renotify(attemptsDone, now.plus(plan.repeatInterval()));
        }
        boolean timedOut = !now.isBefore(state.levelStartedAt().plus(level.timeout()));
        if (attemptsDone >= level.attempts() || timedOut) {
            return next(state.levelIndex(), state.cycle(), plan, "nobody-answered");
        }
        return new Renotify(attemptsDone, nextStepAt(plan, level, state.levelStartedAt(), now));
    }

    /**
     * After the people of level {@code levelIndex} were paged at {@code now}: wait for the next step when someone
     * was reached (an IMOC run waits anyway: someone may be put on call), else pass straight to the next level.
     */
    public static Decision afterPaging(int levelIndex, int cycle, Plan plan, boolean reachedAnyone, Instant now) {
        if (plan.levels().isEmpty()) {
            return new Stop("policy-gone");
        }
        if (reachedAnyone || plan.kind() == Run.Kind.IMOC) {
            return new WaitUntil(nextStepAt(plan, plan.levels().get(levelIndex), now, now));
        }
        return next(levelIndex, cycle, plan, "nobody-reachable");
    }

    /** The next repeat, or the level's timeout if that comes first (an IMOC run only repeats). */
    static Instant nextStepAt(Plan plan, LevelRule level, Instant levelStartedAt, Instant lastAttempt) {
        var repeat = lastAttempt.plus(plan.repeatInterval());
        if (plan.kind() == Run.Kind.IMOC) {
            return repeat;
        }
        var timeout = levelStartedAt.plus(level.timeout());
        return repeat.isBefore(timeout) ? repeat : timeout;
    }

    private static Decision next(int levelIndex, int cycle, Plan plan, String reason) {
        int next = levelIndex + 1;
        if (next >= plan.levels().size()) {
            next = 0;
            cycle++;
        }
        return cycle > plan.repeatCount() ? new Exhaust(cycle, reason) : new Advance(next, cycle);
    }
}
