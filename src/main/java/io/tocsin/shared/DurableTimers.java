package io.tocsin.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work that must happen later and must survive a crash or restart: escalation steps, repeats, reminders,
 * heartbeat deadlines. A timer is a row keyed by (kind, key); a due row is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and fired and deleted in one transaction, so with several nodes on one
 * PostgreSQL each timer fires exactly once, and a node that dies mid-way leaves the timer for another. Due
 * times come from the injected {@link Clock}, so tests fast-forward instead of sleeping.
 */
@Component
public class DurableTimers {

    private static final Logger log = LoggerFactory.getLogger(DurableTimers.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    private static final int BATCH = 50;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Map<String, TimerHandler> handlers;

    DurableTimers(JdbcClient jdbc, Clock clock, TransactionTemplate tx, List<TimerHandler> handlers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
    }

    /** A pending timer; {@code payload} is free text (often JSON) for the handler. */
    public record Timer(String kind, String key, Instant dueAt, String payload, int attempts) {
    }

    /**
     * Sets the timer (kind, key) to fire at {@code dueAt}, replacing an earlier setting of the same timer.
     * Joins the caller's transaction, so a timer and the state it belongs to commit together.
     */
    public void schedule(String kind, String key, Instant dueAt, String payload) {
        int updated = jdbc.sql("update durable_timer set due_at = ?, payload = ?, attempts = 0 where kind = ? and timer_key = ?")
                .params(Timestamp.from(dueAt), payload, kind, key).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into durable_timer (kind, timer_key, due_at, payload, attempts, created_at) values (?, ?, ?, ?, 0, ?)")
                        .params(kind, key, Timestamp.from(dueAt), payload, Timestamp.from(clock.instant())).update();
            } catch (DuplicateKeyException raced) {
                jdbc.sql("update durable_timer set due_at = ?, payload = ?, attempts = 0 where kind = ? and timer_key = ?")
                        .params(Timestamp.from(dueAt), payload, kind, key).update();
            }
        }
    }

    /** Removes the timer if it is pending; returns whether it was. */
    public boolean cancel(String kind, String key) {
        return jdbc.sql("delete from durable_timer where kind = ? and timer_key = ?").params(kind, key).update() > 0;
    }

    public Optional<Timer> find(String kind, String key) {
        return jdbc.sql("select kind, timer_key, due_at, payload, attempts from durable_timer where kind = ? and timer_key = ?")
                .params(kind, key).query(DurableTimers::map).optional();
    }

    public List<Timer> pending(String kind) {
        return jdbc.sql("select kind, timer_key, due_at, payload, attempts from durable_timer where kind = ? order by due_at")
                .param(kind).query(DurableTimers::map).list();
    }

    public long pendingCount() {
        return jdbc.sql("select count(*) from durable_timer").query(Long.class).single();
    }

    /**
     * Fires every timer that is due now, a batch at a time, and returns how many fired. The background poller
     * calls this; tests call it right after moving the clock.
     */
    public int runDue() {
        int fired = 0;
        while (true) {
            var now = clock.instant();
            var due = jdbc.sql("select kind, timer_key from durable_timer where due_at <= ? order by due_at limit ?")
                    .params(Timestamp.from(now), BATCH).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .list();
            for (var id : due) {
                if (fireOne(id[0], id[1], now)) {
                    fired++;
                }
            }
            // A short batch means nothing more is due; rows another node holds were skipped, and it fires them.
            if (due.size() < BATCH) {
                return fired;
            }
        }
    }

    /** Claims one due timer (skipping it if another node holds it) and fires it in the same transaction. */
    private boolean fireOne(String kind, String key, Instant now) {
        try {
            Boolean fired = tx.execute(status -> {
                var claimed = jdbc.sql("""
                        select kind, timer_key, due_at, payload, attempts from durable_timer
                        where kind = ? and timer_key = ? and due_at <= ? for update skip locked""")
                        .params(kind, key, Timestamp.from(now)).query(DurableTimers::map).optional();
                if (claimed.isEmpty()) {
                    return false;
                }
                var timer = claimed.get();
                jdbc.sql("delete from durable_timer where kind = ? and timer_key = ? and due_at = ?")
                        .params(kind, key, Timestamp.from(timer.dueAt())).update();
                var handler = handlers.get(kind);
                if (handler == null) {
                    log.error("No handler for timer kind {}; dropping timer {}", kind, key);
                    return false;
                }
                handler.fire(timer);
                return true;
            });
            return Boolean.TRUE.equals(fired);
        } catch (RuntimeException e) {
            log.warn("Timer {}/{} failed; it will be retried in {}", kind, key, RETRY_DELAY, e);
            jdbc.sql("update durable_timer set due_at = ?, attempts = attempts + 1 where kind = ? and timer_key = ?")
                    .params(Timestamp.from(now.plus(RETRY_DELAY)), kind, key).update();
            return false;
        }
    }

    private static Timer map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Timer(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getInt(5));
    }
}
