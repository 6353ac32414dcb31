package io.tocsin.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import io.tocsin.shared.Timers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a service's open alerts into its new dedup scope (issue 10), in the transaction that changes the rule, so
 * no open alert is left where new events no longer look. Alerts that end up with the same key in one scope (the
 * same Alertmanager group through the webhook and through the PagerDuty path, say) are merged: the earliest keeps
 * the key and takes over the others' sources, event counts and member alerts; the others are resolved as merged,
 * which stops their paging.
 * <p>
 * Other nodes read the rule from a cache for up to 5 s, and an event waits up to 30 s for its writer with the scope
 * it was given: such an event can still open an alert in the old scope. A durable timer runs the same pass once
 * more after {@link #SETTLE}, when no event with the old scope can be on its way, and merges what they opened.
 */
@Component
class DedupScopeChange implements TimerHandler {

    static final String TIMER_KIND = "alerts.dedup-scope";
    static final Duration SETTLE = Duration.ofMinutes(1);
    private static final String BY = "Tocsin";

    private final AlertRepository alerts;
    private final AlertRules rules;
    private final AlertIngest ingest;
    private final AlertSources sources;
    private final AlertEventLog log;
    private final JdbcClient jdbc;
    private final Timers timers;
    private final Clock clock;

    DedupScopeChange(AlertRepository alerts, AlertRules rules, AlertIngest ingest, AlertSources sources,
            AlertEventLog log, JdbcClient jdbc, Timers timers, Clock clock) {
        this.alerts = alerts;
        this.rules = rules;
        this.ingest = ingest;
        this.sources = sources;
        this.log = log;
        this.jdbc = jdbc;
        this.timers = timers;
        this.clock = clock;
    }

    /** The service now deduplicates in {@code scope}: move its open alerts, and check again after the settling time. */
    @Transactional(propagation = Propagation.MANDATORY)
    void apply(UUID serviceId, DedupScope scope) {
        move(serviceId, scope);
        timers.schedule(TIMER_KIND, serviceId.toString(), clock.instant().plus(SETTLE), null);
    }

    @Override
    public String kind() {
        return TIMER_KIND;
    }

    /** The second pass, in the timer's transaction, with the scope the service has now (it may have changed again). */
    @Override
    public void fire(Timer timer) {
        var serviceId = UUID.fromString(timer.key());
        move(serviceId, rules.of(serviceId).dedupScope());
    }

    private void move(UUID serviceId, DedupScope scope) {
        var ids = jdbc.sql("select id from alert where service_id = ? and open_dedup_key is not null"
                + " order by first_seen_at, id for update").param(serviceId).query(UUID.class).list();
        var byId = new LinkedHashMap<UUID, Alert>();
        alerts.findAllById(ids).forEach(a -> byId.put(a.id(), a));
        // Earliest first within each (scope, key): the first one keeps the key.
        var groups = new LinkedHashMap<List<Object>, List<Alert>>();
        for (var id : ids) {
            var alert = byId.get(id);
            groups.computeIfAbsent(List.of(target(alert, scope), alert.dedupKey()), k -> new ArrayList<>()).add(alert);
        }
        for (var group : groups.entrySet()) {
            var survivor = group.getValue().getFirst();
            var others = group.getValue().subList(1, group.getValue().size());
            var to = (UUID) group.getKey().getFirst();
            boolean intoService = to.equals(survivor.serviceId());
            if (intoService) {
                sources.adopt(survivor);
            }
            for (var other : others) {
                merge(survivor, other, intoService);
            }
            if (!survivor.scopeId().equals(to)) {
                rescope(survivor, to, intoService);
            }
        }
    }

    /** Where an alert's key belongs under the scope; alerts of a heartbeat or a deleted integration stay put. */
    private static UUID target(Alert alert, DedupScope scope) {
        if (alert.integrationId() == null) {
            return alert.scopeId();
        }
        return scope == DedupScope.SERVICE ? alert.serviceId() : alert.integrationId();
    }

    private void merge(Alert survivor, Alert other, boolean intoService) {
        var now = clock.instant();
        if (intoService) {
            sources.absorb(survivor.id(), other);
        }
        jdbc.sql("""
                insert into alert_member (alert_id, fingerprint, status, name, starts_at, ends_at, updated_at)
                select ?, m.fingerprint, m.status, m.name, m.starts_at, m.ends_at, m.updated_at from alert_member m
                where m.alert_id = ? and not exists
                      (select 1 from alert_member x where x.alert_id = ? and x.fingerprint = m.fingerprint)""")
                .params(survivor.id(), other.id(), survivor.id()).update();
        jdbc.sql("""
                update alert set event_count = event_count + ?,
                       last_seen_at = case when last_seen_at > ? then last_seen_at else ? end, version = version + 1
                where id = ?""")
                .params(other.eventCount(), java.sql.Timestamp.from(other.lastSeenAt()),
                        java.sql.Timestamp.from(other.lastSeenAt()), survivor.id())
                .update();
        log.record(survivor.id(), AlertHistoryKind.DUPLICATE_MERGED, BY, "took over alert " + other.id() + " ("
                + other.origin() + ", " + other.eventCount() + " events) with the same dedup key", now);
        log.record(other.id(), AlertHistoryKind.MERGED_INTO, BY, "merged into alert " + survivor.id()
                + ", which has the same dedup key in the service's dedup scope", now);
        ingest.apply(other, BY, false);
    }

    private void rescope(Alert alert, UUID to, boolean intoService) {
        var now = clock.instant();
        String message;
        if (intoService) {
            message = "deduplicated per service now: the same key through any integration of the service joins it";
        } else {
            var reported = alert.serviceScoped() ? sources.clear(alert.id()) : List.<AlertSources.AlertSource>of();
            message = "deduplicated per integration again" + (reported.size() < 2 ? "" : "; it had been reported by "
                    + reported.stream().map(s -> (s.name() != null ? s.name() : s.origin()) + " (" + s.eventCount()
                            + " events)").collect(Collectors.joining(", ")));
        }
        jdbc.sql("update alert set scope_id = ?, version = version + 1 where id = ?").params(to, alert.id()).update();
        log.record(alert.id(), AlertHistoryKind.SCOPE_CHANGED, BY, message, now);
    }
}
