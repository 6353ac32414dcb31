package io.tocsin.alerts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.shared.Timers;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Heartbeat monitors (R14): a cron job or backup script pings a secret URL; when a ping is later than interval +
 * grace, an alert fires on the heartbeat's service, and the next ping resolves it. The deadline is a durable
 * timer, rescheduled by every ping in the ping's transaction: it survives restarts and fires once.
 */
@Component
public class Heartbeats {

    public static final String TIMER_KIND = "alerts.heartbeat";
    static final String DEDUP_KEY = "heartbeat";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Timers timers;
    private final Catalog catalog;
    private final AlertRules rules;
    private final AuditLog audit;
    private final AlertIngest ingest;
    private final TransactionTemplate tx;

    Heartbeats(JdbcClient jdbc, Clock clock, Timers timers, Catalog catalog, AlertRules rules, AuditLog audit,
            AlertIngest ingest, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.timers = timers;
        this.catalog = catalog;
        this.rules = rules;
        this.audit = audit;
        this.ingest = ingest;
        this.tx = tx;
    }

    public enum State {
        NEW, UP, DOWN
    }

    public record Heartbeat(UUID id, UUID serviceId, String name, Duration interval, Duration grace, State state,
            Instant lastPingAt, Instant dueAt, Instant createdAt) {
    }

    public record WithToken(Heartbeat heartbeat, String token) {
    }

    @Transactional
    public WithToken create(UUID serviceId, String name, Duration interval, Duration grace) {
        return create(serviceId, name, interval, grace, true);
    }

    /**
     * A heartbeat; {@code armNow} false: its first deadline counts from its first ping, not from now (an imported
     * heartbeat, issue 20, whose job still pings the old tool until someone changes its URL).
     */
    @Transactional
    public WithToken create(UUID serviceId, String name, Duration interval, Duration grace, boolean armNow) {
        catalog.configurable(serviceId);
        check(interval, grace);
        var id = UUID.randomUUID();
        var token = SecretKeys.generate();
        var now = clock.instant();
        // The first deadline counts from creation: a job that never checks in is noticed too.
        var due = armNow ? now.plus(interval).plus(grace) : null;
        jdbc.sql("""
                insert into heartbeat (id, service_id, name, token_hash, interval_seconds, grace_seconds, state,
                       due_at, created_at, version)
                values (?, ?, ?, ?, ?, ?, 'NEW', ?, ?, 0)""")
                .params(id, serviceId, name.strip(), SecretKeys.hash(token), interval.toSeconds(), grace.toSeconds(),
                        due == null ? null : Timestamp.from(due), Timestamp.from(now))
                .update();
        if (due != null) {
            timers.schedule(TIMER_KIND, id.toString(), due, null);
        }
        rules.ensure(serviceId);
        audit.record(CurrentActor.get(), "heartbeat.created", "heartbeat", id, name);
        return new WithToken(get(id), token);
    }

    private static void check(Duration interval, Duration grace) {
        if (interval == null || interval.compareTo(Duration.ofMinutes(1)) < 0 || interval.compareTo(Duration.ofDays(31)) > 0) {
            throw new InvalidInputException("intervalSeconds", "must be 60 seconds to 31 days");
        }
        if (grace == null || grace.isNegative() || grace.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidInputException("graceSeconds", "must be 0 seconds to 1 day");
        }
    }

    /**
     * A new name, interval or grace; the token stays. A pending deadline moves with the new interval (counted
     * from the last ping, or from creation for one armed at creation).
     */
    @Transactional
    public Heartbeat update(UUID id, String name, Duration interval, Duration grace) {
        var hb = get(id);
        catalog.configurable(hb.serviceId());
        check(interval, grace);
        Instant due = null;
        if (hb.dueAt() != null) {
            due = (hb.lastPingAt() != null ? hb.lastPingAt() : hb.createdAt()).plus(interval).plus(grace);
        }
        jdbc.sql("update heartbeat set name = ?, interval_seconds = ?, grace_seconds = ?, due_at = ?,"
                        + " version = version + 1 where id = ?")
                .params(name.strip(), interval.toSeconds(), grace.toSeconds(), due == null ? null : Timestamp.from(due),
                        id).update();
        if (due != null && hb.state() != State.DOWN) {
            timers.schedule(TIMER_KIND, id.toString(), due, null);
        }
        audit.record(CurrentActor.get(), "heartbeat.updated", "heartbeat", id, name.strip());
        return get(id);
    }

    @Transactional(readOnly = true)
    public Optional<Heartbeat> find(UUID id) {
        return jdbc.sql("select * from heartbeat where id = ?").param(id).query(Heartbeats::map).optional();
    }

    @Transactional
    public void delete(UUID serviceId, UUID id) {
        var hb = get(id);
        if (!hb.serviceId().equals(serviceId)) {
            throw new NotFoundException("heartbeat", id);
        }
        catalog.configurable(serviceId);
        timers.cancel(TIMER_KIND, id.toString());
        jdbc.sql("delete from heartbeat where id = ?").param(id).update();
        audit.record(CurrentActor.get(), "heartbeat.deleted", "heartbeat", id, hb.name());
    }

    @Transactional(readOnly = true)
    public List<Heartbeat> ofService(UUID serviceId) {
        return jdbc.sql("select * from heartbeat where service_id = ? order by name").param(serviceId)
                .query(Heartbeats::map).list();
    }

    @Transactional(readOnly = true)
    public Heartbeat get(UUID id) {
        return jdbc.sql("select * from heartbeat where id = ?").param(id).query(Heartbeats::map).optional()
                .orElseThrow(() -> new NotFoundException("heartbeat", id));
    }

    /** A check-in. Empty when the token is unknown. Resolves the missed-heartbeat alert if there is one. */
    public Optional<Heartbeat> ping(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        var found = jdbc.sql("select * from heartbeat where token_hash = ?").param(SecretKeys.hash(token))
                .query(Heartbeats::map).optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        var hb = found.get();
        var now = clock.instant();
        var due = now.plus(hb.interval()).plus(hb.grace());
        tx.executeWithoutResult(status -> {
            jdbc.sql("update heartbeat set state = 'UP', last_ping_at = ?, due_at = ?, version = version + 1 where id = ?")
                    .params(Timestamp.from(now), Timestamp.from(due), hb.id()).update();
            timers.schedule(TIMER_KIND, hb.id().toString(), due, null);
        });
        if (hb.state() == State.DOWN) {
            ingest.resolve(route(hb), DEDUP_KEY, "heartbeat " + hb.name());
        }
        return Optional.of(get(hb.id()));
    }

    static AlertIngest.Route route(Heartbeat h) {
        return new AlertIngest.Route(h.serviceId(), null, h.id());
    }

    static Heartbeat map(ResultSet rs, int n) throws SQLException {
        var last = rs.getTimestamp("last_ping_at");
        var due = rs.getTimestamp("due_at");
        return new Heartbeat(rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class),
                rs.getString("name"), Duration.ofSeconds(rs.getInt("interval_seconds")),
                Duration.ofSeconds(rs.getInt("grace_seconds")), State.valueOf(rs.getString("state")),
                last == null ? null : last.toInstant(), due == null ? null : due.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
