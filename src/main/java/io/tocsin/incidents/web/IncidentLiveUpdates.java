package io.tocsin.incidents.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tocsin.incidents.IncidentEvent;
import io.tocsin.shared.ClusterSignals;
import io.tocsin.shared.TransactionBuffer;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes "changed" to every browser showing an incident once a change to it has committed, so the page of
 * someone else updates without reloading. Each node serves the browsers connected to it; a change made on another
 * node of a cluster arrives as a {@link ClusterSignals} signal after its commit (issue 17, point 5), and after
 * signals may have been missed every page is told to refresh.
 * <p>
 * On shutdown the open streams end first (this lifecycle's phase stops before the web server's graceful
 * shutdown): a stream is a request that never finishes by itself, so the graceful shutdown would otherwise wait
 * its whole timeout (30 s) for every browser still showing an incident, or for one that left without a goodbye.
 * The browsers' EventSource reconnects on its own, to this node once restarted or to another.
 */
@Component
class IncidentLiveUpdates implements SmartLifecycle {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    static final String TOPIC = "incidents.changed";

    private final Map<UUID, Set<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    private final ClusterSignals cluster;
    private volatile boolean running;

    IncidentLiveUpdates(ClusterSignals cluster) {
        this.cluster = cluster;
    }

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

    // After commit, but not as a transactional listener: the event publication registry would store a row for each
    // of an incident's events (five in the transaction that declares it, on the path to the first page), while a
    // browser that misses a nudge loses nothing: it reloads the incident's regions when its stream reconnects.
    @EventListener
    void on(IncidentEvent event) {
        TransactionBuffer.afterCommit(this, event, changes -> changes.forEach(c ->
                push(c.incidentId(), c.getClass().getSimpleName())));
    }

    /** In the change's transaction: the other nodes hear of it when it commits. */
    @EventListener
    void relay(IncidentEvent event) {
        cluster.publish(TOPIC, event.incidentId().toString());
    }

    @EventListener
    void on(ClusterSignals.Signal signal) {
        if (signal.everything()) {
            subscribers.keySet().forEach(id -> push(id, "resync"));
        } else if (signal.is(TOPIC)) {
            push(UUID.fromString(signal.subject()), "other-node");
        }
    }

    private void push(UUID incidentId, String what) {
        var set = subscribers.get(incidentId);
        if (set == null) {
            return;
        }
        for (var emitter : set) {
            try {
                emitter.send(SseEmitter.event().name("changed").data(what));
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
