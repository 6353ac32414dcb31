package io.tocsin.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tocsin.escalation.internal.EscalationStep.Advance;
import io.tocsin.escalation.internal.EscalationStep.Decision;
import io.tocsin.escalation.internal.EscalationStep.Exhaust;
import io.tocsin.escalation.internal.EscalationStep.Idle;
import io.tocsin.escalation.internal.EscalationStep.LevelRule;
import io.tocsin.escalation.internal.EscalationStep.Plan;
import io.tocsin.escalation.internal.EscalationStep.Renotify;
import io.tocsin.escalation.internal.EscalationStep.State;
import io.tocsin.escalation.internal.EscalationStep.Stop;
import io.tocsin.escalation.internal.EscalationStep.WaitUntil;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of escalation (R10, R11, R13; issue 10's design step), without a database or a clock: re-notify every
 * minute, move on after the level's attempts or at its timeout (whichever comes first), repeat the policy, give
 * up; the incident manager on call; waiting for business hours; answered and cancelled runs.
 */
class EscalationStepTest {

    static final Duration MINUTE = Duration.ofMinutes(1);
    /** The level started at T0; "T+3" is three minutes later. */
    static final Instant T0 = Instant.parse("2027-03-05T16:00:00Z");
    /** Monday's opening of the business hours a minor alert waits for. */
    static final Instant OPENING = Instant.parse("2027-03-08T08:00:00Z");

    static Instant t(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static LevelRule level(int timeoutMinutes, int attempts) {
        return new LevelRule(Duration.ofMinutes(timeoutMinutes), attempts);
    }

    static Plan policy(int repeatCount, LevelRule... levels) {
        return new Plan(Run.Kind.POLICY, List.of(levels), repeatCount, MINUTE);
    }

    static final Plan TWO_LEVELS = policy(0, level(5, 3), level(5, 3));
    static final Plan SHORT_TIMEOUT = policy(0, level(2, 3), level(5, 3));
    static final Plan MANY_ATTEMPTS = policy(0, level(4, 10), level(5, 3));
    static final Plan ONE_LEVEL_REPEATED = policy(2, level(5, 3));
    static final Plan TEAM = new Plan(Run.Kind.TEAM, List.of(level(5, 3)), 0, MINUTE);
    static final Plan IMOC = new Plan(Run.Kind.IMOC, List.of(level(5, 3)), 0, MINUTE);
    static final Plan GONE = policy(0);

    static State active(int level, int cycle, int attempt) {
        return new State(Run.Status.ACTIVE, level, cycle, attempt, T0, null);
    }

    static State status(Run.Status status) {
        return new State(status, 0, 0, 1, T0, null);
    }

    /** When the run's timer fires at {@code now}, {@code expected} is decided. */
    record Row(String label, State state, Plan plan, Instant now, Decision expected) {

        @Override
        public String toString() {
            return label;
        }
    }

    static List<Row> timers() {
        return List.of(
                // attempts before timeout: 3 attempts a minute apart end a 5-minute level after 3 minutes
                new Row("attempt 1 unanswered: notify again", active(0, 0, 0), TWO_LEVELS, t(1), new Renotify(1, t(2))),
                new Row("attempt 2 unanswered: notify again", active(0, 0, 1), TWO_LEVELS, t(2), new Renotify(2, t(3))),
                new Row("3 attempts unanswered before the timeout: next level", active(0, 0, 2), TWO_LEVELS, t(3),
                        new Advance(1, 0)),
                new Row("a timer firing late still counts attempts", active(0, 0, 2), TWO_LEVELS, t(4).plusSeconds(30),
                        new Advance(1, 0)),
                // timeout before attempts
                new Row("2-minute timeout, attempt 2 due at the timeout", active(0, 0, 0), SHORT_TIMEOUT, t(1),
                        new Renotify(1, t(2))),
                new Row("2-minute timeout reached before the third attempt: next level", active(0, 0, 1),
                        SHORT_TIMEOUT, t(2), new Advance(1, 0)),
                new Row("10 attempts but a 4-minute timeout: attempt 4 comes at the timeout", active(0, 0, 2),
                        MANY_ATTEMPTS, t(3), new Renotify(3, t(4))),
                new Row("10 attempts but a 4-minute timeout: the timeout moves on", active(0, 0, 3), MANY_ATTEMPTS,
                        t(4), new Advance(1, 0)),
                new Row("the next repeat is capped at the level's timeout", active(0, 0, 0), policy(0, level(1, 5)),
                        T0.plusSeconds(30), new Renotify(1, t(1))),
                // last level, repeats, exhaustion
                new Row("last level without repeats: nobody answered", active(1, 0, 2), TWO_LEVELS, t(3),
                        new Exhaust(1, "nobody-answered")),
                new Row("last level with repeats: round 2 starts at level 1", active(0, 0, 2), ONE_LEVEL_REPEATED,
                        t(3), new Advance(0, 1)),
                new Row("round 3 of 3 still notifies", active(0, 2, 1), ONE_LEVEL_REPEATED, t(2), new Renotify(2, t(3))),
                new Row("after the last repeat: exhausted after 3 rounds", active(0, 2, 2), ONE_LEVEL_REPEATED, t(3),
                        new Exhaust(3, "nobody-answered")),
                new Row("a team run is one level, no repeat", active(0, 0, 2), TEAM, t(3),
                        new Exhaust(1, "nobody-answered")),
                // the incident manager on call
                new Row("IMOC: notified again every minute", active(0, 0, 0), IMOC, t(1), new Renotify(1, t(2))),
                new Row("IMOC: never escalates away at the level timeout", active(0, 0, 9), IMOC, t(10),
                        new Renotify(10, t(11))),
                new Row("IMOC: 29 attempts still notify", active(0, 0, 28), IMOC, t(29), new Renotify(29, t(30))),
                new Row("IMOC: gives up after 30 attempts", active(0, 0, 29), IMOC, t(30),
                        new Exhaust(1, "nobody-answered")),
                // waiting for business hours
                new Row("waiting: fired before the opening waits on", waiting(), TEAM, OPENING.minusSeconds(60),
                        new WaitUntil(OPENING)),
                new Row("waiting: at the opening, level 1 begins", waiting(), TEAM, OPENING, new Advance(0, 0)),
                new Row("waiting: a late timer begins at once", waiting(), TEAM, OPENING.plusSeconds(90),
                        new Advance(0, 0)),
                // answered, cancelled, policy gone
                new Row("acknowledged: nothing more", status(Run.Status.ACKNOWLEDGED), TWO_LEVELS, t(1), new Idle()),
                new Row("resolved: nothing more", status(Run.Status.RESOLVED), TWO_LEVELS, t(1), new Idle()),
                new Row("stopped (manager assigned): nothing more", status(Run.Status.STOPPED), IMOC, t(1), new Idle()),
                new Row("exhausted: nothing more", status(Run.Status.EXHAUSTED), TWO_LEVELS, t(1), new Idle()),
                new Row("the policy lost its levels: stop", active(0, 0, 0), GONE, t(1), new Stop("policy-gone")));
    }

    static State waiting() {
        return new State(Run.Status.WAITING, 0, 0, 0, null, OPENING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timers")
    void decidesWhenTheTimerFires(Row row) {
        assertThat(EscalationStep.onTimer(row.state(), row.plan(), row.now())).isEqualTo(row.expected());
    }

    /** After level {@code level} of round {@code cycle} was paged at T0, reaching someone or not. */
    record Paged(String label, int level, int cycle, Plan plan, boolean reached, Decision expected) {

        @Override
        public String toString() {
            return label;
        }
    }

    static List<Paged> pagings() {
        return List.of(
                new Paged("someone reached: wait for the next repeat", 0, 0, TWO_LEVELS, true, new WaitUntil(t(1))),
                new Paged("a 1-minute level waits for its timeout", 0, 0, policy(0, level(1, 3)), true,
                        new WaitUntil(t(1))),
                new Paged("nobody reached on level 1: level 2 at once", 0, 0, TWO_LEVELS, false, new Advance(1, 0)),
                new Paged("nobody reached on the last level, repeats left: round 2", 0, 0, ONE_LEVEL_REPEATED, false,
                        new Advance(0, 1)),
                new Paged("nobody reached anywhere: exhausted", 1, 0, TWO_LEVELS, false,
                        new Exhaust(1, "nobody-reachable")),
                new Paged("nobody on call as IMOC: keeps trying", 0, 0, IMOC, false, new WaitUntil(t(1))),
                new Paged("policy gone", 0, 0, GONE, false, new Stop("policy-gone")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pagings")
    void decidesAfterALevelWasPaged(Paged row) {
        assertThat(EscalationStep.afterPaging(row.level(), row.cycle(), row.plan(), row.reached(), T0))
                .isEqualTo(row.expected());
    }

    @Nested
    class TheRuleShown {

        @Test
        void attemptsComeFirstWhenTheyEndTheLevelBeforeItsTimeout() {
            assertThat(level(5, 3).attemptsComeFirst(MINUTE)).isTrue();
            assertThat(level(5, 3).endsAt(T0, MINUTE)).isEqualTo(t(3));
            assertThat(level(2, 3).attemptsComeFirst(MINUTE)).isFalse();
            assertThat(level(2, 3).endsAt(T0, MINUTE)).isEqualTo(t(2));
            assertThat(level(3, 3).attemptsComeFirst(MINUTE)).as("a tie: the timeout says it").isFalse();
        }

        @Test
        void aLevelNeedsATimeoutAndAnAttempt() {
            assertThatThrownBy(() -> level(5, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LevelRule(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
