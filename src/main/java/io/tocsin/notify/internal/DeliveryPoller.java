package io.tocsin.notify.internal;

import io.tocsin.shared.BackgroundPoller;
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

    private final BackgroundPoller poller;
    private final DeliveryWakeUp wakeUp;
    private final boolean enabled;

    DeliveryPoller(DeliveryWorker worker, DeliveryWakeUp wakeUp,
            @Value("${tocsin.notify.worker.poll-interval-ms:200}") long intervalMillis,
            @Value("${tocsin.notify.worker.enabled:${tocsin.timers.enabled:true}}") boolean enabled) {
        this.poller = new BackgroundPoller("tocsin-deliveries", intervalMillis, worker::deliverDue);
        this.wakeUp = wakeUp;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (!enabled) {
            return;
        }
        poller.start();
        // A page queued on this node goes out at once rather than at the next poll.
        wakeUp.onQueued(poller::nudge);
    }

    @Override
    public void start() {
        // Polling starts on ApplicationReadyEvent, after every channel is in place.
    }

    @Override
    public void stop() {
        poller.stop();
    }

    @Override
    public boolean isRunning() {
        return poller.running();
    }
}
