package io.tocsin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.tocsin.support.IntegrationTest;
import io.tocsin.support.RecordingTimerHandler;
import io.tocsin.support.ScriptedTimerHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable timers fire once when due, never early, survive in the database, and retry after a failure; a batch of
 * due timers commits together, but one timer's failure neither holds back nor undoes the others (issue 5).
 */
class DurableTimersTest extends IntegrationTest {

    @Autowired
    DurableTimers dueTimers;

    @Autowired
    Timers timers;

    @Autowired
    RecordingTimerHandler handler;

    @Autowired
    ScriptedTimerHandler scripted;

    @Autowired
    TransactionTemplate tx;

    @Test
    void firesOnceWhenDueAndNotBefore() {
        String prefix = UUID.randomUUID() + "-";
        tx.executeWithoutResult(s -> timers.schedule(RecordingTimerHandler.KIND, prefix + "a",
                clock.instant().plus(Duration.ofMinutes(5)), "payload-a"));
        dueTimers.runDue();
        assertThat(handler.firedKeys(prefix)).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        dueTimers.runDue();
        dueTimers.runDue();
        assertThat(handler.firedKeys(prefix)).containsExactly(prefix + "a");
        assertThat(timers.find(RecordingTimerHandler.KIND, prefix + "a")).isEmpty();
    }

    @Test
    void reschedulingReplacesAndCancelRemoves() {
        String prefix = UUID.randomUUID() + "-";
        timers.schedule(RecordingTimerHandler.KIND, prefix + "b", clock.instant().plus(Duration.ofMinutes(1)), null);
        timers.schedule(RecordingTimerHandler.KIND, prefix + "b", clock.instant().plus(Duration.ofMinutes(10)), "later");
        timers.schedule(RecordingTimerHandler.KIND, prefix + "c", clock.instant().plus(Duration.ofMinutes(1)), null);
        assertThat(timers.cancel(RecordingTimerHandler.KIND, prefix + "c")).isTrue();
        assertThat(timers.cancel(RecordingTimerHandler.KIND, prefix + "c")).isFalse();

        clock.advance(Duration.ofMinutes(2));
        dueTimers.runDue();
        assertThat(handler.firedKeys(prefix)).isEmpty();
        assertThat(timers.find(RecordingTimerHandler.KIND, prefix + "b").orElseThrow().payload()).isEqualTo("later");

        clock.advance(Duration.ofMinutes(8));
        dueTimers.runDue();
        assertThat(handler.firedKeys(prefix)).containsExactly(prefix + "b");
    }

    @Test
    void aFailingHandlerKeepsTheTimerAndRetriesLater() {
        String prefix = UUID.randomUUID() + "-";
        timers.schedule(RecordingTimerHandler.KIND, prefix + "d", clock.instant(), null);
        handler.failNext(1);
        dueTimers.runDue();
        assertThat(handler.firedKeys(prefix)).isEmpty();
        var pending = timers.find(RecordingTimerHandler.KIND, prefix + "d").orElseThrow();
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.dueAt()).isAfter(clock.instant());

        clock.advance(Duration.ofSeconds(30));
        dueTimers.runDue();
        assertThat(handler.firedKeys(prefix)).containsExactly(prefix + "d");
    }

    @Test
    void concurrentPollersFireEachTimerExactlyOnce() throws Exception {
        // Other modules' timers that are due by now (cadence reminders, fatigue prompts) fire first, so the count
        // below is ours alone.
        dueTimers.runDue();
        String prefix = UUID.randomUUID() + "-";
        for (int i = 0; i < 200; i++) {
            timers.schedule(RecordingTimerHandler.KIND, prefix + i, clock.instant(), null);
        }
        var pool = Executors.newFixedThreadPool(4);
        var jobs = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 4; i++) {
            jobs.add(dueTimers::runDue);
        }
        int total = 0;
        for (var f : pool.invokeAll(jobs)) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(handler.firedKeys(prefix)).hasSize(200).doesNotHaveDuplicates();
        assertThat(total).isEqualTo(200);
    }

    @Test
    void aFailingHandlerInABatchNeitherStopsNorUndoesTheOthers() {
        dueTimers.runDue();
        String prefix = UUID.randomUUID() + "-";
        for (int i = 0; i < 5; i++) {
            timers.schedule(ScriptedTimerHandler.KIND, prefix + i, clock.instant(), i == 2 ? "fail" : "");
        }
        assertThat(dueTimers.runDue()).isEqualTo(4);

        var others = List.of(prefix + 0, prefix + 1, prefix + 3, prefix + 4);
        assertThat(scripted.committedKeys(prefix)).containsExactlyInAnyOrderElementsOf(others);
        for (String key : others) {
            assertThat(timers.find(ScriptedTimerHandler.KIND, key)).as(key).isEmpty();
            assertThat(timers.find(ScriptedTimerHandler.MARKER, key)).as(key).isPresent();
        }
        // The failed handler's marker and its after-commit callback were rolled back; its timer waits.
        assertThat(timers.find(ScriptedTimerHandler.MARKER, prefix + 2)).isEmpty();
        var failed = timers.find(ScriptedTimerHandler.KIND, prefix + 2).orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.dueAt()).isEqualTo(clock.instant().plusSeconds(30));
        timers.cancel(ScriptedTimerHandler.KIND, prefix + 2);
    }

    @Test
    void aBatchThatCannotCommitIsFiredTimerByTimer() {
        dueTimers.runDue();
        String prefix = UUID.randomUUID() + "-";
        for (int i = 0; i < 3; i++) {
            timers.schedule(ScriptedTimerHandler.KIND, prefix + i, clock.instant(), i == 1 ? "fail-at-commit" : "");
        }
        assertThat(dueTimers.runDue()).isEqualTo(2);

        assertThat(scripted.committedKeys(prefix)).containsExactlyInAnyOrder(prefix + 0, prefix + 2);
        assertThat(timers.find(ScriptedTimerHandler.MARKER, prefix + 0)).isPresent();
        assertThat(timers.find(ScriptedTimerHandler.MARKER, prefix + 1)).isEmpty();
        assertThat(timers.find(ScriptedTimerHandler.KIND, prefix + 1).orElseThrow().attempts()).isEqualTo(1);
        timers.cancel(ScriptedTimerHandler.KIND, prefix + 1);
    }

    @Test
    void aHandlerThatReschedulesItsOwnTimerKeepsTheNewSchedule() {
        dueTimers.runDue();
        String prefix = UUID.randomUUID() + "-";
        var due = clock.instant();
        timers.schedule(ScriptedTimerHandler.KIND, prefix + "a", due, "again");
        assertThat(dueTimers.runDue()).isEqualTo(1);

        var again = timers.find(ScriptedTimerHandler.KIND, prefix + "a").orElseThrow();
        assertThat(again.dueAt()).isEqualTo(due.plus(Duration.ofHours(1)));
        assertThat(again.payload()).isEqualTo("rescheduled");
        assertThat(again.attempts()).isZero();
        timers.cancel(ScriptedTimerHandler.KIND, prefix + "a");
    }

    @Test
    void aTimerCancelledByAnEarlierHandlerOfItsBatchDoesNotFire() {
        dueTimers.runDue();
        String prefix = UUID.randomUUID() + "-";
        timers.schedule(ScriptedTimerHandler.KIND, prefix + "a", clock.instant().minusSeconds(1), "cancel:" + prefix + "b");
        timers.schedule(ScriptedTimerHandler.KIND, prefix + "b", clock.instant(), "");
        assertThat(dueTimers.runDue()).isEqualTo(1);

        assertThat(scripted.committedKeys(prefix)).containsExactly(prefix + "a");
        assertThat(timers.find(ScriptedTimerHandler.KIND, prefix + "b")).isEmpty();
    }

    @Test
    void moreDueTimersThanOneBatchAllFireInOneRun() {
        dueTimers.runDue();
        String prefix = UUID.randomUUID() + "-";
        int count = 3 * DurableTimers.BATCH + 5;
        for (int i = 0; i < count; i++) {
            timers.schedule(RecordingTimerHandler.KIND, prefix + i, clock.instant(), null);
        }
        assertThat(dueTimers.runDue()).isEqualTo(count);
        assertThat(handler.firedKeys(prefix)).hasSize(count).doesNotHaveDuplicates();
        assertThat(timers.pending(RecordingTimerHandler.KIND)).noneMatch(t -> t.key().startsWith(prefix));
    }
}
