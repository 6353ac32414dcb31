package io.tocsin.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.tocsin.notify.Subject;
import org.junit.jupiter.api.Test;

/**
 * The run aggregate (issue 10's design step): built from a spec, it guards its transitions. Only a paging run
 * starts levels, is re-notified, acknowledged, exhausted or stopped; an acknowledged run can still be resolved;
 * the first answer stays the one recorded; an ended run frees its key and changes no more.
 */
class RunTest {

    static final Instant NOW = Instant.parse("2027-03-05T16:00:00Z");
    static final UUID ID = new UUID(0, 7);
    static final UUID ANNA = new UUID(0, 1);
    static final UUID BEN = new UUID(0, 2);
    static final Subject ALERT = new Subject("alert", new UUID(0, 9).toString(), "disk-full", 1, "Disk full", "/alerts/9");

    static Run.Spec spec(Instant startAt) {
        return new Run.Spec(Run.Kind.POLICY, ALERT, null, null, new UUID(0, 3), null, startAt);
    }

    static Run active() {
        var run = Run.start(ID, spec(null), NOW);
        run.levelStarted(0, 0, NOW, NOW.plus(Duration.ofMinutes(1)));
        return run;
    }

    @Test
    void startsActiveNowOrWaitingForTheOpening() {
        var now = Run.start(ID, spec(null), NOW);
        assertThat(now.status()).isEqualTo(Run.Status.ACTIVE);
        assertThat(now.runKey()).isEqualTo("alert:" + ALERT.id() + ":POLICY");
        assertThat(now.startedAt()).isEqualTo(NOW);

        var opening = NOW.plus(Duration.ofHours(64));
        var later = Run.start(ID, spec(opening), NOW);
        assertThat(later.status()).isEqualTo(Run.Status.WAITING);
        assertThat(later.nextStepAt()).isEqualTo(opening);
        assertThat(later.state().waitingUntil()).isEqualTo(opening);

        assertThat(Run.start(ID, spec(NOW.minusSeconds(1)), NOW).status()).as("an opening already past").isEqualTo(
                Run.Status.ACTIVE);
    }

    @Test
    void aSpecNeedsAKindAndASubject() {
        assertThatThrownBy(() -> new Run.Spec(null, ALERT, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Run.Spec(Run.Kind.TEAM, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void levelsAndAttemptsMoveForwardOnly() {
        var run = active();
        run.renotified(1, NOW.plusSeconds(60), NOW.plusSeconds(120));
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.lastAttemptAt()).isEqualTo(NOW.plusSeconds(60));
        assertThatThrownBy(() -> run.renotified(3, NOW, NOW)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not follow");
        assertThatThrownBy(() -> run.renotified(1, NOW, NOW)).isInstanceOf(IllegalStateException.class);

        run.levelStarted(1, 0, NOW.plusSeconds(180), NOW.plusSeconds(240));
        assertThat(run.levelIndex()).isEqualTo(1);
        assertThat(run.attempt()).as("a level starts at attempt 0").isZero();
        assertThat(run.levelStartedAt()).isEqualTo(NOW.plusSeconds(180));
        assertThatThrownBy(() -> run.levelStarted(-1, 0, NOW, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWaitingRunIsNotReNotifiedBeforeItsFirstLevel() {
        var run = Run.start(ID, spec(NOW.plus(Duration.ofHours(1))), NOW);
        assertThatThrownBy(() -> run.renotified(1, NOW, NOW)).isInstanceOf(IllegalStateException.class);
        run.levelStarted(0, 0, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofMinutes(61)));
        assertThat(run.status()).isEqualTo(Run.Status.ACTIVE);
    }

    @Test
    void acknowledgedStopsPagingKeepsTheKeyAndCanStillBeResolvedTheFirstAnswerStays() {
        var run = active();
        run.acknowledge(NOW.plusSeconds(30), ANNA, "Anna", "SMS");
        assertThat(run.status()).isEqualTo(Run.Status.ACKNOWLEDGED);
        assertThat(run.nextStepAt()).isNull();
        assertThat(run.endedAt()).isNull();
        assertThat(run.open()).isTrue();
        assertThat(run.runKey()).as("a repeated trigger still finds it").startsWith("alert:");
        assertThatThrownBy(() -> run.acknowledge(NOW, BEN, "Ben", "WEB")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> run.renotified(1, NOW, NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> run.levelStarted(1, 0, NOW, NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> run.stop(NOW, "manager-assigned")).isInstanceOf(IllegalStateException.class);

        run.resolve(NOW.plusSeconds(90), BEN, "Ben", "WEB");
        assertThat(run.status()).isEqualTo(Run.Status.RESOLVED);
        assertThat(run.answeredByName()).as("the first answer stays").isEqualTo("Anna");
        assertThat(run.answeredVia()).isEqualTo("SMS");
        assertThat(run.answeredAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(run.endedAt()).isEqualTo(NOW.plusSeconds(90));
        assertThat(run.endReason()).isEqualTo("resolved");
        assertThat(run.runKey()).as("an ended run frees its key").isEqualTo(ID.toString());
        assertThat(run.open()).isFalse();
    }

    @Test
    void anEndedRunChangesNoMore() {
        var exhausted = active();
        exhausted.exhaust(NOW, "nobody-answered");
        assertThat(exhausted.status()).isEqualTo(Run.Status.EXHAUSTED);
        assertThat(exhausted.endReason()).isEqualTo("nobody-answered");
        var stopped = active();
        stopped.stop(NOW, "manager-assigned");
        assertThat(stopped.status()).isEqualTo(Run.Status.STOPPED);
        var resolved = active();
        resolved.resolve(NOW, ANNA, "Anna", "EMAIL");
        assertThat(resolved.answeredByName()).isEqualTo("Anna");

        for (var run : new Run[] {exhausted, stopped, resolved}) {
            assertThatThrownBy(() -> run.acknowledge(NOW, ANNA, "Anna", "WEB")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> run.resolve(NOW, ANNA, "Anna", "WEB")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> run.exhaust(NOW, "x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> run.stop(NOW, "x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> run.levelStarted(0, 1, NOW, NOW)).isInstanceOf(IllegalStateException.class);
            assertThat(run.state().status().paging()).isFalse();
        }
    }

    @Test
    void restoresWhatWasStoredAndCountsItsSaves() {
        var run = active();
        run.renotified(1, NOW.plusSeconds(60), NOW.plusSeconds(120));
        var copy = Run.restore(run.row());
        assertThat(copy.row()).isEqualTo(run.row());
        copy.saved();
        assertThat(copy.version()).isEqualTo(run.version() + 1);
    }
}
