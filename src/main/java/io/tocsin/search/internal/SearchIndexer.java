package io.tocsin.search.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tocsin.alerts.AlertEvents;
import io.tocsin.comms.CommsEvents;
import io.tocsin.incidents.IncidentEvent;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.Incidents;
import io.tocsin.learning.PostmortemEvents;
import io.tocsin.learning.ProblemChanged;
import io.tocsin.learning.Postmortems;
import io.tocsin.learning.Problems;
import io.tocsin.shared.ClusterSignals;
import io.tocsin.shared.TransactionBuffer;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's index current (issue 18 point 1). Every change to an incident (its own events, updates,
 * postmortems, alerts joining it) queues the incident after commit; changes made on another node arrive as
 * {@link ClusterSignals} and are queued the same way, so each node indexes for itself from the shared database.
 * One worker thread re-reads a queued incident and replaces its documents; its profile is embedded again only when
 * its text changed. At start-up and every {@code catch-up-every} the index is reconciled with the database
 * (incidents missing or changed, problems, postmortem sections, which publish no event), which also rebuilds an
 * empty or lost index. Nothing here runs on a request thread.
 */
@Component
class SearchIndexer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexer.class);
    private static final UUID CATCH_UP = new UUID(0, 0);

    private final IncidentReader reader;
    private final Incidents incidents;
    private final Problems problems;
    private final Postmortems postmortems;
    private final SearchSettings settings;
    private final MiniLmEmbedder embedder = new MiniLmEmbedder();
    private final LuceneIndex index;
    private final LinkedBlockingQueue<UUID> queue = new LinkedBlockingQueue<>();
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<UUID, java.time.Instant> postmortemsSeen = new ConcurrentHashMap<>();
    /** Incidents indexed by their words whose vector waits for a quiet moment (see {@link #quiet()}). */
    private final Set<UUID> toEmbed = ConcurrentHashMap.newKeySet();
    private volatile long lastChangeNanos = System.nanoTime();
    private volatile boolean running;
    private Thread worker;

    SearchIndexer(IncidentReader reader, Incidents incidents, Problems problems, Postmortems postmortems,
            SearchSettings settings) {
        this.reader = reader;
        this.incidents = incidents;
        this.problems = problems;
        this.postmortems = postmortems;
        this.settings = settings;
        this.index = new LuceneIndex(directory(settings.getDirectory()));
    }

    private static org.apache.lucene.store.Directory directory(String where) {
        if ("memory".equalsIgnoreCase(where)) {
            return new ByteBuffersDirectory();
        }
        try {
            var path = Path.of(where);
            Files.createDirectories(path);
            return FSDirectory.open(path);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot open the search index directory " + where
                    + " (tocsin.search.directory)", e);
        }
    }

    LuceneIndex index() {
        return index;
    }

    MiniLmEmbedder embedder() {
        return embedder;
    }

    boolean embeddingsOn() {
        return settings.getEmbeddings() != SearchSettings.Embeddings.OFF;
    }

    // ------------------------------------------------------------------ what changed
    // Plain listeners that queue after commit, not transactional ones: the event publication registry stores a row
    // for every transactional listener and event, and an ingest batch raises an event per alert. Nothing is lost by
    // a crash before the queue is worked off, since the start-up catch-up reconciles the index with the database.

    @EventListener
    void on(IncidentEvent e) {
        changed(e.incidentId());
    }

    @EventListener
    void on(CommsEvents.UpdatePosted e) {
        changed(e.incidentId());
    }

    @EventListener
    void on(AlertEvents.AlertLinkedToIncident e) {
        changed(e.incidentId());
    }

    @EventListener
    void on(AlertEvents.AlertTriggered e) {
        if (e.incidentId() != null) {
            changed(e.incidentId());
        }
    }

    @EventListener
    void on(PostmortemEvents.Drafted e) {
        changed(e.incidentId());
    }

    @EventListener
    void on(PostmortemEvents.Published e) {
        changed(e.incidentId());
    }

    /** The problem's document is written with each of its incidents; one linked to none waits for the catch-up. */
    @EventListener
    void on(ProblemChanged e) {
        if (e.incidentIds().isEmpty()) {
            changed(CATCH_UP);
        }
        e.incidentIds().forEach(this::changed);
    }

    /** A change committed on another node: this node's index follows it. */
    @EventListener
    void on(ClusterSignals.Signal signal) {
        if (signal.everything()) {
            enqueue(CATCH_UP);
        } else if (signal.is("incidents.changed")) {
            enqueue(UUID.fromString(signal.subject()));
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (settings.getEmbeddings() == SearchSettings.Embeddings.BACKGROUND) {
            embedder.startLoading();
        }
        enqueue(CATCH_UP);
    }

    private void changed(UUID incidentId) {
        TransactionBuffer.afterCommit(this, incidentId, ids -> ids.forEach(this::enqueue));
    }

    void enqueue(UUID incidentId) {
        lastChangeNanos = System.nanoTime();
        if (queued.add(incidentId)) {
            pending.incrementAndGet();
            queue.add(incidentId);
        }
    }

    // ------------------------------------------------------------------ the worker

    /**
     * How long the worker lets a change settle before reading it. A change rarely comes alone (an incident is
     * declared, its alert joins, its run starts, each its own commit), and on a small machine the first page is being
     * delivered in those same milliseconds: one read a moment later covers them all and leaves paging the CPU.
     */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /**
     * How often written documents are made durable (a Lucene commit, which syncs files to disk). They are searchable
     * at once through a near-real-time reader; what a crash loses before a commit, the next catch-up re-indexes.
     */
    static final long COMMIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /*
     * Embedding takes one core for several milliseconds per incident. While incidents are changing, alerts are
     * arriving and pages going out, and on a 2-core server the vector can wait a second where a page should not
     * (EscalationBenchmark prints the CPU per thread): a changed incident is indexed by its words at once and
     * embedded once incidents have stopped changing for tocsin.search.embed-after-quiet.
     */
    private boolean quiet() {
        return System.nanoTime() - lastChangeNanos >= settings.getEmbedAfterQuiet().toNanos();
    }

    private void work() {
        long lastCatchUp = System.nanoTime();
        long lastCommit = System.nanoTime();
        boolean uncommitted = false;
        while (running) {
            int taken = 0;
            try {
                var next = queue.poll(250, TimeUnit.MILLISECONDS);
                if (next == null) {
                    if (!toEmbed.isEmpty() && quiet()) {
                        embedWaiting();
                        uncommitted = true;
                        continue;
                    }
                    if (uncommitted) {
                        index.commit();
                        uncommitted = false;
                        lastCommit = System.nanoTime();
                    }
                    if (System.nanoTime() - lastCatchUp > settings.getCatchUpEvery().toNanos()) {
                        enqueue(CATCH_UP);
                    }
                    continue;
                }
                // What queues while the first change settles goes into the same pass.
                var batch = new java.util.LinkedHashSet<UUID>();
                long settled = System.nanoTime() + SETTLE_NANOS;
                for (; next != null; next = queue.poll(Math.max(0, settled - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    taken++;
                    queued.remove(next);
                    batch.add(next);
                }
                for (var id : batch) {
                    if (id.equals(CATCH_UP)) {
                        catchUp();
                        lastCatchUp = System.nanoTime();
                    } else {
                        reindex(id);
                    }
                }
                if (System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
                    index.commit();
                    uncommitted = false;
                    lastCommit = System.nanoTime();
                } else {
                    index.refresh();
                    uncommitted = true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Search: indexing failed; the next catch-up retries", e);
            } finally {
                pending.addAndGet(-taken);
            }
        }
    }

    /** Embeds what waits for a vector, one incident at a time, until something changes again. */
    private void embedWaiting() {
        for (var it = toEmbed.iterator(); it.hasNext() && running && queue.isEmpty() && quiet(); ) {
            var id = it.next();
            it.remove();
            reindex(id);
        }
        index.refresh();
    }

    /** Re-reads the incident and replaces its documents. */
    void reindex(UUID incidentId) {
        var read = reader.read(incidentId).orElse(null);
        if (read == null) {
            index.removeIncident(incidentId);
            return;
        }
        var profile = read.profile();
        var hash = hash(profile.embeddingText());
        var stored = index.profile(incidentId).orElse(null);
        float[] vector = null;
        boolean current = false;
        if (stored != null && hash.equals(stored.hash()) && stored.vector() != null) {
            vector = stored.vector();
            current = true;
        } else if (embeddingsOn() && !quiet()) {
            // Until the quiet moment, the incident keeps the vector of its earlier text, if it had one.
            vector = stored == null ? null : stored.vector();
            toEmbed.add(incidentId);
        } else if (embeddingsOn() && (embedder.ready() || settings.getEmbeddings() == SearchSettings.Embeddings.LAZY)) {
            try {
                vector = embedder.embed(profile.embeddingText());
                current = true;
            } catch (java.util.concurrent.CompletionException e) {
                vector = null; // the model failed to load (logged once): words only
            }
        }
        if (current) {
            toEmbed.remove(incidentId);
        }
        // Without a current vector the hash is left blank, so the next catch-up embeds it, should a crash or a model
        // still loading leave it behind.
        index.putIncident(profile, current ? hash : "", vector, read.documents());
        for (var p : problems.forIncident(incidentId)) {
            index.put(IncidentReader.problemDocument(p));
        }
    }

    /** Reconciles the index with the database: every incident, every problem. */
    void catchUp() {
        var indexed = new HashMap<>(index.indexedIncidents());
        int offset = 0;
        int done = 0;
        while (true) {
            var page = incidents.list(new IncidentFilter(Set.of(), Set.of(), null, null, null, null, 1000, offset));
            for (var s : page) {
                var hash = indexed.remove(s.id());
                if (hash == null || hash.isEmpty() || s.updatedAt() == null || changedSinceSeen(s.id(), s.updatedAt())) {
                    reindex(s.id());
                    done++;
                }
            }
            if (page.size() < 1000) {
                break;
            }
            offset += page.size();
        }
        indexed.keySet().forEach(index::removeIncident);
        for (var p : postmortems.all()) {
            var seen = postmortemsSeen.put(p.id(), p.updatedAt());
            if (seen != null && p.updatedAt() != null && p.updatedAt().isAfter(seen)) {
                reindex(p.incidentId());
            }
        }
        var problemDocs = new HashSet<>(index.documentIds(SearchDocument.DocType.PROBLEM));
        for (var p : problems.list(null, false, null)) {
            index.put(IncidentReader.problemDocument(p));
            problemDocs.remove("problem:" + p.id());
        }
        problemDocs.forEach(index::removeDocument);
        if (done > 0) {
            log.info("Search: {} incidents (re)indexed by catch-up", done);
        }
    }

    private final Map<UUID, java.time.Instant> incidentsSeen = new ConcurrentHashMap<>();

    private boolean changedSinceSeen(UUID id, java.time.Instant updatedAt) {
        var seen = incidentsSeen.put(id, updatedAt);
        return seen != null && updatedAt.isAfter(seen);
    }

    /** Whether everything queued so far is in the index (tests await this). */
    boolean idle() {
        return pending.get() == 0 && toEmbed.isEmpty();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("search-indexer").daemon().start(this::work);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        index.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
