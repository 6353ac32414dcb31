package io.tocsin.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Schedules work that must happen later and must survive a crash or restart: escalation steps, repeats,
 * reminders, heartbeat deadlines. A timer is a row keyed by (kind, key); {@link DurableTimers} fires it through the
 * {@link TimerHandler} of its kind. The two are separate so that a handler can schedule its next step without
 * depending on the registry that is built from every handler.
 */
@Component
public class Timers {

    private final JdbcClient jdbc;
    private final Clock clock;

    Timers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
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
                .params(kind, key).query(Timer::map).optional();
    }

    public List<Timer> pending(String kind) {
        return jdbc.sql("select kind, timer_key, due_at, payload, attempts from durable_timer where kind = ? order by due_at")
                .param(kind).query(Timer::map).list();
    }

    public long pendingCount() {
        return jdbc.sql("select count(*) from durable_timer").query(Long.class).single();
    }
}
