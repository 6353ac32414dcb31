package io.tocsin.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.tocsin.shared.Timer;
import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.TimerHandler;
import org.springframework.stereotype.Component;

/** A timer handler for tests: records what fired, and can be told to fail the next N firings. */
@Component
public class RecordingTimerHandler implements TimerHandler {

    public static final String KIND = "test.record";

    private final List<Timer> fired = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(Timer timer) {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("told to fail");
        }
        fired.add(timer);
    }

    public List<String> firedKeys(String prefix) {
        return fired.stream().map(Timer::key).filter(k -> k.startsWith(prefix)).toList();
    }

    public void failNext(int times) {
        failuresLeft.set(times);
    }
}
