package io.tocsin.shared.internal;

import io.tocsin.shared.BackgroundPoller;
import io.tocsin.shared.DurableTimers;
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

    private final BackgroundPoller poller;
    private final boolean enabled;

    TimerPoller(DurableTimers timers, @Value("${tocsin.timers.poll-interval-ms:250}") long intervalMillis,
            @Value("${tocsin.timers.enabled:true}") boolean enabled) {
        this.poller = new BackgroundPoller("tocsin-timers", intervalMillis, timers::runDue);
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        if (enabled) {
            poller.start();
        }
    }

    @Override
    public void start() {
        // Polling starts on ApplicationReadyEvent, after every handler is in place.
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
