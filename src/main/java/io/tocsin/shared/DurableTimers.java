package io.tocsin.shared;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work that must happen later and must survive a crash or restart: escalation steps, repeats, reminders,
 * heartbeat deadlines. A timer is a row keyed by (kind, key). Due times come from the injected {@link Clock}, so
 * tests fast-forward instead of sleeping.
 *
 * <h2>Claiming and firing</h2>
 * Due rows are claimed a batch at a time: one transaction locks up to {@value #BATCH} of the earliest due rows
 * ({@code FOR UPDATE SKIP LOCKED}), and fires them one after another. Each timer gets a savepoint (a nested
 * transaction on the same connection): its row is deleted and its handler runs inside it. So
 * <ul>
 * <li>with several nodes on one PostgreSQL each timer fires exactly once: rows another node has locked are skipped,
 * and it fires them;</li>
 * <li>a node that dies mid-way leaves its whole batch for another node (nothing was committed);</li>
 * <li>a handler that throws rolls back only its own work, back to its savepoint (which restores its row); the row
 * is then put off by 30 seconds with {@code attempts + 1} while the rest of the batch commits. The
 * transaction callbacks the failed handler registered (events for {@code @TransactionalEventListener}s, mails
 * after commit) are dropped with it, because Spring keeps them until the outer commit otherwise;</li>
 * <li>the row is deleted by (kind, key, due time) just before its handler runs, so a handler that schedules its
 * own timer again keeps the new row, and a timer that an earlier handler of the batch cancelled or moved is
 * skipped, as it would be if each timer had its own transaction;</li>
 * <li>if the batch cannot commit (a before-commit listener threw, the database refused), nothing of it was kept
 * and its timers are fired again one transaction each, so one bad timer cannot hold back the others.</li>
 * </ul>
 * One commit per batch instead of one per timer is what makes a burst fast (issue 5: 1,000 timers due at once among
 * 100,000 pending fire within a few hundred milliseconds; see docs/operations.md).
 *
 * <h2>Why the batch is {@value #BATCH}</h2>
 * A batch holds the row locks its handlers take until it commits, so a web request or another node that needs
 * one of those rows waits up to one batch, and two nodes whose batches lock the same rows in a different order can
 * deadlock. PostgreSQL then aborts one statement (after a second); inside a handler that is just a failure of that
 * timer, retried 30 seconds later. A moderate batch keeps both rare and short while still saving almost every commit.
 * {@value #BATCH} also keeps a batch within PostgreSQL's cache of 64 subtransactions per session (every savepoint
 * in which something is written takes one until the batch commits): past that, the snapshots of every other session
 * have to consult {@code pg_subtrans} for as long as the batch runs.
 *
 * <h2>H2</h2>
 * H2 (the single-node database) accepts the same {@code ... ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED} but
 * locks every row that matches the {@code WHERE} before it applies the limit, so each batch would lock every due row
 * (and a concurrent claim would find nothing). On H2 the batch is therefore picked by a plain indexed query and
 * each of its rows locked by primary key, which is what the whole claim was before batching.
 */
@Component
public class DurableTimers {

    private static final Logger log = LoggerFactory.getLogger(DurableTimers.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    /** Timers claimed and committed together; the class comment says why this many. */
    static final int BATCH = 64;
    private static final String COLUMNS = "kind, timer_key, due_at, payload, attempts";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final boolean claimWithLimit;
    private final Map<String, TimerHandler> handlers;

    DurableTimers(JdbcClient jdbc, DataSource dataSource, Clock clock, TransactionTemplate tx, List<TimerHandler> handlers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
        this.savepoint = new TransactionTemplate(Objects.requireNonNull(tx.getTransactionManager()));
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.claimWithLimit = !"H2".equals(databaseProduct(dataSource));
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
            var batch = new Batch();
            try {
                tx.executeWithoutResult(status -> fireBatch(batch, now));
                fired += batch.fired;
            } catch (RuntimeException e) {
                if (batch.claimed.isEmpty()) {
                    throw e;
                }
                // Nothing of the batch was kept; one transaction per timer isolates whichever timer broke it.
                log.warn("A batch of {} timers could not commit; firing them one by one", batch.claimed.size(), e);
                for (var timer : batch.claimed) {
                    if (fireOne(timer.kind(), timer.key(), now)) {
                        fired++;
                    }
                }
            }
            // A short batch means nothing more is due; rows another node holds were skipped, and it fires them.
            if (batch.looked < BATCH) {
                return fired;
            }
        }
    }

    /** One batch: the due rows the claim looked at, those it locked, and how many of those fired. */
    private static final class Batch {
        final List<Timer> claimed = new ArrayList<>();
        int looked;
        int fired;
    }

    private void fireBatch(Batch batch, Instant now) {
        if (claimWithLimit) {
            batch.claimed.addAll(jdbc.sql("select " + COLUMNS + " from durable_timer where due_at <= ? order by due_at"
                    + " limit ? for update skip locked").params(Timestamp.from(now), BATCH).query(DurableTimers::map).list());
            batch.looked = batch.claimed.size();
        } else {
            var due = jdbc.sql("select kind, timer_key from durable_timer where due_at <= ? order by due_at limit ?")
                    .params(Timestamp.from(now), BATCH).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                    .list();
            batch.looked = due.size();
            for (var id : due) {
                lock(id[0], id[1], now).ifPresent(batch.claimed::add);
            }
        }
        for (var timer : batch.claimed) {
            if (fireInSavepoint(timer, now)) {
                batch.fired++;
            }
        }
    }

    /** Deletes and fires one claimed timer in its own savepoint; a failure undoes its work only and retries it later. */
    private boolean fireInSavepoint(Timer timer, Instant now) {
        var callbacks = TransactionSynchronizationManager.getSynchronizations();
        try {
            return Boolean.TRUE.equals(savepoint.execute(status -> deleteAndFire(timer)));
        } catch (RuntimeException e) {
            dropCallbacksSince(callbacks);
            retryLater(timer.kind(), timer.key(), now, e);
            return false;
        }
    }

    /** Claims one due timer (skipping it if another node holds it) and fires it in a transaction of its own. */
    private boolean fireOne(String kind, String key, Instant now) {
        try {
            return Boolean.TRUE.equals(tx.execute(status -> lock(kind, key, now).map(this::deleteAndFire).orElse(false)));
        } catch (RuntimeException e) {
            retryLater(kind, key, now, e);
            return false;
        }
    }

    private Optional<Timer> lock(String kind, String key, Instant now) {
        return jdbc.sql("select " + COLUMNS + " from durable_timer where kind = ? and timer_key = ? and due_at <= ?"
                + " for update skip locked").params(kind, key, Timestamp.from(now)).query(DurableTimers::map).optional();
    }

    /**
     * Deletes the claimed row, then runs its handler. The delete names the due time, so a row an earlier handler of
     * the batch cancelled or moved is not fired, and a row this handler schedules again is a new one and stays.
     */
    private boolean deleteAndFire(Timer timer) {
        int deleted = jdbc.sql("delete from durable_timer where kind = ? and timer_key = ? and due_at = ?")
                .params(timer.kind(), timer.key(), Timestamp.from(timer.dueAt())).update();
        if (deleted == 0) {
            return false;
        }
        var handler = handlers.get(timer.kind());
        if (handler == null) {
            log.error("No handler for timer kind {}; dropping timer {}", timer.kind(), timer.key());
            return false;
        }
        handler.fire(timer);
        return true;
    }

    private void retryLater(String kind, String key, Instant now, RuntimeException cause) {
        log.warn("Timer {}/{} failed; it will be retried in {}", kind, key, RETRY_DELAY, cause);
        jdbc.sql("update durable_timer set due_at = ?, attempts = attempts + 1 where kind = ? and timer_key = ?")
                .params(Timestamp.from(now.plus(RETRY_DELAY)), kind, key).update();
    }

    /**
     * Forgets the transaction callbacks registered since {@code before}, i.e. by a handler whose savepoint was rolled
     * back. Spring keeps callbacks until the outer transaction ends, so its before-commit listeners (an escalation
     * starting for an alert that was undone) and after-commit work (a mail) would otherwise still run.
     */
    private static void dropCallbacksSince(List<TransactionSynchronization> before) {
        if (TransactionSynchronizationManager.getSynchronizations().size() == before.size()) {
            return;
        }
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        before.forEach(TransactionSynchronizationManager::registerSynchronization);
    }

    private static String databaseProduct(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database holds the timers", e);
        }
    }

    private static Timer map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Timer(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getInt(5));
    }
}
