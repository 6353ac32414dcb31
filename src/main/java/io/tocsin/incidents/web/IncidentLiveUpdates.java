package io.tocsin.incidents.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tocsin.incidents.IncidentEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes "changed" to every browser showing an incident once a change to it has committed, so the page of
 * someone else updates without reloading. Local to this node; each node serves the browsers connected to it.
 * <p>
 * On shutdown the open streams end first (this lifecycle's phase stops before the web server's graceful
 * shutdown): a stream is a request that never finishes by itself, so the graceful shutdown would otherwise wait
 * its whole timeout (30 s) for every browser still showing an incident, or for one that left without a goodbye.
 * The browsers' EventSource reconnects on its own, to this node once restarted or to another.
 */
@Component
class IncidentLiveUpdates implements SmartLifecycle {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Map<UUID, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;

    SseEmitter subscribe(UUID incidentId) {
        var emitter = new SseEmitter(TIMEOUT.toMillis());
        var set = subscribers.computeIfAbsent(incidentId, id -> ConcurrentHashMap.newKeySet());
        set.add(emitter);
        Runnable remove = () -> set.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        if (!running) { // shutting down: no new stream for the graceful shutdown to wait for
            remove.run();
            emitter.complete();
            return emitter;
        }
        try {
            emitter.send(SseEmitter.event().name("ready").data("ok"));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentEvent event) {
        var set = subscribers.get(event.incidentId());
        if (set == null) {
            return;
        }
        for (var emitter : set) {
            try {
                emitter.send(SseEmitter.event().name("changed").data(event.getClass().getSimpleName()));
            } catch (IOException | IllegalStateException e) {
                set.remove(emitter);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        subscribers.values().forEach(set -> set.forEach(emitter -> {
            set.remove(emitter);
            emitter.complete();
        }));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    int subscriberCount(UUID incidentId) {
        var set = subscribers.get(incidentId);
        return set == null ? 0 : set.size();
    }
}
