package io.tocsin.alerts.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import io.tocsin.alerts.AlertStatus;
import io.tocsin.shared.TransactionMemo;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies trigger, acknowledge and resolve events to alerts; each is committed before the caller answers 2xx.
 * Dedup is by (scope, key) of the open alert, enforced by a unique constraint: the scope is the integration (or
 * heartbeat), or the service when its rule says so ({@link DedupScope}). A repeat is one UPDATE; when two
 * identical triggers race, one INSERT wins, the other hits the constraint and is retried as a repeat, so exactly
 * one alert exists. Outside a transaction, events go through {@link IngestWriters}, which commits many of them in
 * one transaction (group commit); inside the caller's transaction (a heartbeat timer, say) they join it.
 */
@Component
public class AlertIngest {

    private static final int ATTEMPTS = 4;

    private final AlertRepository alerts;
    private final AlertRules rules;
    private final MaintenanceWindows maintenance;
    private final IncidentLinker linker;
    private final AllAlertsResolved allResolved;
    private final AlertEventLog log;
    private final AlertSources sources;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final IngestWriters writers;
    private final ApplicationEventPublisher events;

    AlertIngest(AlertRepository alerts, AlertRules rules, MaintenanceWindows maintenance, IncidentLinker linker,
            AllAlertsResolved allResolved, AlertEventLog log, AlertSources sources, JdbcClient jdbc,
            TransactionTemplate tx, Clock clock, IngestWriters writers, ApplicationEventPublisher events) {
        this.alerts = alerts;
        this.rules = rules;
        this.maintenance = maintenance;
        this.linker = linker;
        this.allResolved = allResolved;
        this.log = log;
        this.sources = sources;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.writers = writers;
        this.events = events;
    }

    /**
     * Where an event goes: the service, the integration or heartbeat it came through, and the dedup scope its key
     * belongs to: the integration or heartbeat, or the service when the service deduplicates per service.
     */
    public record Route(UUID serviceId, UUID integrationId, UUID heartbeatId, UUID scopeId) {

        /** Deduplicated per integration or heartbeat; {@link AlertIngest} applies the service's own scope. */
        public Route(UUID serviceId, UUID integrationId, UUID heartbeatId) {
            this(serviceId, integrationId, heartbeatId, integrationId != null ? integrationId : heartbeatId);
        }

        public static Route of(Integration i) {
            return new Route(i.serviceId(), i.id(), null);
        }

        /** The same way in with its keys in the given scope; a heartbeat keeps its own (its key is one word). */
        Route in(DedupScope scope) {
            if (integrationId == null) {
                return this;
            }
            var wanted = scope == DedupScope.SERVICE ? serviceId : integrationId;
            return wanted.equals(scopeId) ? this : new Route(serviceId, integrationId, heartbeatId, wanted);
        }

        /** Keys belong to the whole service: the alert records every integration that reports it. */
        boolean serviceScoped() {
            return scopeId.equals(serviceId);
        }

        /** The scope this way in does not use now (where an alert of a just-changed scope may still be open). */
        Route otherScope() {
            return in(serviceScoped() ? DedupScope.INTEGRATION : DedupScope.SERVICE);
        }
    }

    /** The route in the scope the service's rule chooses (cached, like the rest of the rule). */
    private Route scoped(Route route) {
        return route.in(rules.cached(route.serviceId()).dedupScope());
    }

    /** What happened: a new alert, a repeat of an open one, a transition, or nothing (unknown key). */
    public enum Result {
        CREATED, REPEATED, ACKNOWLEDGED, RESOLVED, UNCHANGED, DROPPED
    }

    public record Outcome(Result result, UUID alertId, String dedupKey, AlertStatus status) {
    }

    public Outcome trigger(Route given, Signal signal) {
        var route = scoped(given);
        String key = signal.dedupKey() != null ? signal.dedupKey() : UUID.randomUUID().toString().replace("-", "");
        if (writers.accepting()) {
            return writers.submit(IngestWriters.Command.trigger(route, signal, key));
        }
        return triggerNow(route, signal, key);
    }

    /** Applies a trigger in its own transaction (or the caller's), retrying as a repeat when another node won. */
    Outcome triggerNow(Route route, Signal signal, String key) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> triggerInTransaction(route, signal, key));
            } catch (RuntimeException e) {
                // Another trigger with the same key committed its new alert first: ours is now a repeat.
                if (!duplicateKey(e) || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Applies a trigger inside the current transaction: a repeat when the key is open, else a new alert. */
    Outcome triggerInTransaction(Route route, Signal signal, String key) {
        if (repeat(route, signal, key)) {
            return new Outcome(Result.REPEATED, null, key, null);
        }
        return open(route, signal, key);
    }

    /**
     * Counts {@code n} repeats of the open alert of (scope, key); parameters: n, last seen, summary, details,
     * links, scope, key. Details and links keep their old value when a repeat carries none.
     */
    static final String REPEAT = """
            update alert set event_count = event_count + ?, last_seen_at = ?, summary = ?,
                   details = coalesce(?, details), links = coalesce(?, links), version = version + 1
            where scope_id = ? and open_dedup_key = ?""";

    private boolean repeat(Route route, Signal s, String key) {
        var now = Timestamp.from(clock.instant());
        boolean open = jdbc.sql(REPEAT).params(1, now, s.summary(), s.details(), s.links(), route.scopeId(), key)
                .update() > 0;
        if (open && route.serviceScoped()) {
            jdbc.sql(AlertSources.REPORTED).params(AlertSources.reported(route, key, s.origin(), 1, now)).update();
        }
        return open;
    }

    /** Opens a new alert inside the current transaction, for a key known to have no open alert. */
    Outcome open(Route route, Signal s, String key) {
        var now = clock.instant();
        var rule = rules.cached(route.serviceId());
        // The integration's own mapping (issue 10) decides first, then the service's words, then the built-in ones.
        var severity = s.severity() != null ? s.severity()
                : SeverityMapping.map(s.sourceSeverity(), rule.severityMap());
        boolean inMaintenance = TransactionMemo.get("alerts.maintenance", route.serviceId(),
                () -> maintenance.active(route.serviceId(), now));
        var alert = Alert.open(s, route.serviceId(), route.integrationId(), route.heartbeatId(), route.scopeId(), key,
                severity, inMaintenance, now);
        var linked = linker.onNewAlert(alert, rule);
        alert.announce(now);
        insert(alert);
        if (route.serviceScoped()) {
            sources.opened(alert);
        }
        log.record(alert.id(), AlertHistoryKind.TRIGGERED, s.origin(), alert.summary(), now);
        log.record(alert.id(), linked.historyKind(), "Tocsin", linked.historyMessage(), now);
        return new Outcome(Result.CREATED, alert.id(), key, alert.status());
    }

    /**
     * A new alert with one plain INSERT: the hot path of new alerts, where Spring Data's generic save (mapping
     * metadata, SQL rendering, callbacks) cost more CPU than the database work itself. Loading and updating still
     * go through the repository.
     */
    private void insert(Alert alert) {
        jdbc.sql(Alert.INSERT).params(alert.insertValues()).update();
        alert.takeEvents().forEach(events::publishEvent);
    }

    public Outcome acknowledge(Route route, String key, String by) {
        return transition(route, key, by, true);
    }

    public Outcome resolve(Route route, String key, String by) {
        return transition(route, key, by, false);
    }

    private Outcome transition(Route given, String key, String by, boolean acknowledge) {
        var route = scoped(given);
        if (writers.accepting()) {
            return writers.submit(IngestWriters.Command.transition(route, key, by, acknowledge));
        }
        return tx.execute(status -> transitionInTransaction(route, key, by, acknowledge));
    }

    /** Acknowledges or resolves the open alert of a key inside the current transaction; unknown keys are dropped. */
    Outcome transitionInTransaction(Route route, String key, String by, boolean acknowledge) {
        var found = alerts.findOpenForUpdate(route.scopeId(), key);
        if (found.isEmpty() && route.integrationId() != null) {
            // The service's dedup scope changed on another node (this one still had the old rule cached) or while
            // this event waited: the alert moved, and an acknowledge or resolve must still find it.
            found = alerts.findOpenForUpdate(route.otherScope().scopeId(), key);
        }
        if (found.isEmpty()) {
            return new Outcome(Result.DROPPED, null, key, null);
        }
        return apply(found.get(), by, acknowledge);
    }

    /** Acknowledges or resolves a loaded (and locked) alert; joins the caller's transaction. */
    Outcome apply(Alert alert, String by, boolean acknowledge) {
        var now = clock.instant();
        boolean changed = acknowledge ? alert.acknowledge(by, now) : alert.resolve(by, now);
        if (!changed) {
            return new Outcome(Result.UNCHANGED, alert.id(), alert.dedupKey(), alert.status());
        }
        alerts.save(alert);
        log.record(alert.id(), acknowledge ? AlertHistoryKind.ACKNOWLEDGED : AlertHistoryKind.RESOLVED, by, null, now);
        if (!acknowledge) {
            allResolved.afterResolve(alert);
        }
        return new Outcome(acknowledge ? Result.ACKNOWLEDGED : Result.RESOLVED, alert.id(), alert.dedupKey(),
                alert.status());
    }

    /** Spring Data JDBC wraps the constraint violation of a save; look through the causes. */
    static boolean duplicateKey(Throwable e) {
        for (var t = e; t != null; t = t.getCause()) {
            if (t instanceof DuplicateKeyException) {
                return true;
            }
        }
        return false;
    }

    /** The open alert of a scope and key, if any (e.g. to track Alertmanager members after a repeat). */
    public java.util.Optional<UUID> openAlertId(Route route, String key) {
        return jdbc.sql("select id from alert where scope_id = ? and open_dedup_key = ?")
                .params(scoped(route).scopeId(), key).query(UUID.class).optional();
    }
}
