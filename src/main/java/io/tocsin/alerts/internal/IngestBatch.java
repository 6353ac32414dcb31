package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;

import io.tocsin.alerts.internal.AlertIngest.Outcome;
import io.tocsin.alerts.internal.AlertIngest.Result;
import io.tocsin.alerts.internal.IngestWriters.Command;
import io.tocsin.alerts.internal.IngestWriters.ScopedKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one batch of ingest events inside the writer's transaction ({@link IngestWriters}): the repeats of open
 * alerts set-based, everything else one by one in arrival order, with the same outcome as applying each alone.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class IngestBatch {

    private final ObjectProvider<AlertIngest> ingest;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    IngestBatch(ObjectProvider<AlertIngest> ingest, JdbcTemplate jdbc, Clock clock) {
        this.ingest = ingest;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * First the repeats: triggers of keys that only trigger in this batch, one UPDATE per key adding how often it
     * came. The rest (new keys, acknowledges, resolves, and every event of a key that has one of those in the
     * batch) in arrival order, exactly as one by one.
     */
    List<Outcome> apply(List<Command> batch) {
        var alerts = ingest.getObject();
        var outcomes = new ArrayList<Outcome>(java.util.Collections.nCopies(batch.size(), (Outcome) null));
        var transitioned = new HashSet<ScopedKey>();
        for (var c : batch) {
            if (!c.trigger()) {
                transitioned.add(c.scopedKey());
            }
        }
        var repeats = new LinkedHashMap<ScopedKey, List<Integer>>();
        for (int i = 0; i < batch.size(); i++) {
            var c = batch.get(i);
            if (c.trigger() && !transitioned.contains(c.scopedKey())) {
                repeats.computeIfAbsent(c.scopedKey(), k -> new ArrayList<>()).add(i);
            }
        }
        if (!repeats.isEmpty()) {
            var now = Timestamp.from(clock.instant());
            var rows = new ArrayList<Object[]>(repeats.size());
            for (var entry : repeats.entrySet()) {
                rows.add(repeatRow(batch, entry.getKey(), entry.getValue(), now));
            }
            int[] counts = jdbc.batchUpdate(AlertIngest.REPEAT, rows);
            var reported = new ArrayList<Object[]>();
            int g = 0;
            for (var entry : repeats.entrySet()) {
                int count = counts[g++];
                if (count < 0) {
                    throw new IllegalStateException("the database did not report the rows of a batched update");
                }
                if (count > 0) {
                    for (int i : entry.getValue()) {
                        outcomes.set(i, new Outcome(Result.REPEATED, null, entry.getKey().key(), null));
                    }
                    reportedRows(batch, entry.getKey(), entry.getValue(), now, reported);
                }
            }
            if (!reported.isEmpty()) {
                jdbc.batchUpdate(AlertSources.REPORTED, reported);
            }
        }
        // A key the batched UPDATE found no open alert for is new: its first trigger opens it without asking again.
        var known = new HashSet<ScopedKey>(transitioned);
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes.get(i) != null) {
                continue;
            }
            var c = batch.get(i);
            if (!c.trigger()) {
                outcomes.set(i, alerts.transitionInTransaction(c.route(), c.key(), c.by(), c.acknowledge()));
            } else if (known.add(c.scopedKey())) {
                outcomes.set(i, alerts.open(c.route(), c.signal(), c.key()));
            } else {
                outcomes.set(i, alerts.triggerInTransaction(c.route(), c.signal(), c.key()));
            }
        }
        return outcomes;
    }

    /** The UPDATE's parameters for n triggers of one key: the last summary, the last details and links given. */
    private static Object[] repeatRow(List<Command> batch, ScopedKey key, List<Integer> indexes, Timestamp now) {
        String summary = null;
        String details = null;
        String links = null;
        for (int i : indexes) {
            var s = batch.get(i).signal();
            summary = s.summary();
            details = s.details() != null ? s.details() : details;
            links = s.links() != null ? s.links() : links;
        }
        return new Object[] {indexes.size(), now, summary, details, links, key.scopeId(), key.key()};
    }

    /**
     * For a key deduplicated per service: one {@link AlertSources#REPORTED} row per integration among its repeats,
     * counting how many came that way. Keys deduplicated per integration have no source rows to keep.
     */
    private static void reportedRows(List<Command> batch, ScopedKey key, List<Integer> indexes, Timestamp now,
            List<Object[]> rows) {
        if (!batch.get(indexes.getFirst()).route().serviceScoped()) {
            return;
        }
        var byIntegration = new LinkedHashMap<java.util.UUID, List<Command>>();
        for (int i : indexes) {
            var c = batch.get(i);
            byIntegration.computeIfAbsent(c.route().integrationId(), k -> new ArrayList<>()).add(c);
        }
        for (var commands : byIntegration.values()) {
            var last = commands.getLast();
            rows.add(AlertSources.reported(last.route(), key.key(), last.signal().origin(), commands.size(), now));
        }
    }
}
