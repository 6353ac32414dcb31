package io.tocsin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.tocsin.support.IntegrationTest;
import io.tocsin.support.RecordingTimerHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Durable timers fire once when due, never early, survive in the database, and retry after a failure. */
class DurableTimersTest extends IntegrationTest {

    @Autowired
    DurableTimers timers;

    @Autowired
    RecordingTimerHandler handler;

    @Autowired
    TransactionTemplate tx;

    @Test
    void firesOnceWhenDueAndNotBefore() {
        String prefix = UUID.randomUUID() + "-";
        tx.executeWithoutResult(s -> timers.schedule(RecordingTimerHandler.KIND, prefix + "a",
                clock.instant().plus(Duration.ofMinutes(5)), "payload-a"));
        timers.runDue();
        assertThat(handler.firedKeys(prefix)).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        timers.runDue();
        timers.runDue();
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
        timers.runDue();
        assertThat(handler.firedKeys(prefix)).isEmpty();
        assertThat(timers.find(RecordingTimerHandler.KIND, prefix + "b").orElseThrow().payload()).isEqualTo("later");

        clock.advance(Duration.ofMinutes(8));
        timers.runDue();
        assertThat(handler.firedKeys(prefix)).containsExactly(prefix + "b");
    }

    @Test
    void aFailingHandlerKeepsTheTimerAndRetriesLater() {
        String prefix = UUID.randomUUID() + "-";
        timers.schedule(RecordingTimerHandler.KIND, prefix + "d", clock.instant(), null);
        handler.failNext(1);
        timers.runDue();
        assertThat(handler.firedKeys(prefix)).isEmpty();
        var pending = timers.find(RecordingTimerHandler.KIND, prefix + "d").orElseThrow();
        assertThat(pending.attempts()).isEqualTo(1);
        assertThat(pending.dueAt()).isAfter(clock.instant());

        clock.advance(Duration.ofSeconds(30));
        timers.runDue();
        assertThat(handler.firedKeys(prefix)).containsExactly(prefix + "d");
    }

    @Test
    void concurrentPollersFireEachTimerExactlyOnce() throws Exception {
        // Other modules' timers that are due by now (cadence reminders, fatigue prompts) fire first, so the count
        // below is ours alone.
        timers.runDue();
        String prefix = UUID.randomUUID() + "-";
        for (int i = 0; i < 200; i++) {
            timers.schedule(RecordingTimerHandler.KIND, prefix + i, clock.instant(), null);
        }
        var pool = Executors.newFixedThreadPool(4);
        var jobs = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 4; i++) {
            jobs.add(timers::runDue);
        }
        int total = 0;
        for (var f : pool.invokeAll(jobs)) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(handler.firedKeys(prefix)).hasSize(200).doesNotHaveDuplicates();
        assertThat(total).isEqualTo(200);
    }
}
