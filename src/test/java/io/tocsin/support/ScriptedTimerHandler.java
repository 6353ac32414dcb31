package io.tocsin.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tocsin.shared.Timer;
import io.tocsin.shared.Timers;
import io.tocsin.shared.TimerHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A timer handler for tests that does what its payload says, with database work and an after-commit callback as
 * real handlers have: it always writes a marker timer ({@link #MARKER}, key = its own key) and notes its key after
 * commit; then {@code fail} throws, {@code fail-at-commit} throws when its transaction commits,
 * {@code again} schedules its own timer an hour later (payload {@code rescheduled}, which does nothing more), and
 * {@code cancel:KEY} cancels the timer KEY of this kind.
 */
@Component
public class ScriptedTimerHandler implements TimerHandler {

    public static final String KIND = "test.scripted";
    /** Kind of the marker timers, far in the future so that they never fire. */
    public static final String MARKER = "test.scripted.marker";

    private final Timers timers;
    private final List<String> committed = new CopyOnWriteArrayList<>();

    ScriptedTimerHandler(Timers timers) {
        this.timers = timers;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(Timer timer) {
        var t = timers;
        t.schedule(MARKER, timer.key(), timer.dueAt().plus(Duration.ofDays(36_500)), null);
        String script = timer.payload() == null ? "" : timer.payload();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                if (script.equals("fail-at-commit")) {
                    throw new IllegalStateException("told to fail at commit");
                }
            }

            @Override
            public void afterCommit() {
                committed.add(timer.key());
            }
        });
        switch (script) {
            case "fail" -> throw new IllegalStateException("told to fail");
            case "again" -> t.schedule(KIND, timer.key(), timer.dueAt().plus(Duration.ofHours(1)), "rescheduled");
            default -> {
                if (script.startsWith("cancel:")) {
                    t.cancel(KIND, script.substring("cancel:".length()));
                }
            }
        }
    }

    /** Keys whose firing committed (after-commit callbacks that ran), in order. */
    public List<String> committedKeys(String prefix) {
        return committed.stream().filter(k -> k.startsWith(prefix)).toList();
    }
}
