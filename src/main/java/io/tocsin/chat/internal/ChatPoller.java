package io.tocsin.chat.internal;

import io.tocsin.shared.BackgroundPoller;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drains the chat queue in the background wherever durable timers run (tests switch it off with
 * {@code tocsin.timers.enabled=false} and call {@link ChatQueue#runDue()} after moving the clock). It starts once
 * the application is ready (every adapter in place) and stops with the context.
 */
@Component
class ChatPoller {

    private final BackgroundPoller poller;
    private final boolean enabled;

    ChatPoller(ChatQueue queue, @Value("${tocsin.chat.worker.poll-interval-ms:500}") long intervalMillis,
            @Value("${tocsin.chat.worker.enabled:${tocsin.timers.enabled:true}}") boolean enabled) {
        this.poller = new BackgroundPoller("tocsin-chat", intervalMillis, queue::runDue);
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void begin() {
        if (enabled) {
            poller.start();
        }
    }

    @PreDestroy
    void end() {
        poller.stop();
    }
}
