package io.tocsin.alerts.internal;

import static io.tocsin.incidents.TimelineArg.text;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.shared.Timers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps an incident's timeline readable in an alert storm (issue 10, R19). The first {@value #LISTED} alerts of an
 * incident (the one that opened it and the next ones to join) each get their own entry; every later one is counted
 * into one bundle per source (integration or heartbeat) and minute, which {@link StormBundleTimer} writes as one
 * entry ("+120 alerts from checkout ...") when the minute is over.
 * <p>
 * A transaction adds its counts up in memory and writes them just before it commits, one UPDATE (or INSERT and a
 * durable timer, for a new bundle) per bundle: an ingest batch of hundreds of storm alerts costs a statement, not
 * one per alert. The bundle row is the count, so nothing counted is lost on a restart. Listing and creating bundles
 * take turns on the incident row (across writers and nodes), so exactly the first alerts are listed and a bundle row
 * is created once.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class StormBundles {

    /** How many alerts of an incident the timeline lists one by one. */
    static final int LISTED = 6;
    /** Later alerts are counted per source and minute of the clock. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** The bundle is written this long after its minute, so that a batch still committing is in it. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private static final Object RESOURCE = new Object();

    private final Incidents incidents;
    private final Timeline timeline;
    private final Timers timers;
    private final JdbcClient jdbc;

    StormBundles(Incidents incidents, Timeline timeline, Timers timers, JdbcClient jdbc) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.timers = timers;
        this.jdbc = jdbc;
    }

    /** One bundle: an incident, a source and the minute it counts. */
    record Key(UUID incidentId, UUID sourceId, Instant windowStart) {

        String timerKey() {
            return incidentId + "/" + sourceId + "/" + windowStart.getEpochSecond();
        }

        static Key ofTimer(String key) {
            var parts = key.split("/");
            return new Key(UUID.fromString(parts[0]), UUID.fromString(parts[1]),
                    Instant.ofEpochSecond(Long.parseLong(parts[2])));
        }
    }

    /** What this transaction counted for one bundle. */
    private static final class Counted {
        final String incidentKey;
        final Alert first;
        long alerts;
        Instant firstAt;
        Instant lastAt;

        Counted(String incidentKey, Alert first, Instant at) {
            this.incidentKey = incidentKey;
            this.first = first;
            this.firstAt = at;
            this.lastAt = at;
        }
    }

    /** This transaction's view: alerts per incident so far, and its counts per bundle. */
    private static final class Pending {
        final Map<UUID, long[]> alertsOfIncident = new HashMap<>();
        final Set<UUID> lockedIncidents = new HashSet<>();
        final Map<Key, Counted> bundles = new LinkedHashMap<>();
    }

    /** A new alert joined an incident: list it on the timeline, or count it into its bundle. */
    void attached(Alert alert, UUID incidentId, String incidentKey, Instant now) {
        var pending = pending();
        var alerts = pending.alertsOfIncident.computeIfAbsent(incidentId, id -> new long[] {alertsOf(id)});
        if (alerts[0] < LISTED && pending.lockedIncidents.add(incidentId)) {
            // Listing is decided under the incident's lock, counting what other writers committed meanwhile. Once
            // the incident has its listed alerts the count only grows, so a storm's batches need no lock here.
            incidents.lock(incidentId);
            alerts[0] = alertsOf(incidentId);
        }
        boolean listed = alerts[0] < LISTED;
        alerts[0]++;
        if (listed) {
            timeline.recordSystem(incidentId, incidentKey, "alerts.attached",
                    List.of(text(alert.summary()), text(alert.origin())), Actor.SYSTEM, now);
            return;
        }
        var key = new Key(incidentId, sourceId(alert), windowStart(now));
        var counted = pending.bundles.computeIfAbsent(key, k -> new Counted(incidentKey, alert, now));
        counted.alerts++;
        counted.lastAt = now;
    }

    /** Writes this transaction's counts, just before it commits. */
    private void flush(Pending pending) {
        // Every bundle write of an incident takes the incident's turn first, so two writers never race to create the
        // same bundle row, and never wait for each other's bundle rows the other way round. The turns are taken in
        // one order (by id), so two writers whose batches span the same incidents never deadlock on them.
        pending.bundles.keySet().stream().map(Key::incidentId).distinct().sorted()
                .filter(pending.lockedIncidents::add).forEach(incidents::lock);
        for (var entry : pending.bundles.entrySet()) {
            var key = entry.getKey();
            var c = entry.getValue();
            int updated = jdbc.sql("""
                    update alert_bundle set alert_count = alert_count + ?, last_at = ?
                    where incident_id = ? and source_id = ? and window_start = ?""")
                    .params(c.alerts, Timestamp.from(c.lastAt), key.incidentId(), key.sourceId(),
                            Timestamp.from(key.windowStart()))
                    .update();
            if (updated == 0) {
                jdbc.sql("""
                        insert into alert_bundle (incident_id, source_id, window_start, incident_key, source_name,
                               alert_count, first_at, last_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(key.incidentId(), key.sourceId(), Timestamp.from(key.windowStart()), c.incidentKey,
                                sourceName(c.first), c.alerts, Timestamp.from(c.firstAt), Timestamp.from(c.lastAt))
                        .update();
                timers.schedule(StormBundleTimer.KIND, key.timerKey(), key.windowStart().plus(WINDOW).plus(GRACE),
                        null);
            }
        }
    }

    private Pending pending() {
        var pending = (Pending) TransactionSynchronizationManager.getResource(RESOURCE);
        if (pending != null) {
            return pending;
        }
        var created = new Pending();
        TransactionSynchronizationManager.bindResource(RESOURCE, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                StormBundles.this.flush(created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
            }
        });
        return created;
    }

    /** The start of the clock window an instant falls in (windows are aligned to the epoch: whole minutes). */
    static Instant windowStart(Instant at) {
        long seconds = at.getEpochSecond();
        return Instant.ofEpochSecond(seconds - Math.floorMod(seconds, WINDOW.toSeconds()));
    }

    private long alertsOf(UUID incidentId) {
        return jdbc.sql("select count(*) from alert where incident_id = ?").param(incidentId).query(Long.class)
                .single();
    }

    private static UUID sourceId(Alert alert) {
        if (alert.integrationId() != null) {
            return alert.integrationId();
        }
        return alert.heartbeatId() != null ? alert.heartbeatId() : alert.serviceId();
    }

    /** The integration's or heartbeat's name as people gave it, else where the alert came from. */
    private String sourceName(Alert alert) {
        java.util.Optional<String> name = java.util.Optional.empty();
        if (alert.integrationId() != null) {
            name = jdbc.sql("select name from alert_integration where id = ?").param(alert.integrationId())
                    .query(String.class).optional();
        } else if (alert.heartbeatId() != null) {
            name = jdbc.sql("select name from heartbeat where id = ?").param(alert.heartbeatId()).query(String.class)
                    .optional();
        }
        return name.orElse(alert.origin());
    }
}
