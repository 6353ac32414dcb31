package io.tocsin.shared.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tocsin.shared.DurableTimers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fires due durable timers in the background. Starts once the application is ready, so that a timer that came
 * due while the node was down fires within one poll interval of start.
 */
@Component
class TimerPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TimerPoller.class);

    private final DurableTimers timers;
    private final long intervalMillis;
    private final boolean enabled;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    TimerPoller(DurableTimers timers, @Value("${tocsin.timers.poll-interval-ms:250}") long intervalMillis,
            @Value("${tocsin.timers.enabled:true}") boolean enabled) {
        this.timers = timers;
        this.intervalMillis = intervalMillis;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tocsin-timers").daemon()
                .factory());
        executor.scheduleWithFixedDelay(this::poll, 0, intervalMillis, TimeUnit.MILLISECONDS);
        running = true;
    }

    private void poll() {
        try {
            timers.runDue();
        } catch (RuntimeException e) {
            log.warn("Timer poll failed; retrying next interval", e);
        }
    }

    @Override
    public void start() {
        // Polling starts on ApplicationReadyEvent, after every handler is in place.
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
