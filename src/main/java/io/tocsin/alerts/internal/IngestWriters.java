package io.tocsin.alerts.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.alerts.internal.AlertIngest.Outcome;
import io.tocsin.alerts.internal.AlertIngest.Route;
import io.tocsin.shared.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for ingest (issue 3, point 7: an accepted event is committed before the 2xx). Request threads hand
 * their event to one of a few writer threads and wait; a writer takes everything that queued up meanwhile and
 * applies it in one transaction, so a burst costs one commit (one WAL flush) instead of one per event, and the
 * repeats of open alerts in it become one batched UPDATE per key. Under light load a batch holds one event and
 * nothing waits longer than before.
 * <p>
 * Events of one dedup scope and key always go to the same writer, so on one node they are applied in arrival
 * order and never race each other; across nodes the unique constraint on open alerts still decides. The scope is
 * settled before an event is queued, so under dedup per service the same key through two integrations shares a
 * writer too. {@link IngestBatch} applies a batch. When a batch
 * fails (a constraint race with another node, a lost connection), its transaction rolls back whole and each event
 * is applied again on its own, so one bad event cannot fail its neighbours and nothing is half-written.
 */
@Component
class IngestWriters implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IngestWriters.class);
    private static final int MAX_BATCH = 256;
    private static final int LOCK_ATTEMPTS = 4;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ObjectProvider<AlertIngest> ingest;
    private final IngestBatch batches;
    private final TransactionTemplate tx;
    private final int writerCount;
    private final DistributionSummary batchSizes;
    private volatile List<LinkedBlockingQueue<Command>> queues = List.of();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Thread> writerThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    IngestWriters(ObjectProvider<AlertIngest> ingest, IngestBatch batches, TransactionTemplate tx,
            AlertsProperties properties, MeterRegistry meters) {
        this.ingest = ingest;
        this.batches = batches;
        this.tx = tx;
        this.writerCount = properties.getIngestWriters();
        this.batchSizes = DistributionSummary.builder("tocsin.alerts.ingest.batch")
                .description("Ingest events committed together in one transaction").register(meters);
    }

    /** One event waiting for its writer; {@code result} completes after the commit. */
    record Command(boolean trigger, Route route, Signal signal, String key, String by, boolean acknowledge,
            CompletableFuture<Outcome> result) {

        static Command trigger(Route route, Signal signal, String key) {
            return new Command(true, route, signal, key, null, false, new CompletableFuture<>());
        }

        static Command transition(Route route, String key, String by, boolean acknowledge) {
            return new Command(false, route, null, key, by, acknowledge, new CompletableFuture<>());
        }

        ScopedKey scopedKey() {
            return new ScopedKey(route.scopeId(), key);
        }
    }

    record ScopedKey(java.util.UUID scopeId, String key) {
    }

    /**
     * Whether events go through the writers: not inside a caller's transaction (they must join it) and not on
     * a writer itself, and only while the writers run.
     */
    boolean accepting() {
        return running && writerCount > 0 && !TransactionSynchronizationManager.isActualTransactionActive()
                && !writerThreads.contains(Thread.currentThread());
    }

    /** Queues the event and waits until it is committed; throws when it was not (the caller answers 5xx). */
    Outcome submit(Command command) {
        var all = queues;
        var queue = all.get(Math.floorMod(command.scopedKey().hashCode(), all.size()));
        queue.add(command);
        if (!running && queue.remove(command)) {
            // Stopped meanwhile and its writer may be gone: nobody else will apply it.
            return one(command);
        }
        try {
            return command.result().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the event was being stored", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("event not stored within " + WAIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void work(LinkedBlockingQueue<Command> queue) {
        var batch = new ArrayList<Command>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                var first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                apply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("Ingest writer failed on a batch of {} events", batch.size(), e);
                batch.forEach(c -> c.result().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Applies one batch and completes its futures; package-private so tests can hand it a batch of their own. */
    void apply(List<Command> batch) {
        batchSizes.record(batch.size());
        List<Outcome> outcomes;
        try {
            outcomes = tx.execute(status -> batches.apply(batch));
        } catch (RuntimeException failed) {
            // One by one would wait the pool's connection timeout once per event of the batch (issue 17, point 3).
            // A lost lock race (a deadlock another writer or node won) is worth another go, even for one event.
            if (DatabaseOutage.is(failed) || (batch.size() == 1 && !lockConflict(failed))) {
                batch.forEach(c -> c.result().completeExceptionally(failed));
                return;
            }
            log.debug("Batch of {} ingest events rolled back ({}); applying them one by one", batch.size(),
                    failed.toString());
            for (var command : batch) {
                try {
                    command.result().complete(one(command));
                } catch (RuntimeException e) {
                    command.result().completeExceptionally(e);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(outcomes.get(i));
        }
    }

    /**
     * Applies one event on its own. A deadlock (PostgreSQL picks one of two transactions that lock the same incidents
     * in opposite order and rolls it back) or a lock timeout is retried a few times: it says nothing about the event,
     * and a sender told to retry would only queue it again behind the same storm.
     */
    private Outcome one(Command command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(command);
            } catch (RuntimeException e) {
                if (!lockConflict(e) || attempt >= LOCK_ATTEMPTS) {
                    throw e;
                }
                log.debug("Ingest event lost a lock race ({}); attempt {} of {}", e.toString(), attempt + 1,
                        LOCK_ATTEMPTS);
            }
        }
    }

    static boolean lockConflict(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.dao.PessimisticLockingFailureException) {
                return true;
            }
        }
        return false;
    }

    private Outcome once(Command command) {
        var alerts = ingest.getObject();
        if (command.trigger()) {
            return alerts.triggerNow(command.route(), command.signal(), command.key());
        }
        return tx.execute(status -> alerts.transitionInTransaction(command.route(), command.key(), command.by(),
                command.acknowledge()));
    }

    @Override
    public void start() {
        var created = new ArrayList<LinkedBlockingQueue<Command>>();
        for (int i = 0; i < writerCount; i++) {
            created.add(new LinkedBlockingQueue<>());
        }
        queues = List.copyOf(created);
        running = true;
        for (var queue : queues) {
            var thread = Thread.ofPlatform().name("ingest-writer-" + threads.size()).daemon()
                    .unstarted(() -> work(queue));
            writerThreads.add(thread);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops taking events (later ones are applied by their request thread) and finishes what is queued. */
    @Override
    public void stop() {
        running = false;
        for (var thread : threads) {
            try {
                thread.join(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        threads.clear();
        writerThreads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before and stops after the web server, so no request finds the writers gone. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
