package io.tocsin.notify.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the delivery worker in the background. It runs wherever durable timers run (tests switch both off with
 * {@code tocsin.timers.enabled=false} and call {@link DeliveryWorker#deliverDue()} themselves).
 */
@Component
class DeliveryPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPoller.class);

    private final DeliveryWorker worker;
    private final DeliveryWakeUp wakeUp;
    private final java.util.concurrent.atomic.AtomicBoolean nudged = new java.util.concurrent.atomic.AtomicBoolean();
    private final long intervalMillis;
    private final boolean enabled;
    private ScheduledExecutorService executor;
    private volatile boolean running;

    DeliveryPoller(DeliveryWorker worker, DeliveryWakeUp wakeUp, @Value("${tocsin.notify.worker.poll-interval-ms:200}") long intervalMillis,
            @Value("${tocsin.notify.worker.enabled:${tocsin.timers.enabled:true}}") boolean enabled) {
        this.worker = worker;
        this.wakeUp = wakeUp;
        this.intervalMillis = intervalMillis;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tocsin-deliveries").daemon()
                .factory());
        executor.scheduleWithFixedDelay(this::poll, 0, intervalMillis, TimeUnit.MILLISECONDS);
        // A page queued on this node goes out at once rather than at the next poll (coalesced while one is waiting).
        wakeUp.onQueued(() -> {
            if (running && nudged.compareAndSet(false, true)) {
                try {
                    executor.execute(() -> {
                        nudged.set(false);
                        poll();
                    });
                } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                    nudged.set(false);
                }
            }
        });
        running = true;
    }

    private void poll() {
        try {
            worker.deliverDue();
        } catch (RuntimeException e) {
            log.warn("Delivery poll failed; retrying next interval", e);
        }
    }

    @Override
    public void start() {
        // Polling starts on ApplicationReadyEvent, after every channel is in place.
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
