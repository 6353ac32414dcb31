package io.tocsin.shared;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fires the durable timers that {@link Timers} scheduled, through the {@link TimerHandler} registered for each kind.
 * Due times come from the injected {@link Clock}, so tests fast-forward instead of sleeping.
 *
 * <h2>Claiming and firing</h2>
 * Due rows are claimed a batch at a time: one transaction locks up to {@value #BATCH} of the earliest due rows
 * ({@code FOR UPDATE SKIP LOCKED}), deletes each and runs its handler, then commits once. So
 * <ul>
 * <li>with several nodes on one PostgreSQL each timer fires exactly once: rows another node has locked are skipped,
 * and it fires them;</li>
 * <li>a node that dies mid-way leaves its whole batch for another node (nothing was committed);</li>
 * <li>each row is deleted by (kind, key, due time) just before its handler runs, so a handler that schedules its own
 * timer again keeps the new row, and a timer that an earlier handler of the batch cancelled or moved is skipped;</li>
 * <li>if a handler throws, or the batch cannot commit (say a before-commit listener threw), the whole batch
 * is rolled back, with every callback its handlers registered. The timer whose handler threw is put off by 30
 * seconds with {@code attempts + 1}; the others are fired again one transaction each, as before batching, so one
 * bad timer neither holds back nor undoes the rest (one whose transaction fails again is put off in turn).</li>
 * </ul>
 * One commit per batch instead of one per timer is what makes a burst fast (issue 5: 1,000 timers due at once
 * among 100,000 pending; figures in docs/operations.md).
 *
 * <h2>Why no savepoint per timer</h2>
 * Isolating each handler in a savepoint would spare the others their second run after a failure, but costs every
 * firing two more round trips on PostgreSQL (SAVEPOINT, RELEASE) and an SQL parse on H2: measured, the burst took
 * about three times as long on PostgreSQL. It would also leave the callbacks of a rolled-back handler (events for
 * before-commit listeners, after-commit mails) registered with the outer transaction. Failures are rare, so they pay
 * instead: a handler may run more than once for one firing, and only one run is ever committed
 * (see {@link TimerHandler}).
 *
 * <h2>Why the batch is {@value #BATCH}</h2>
 * A batch holds the row locks its handlers take until it commits, so a web request or another node that needs one
 * of those rows waits up to one batch, and two nodes whose batches lock the same rows in a different order can
 * deadlock (PostgreSQL breaks it after a second by failing one statement: that timer waits its 30 seconds, the rest
 * of its batch goes timer by timer). A failure re-runs up to a batch of handlers and costs a commit each. A
 * moderate batch keeps all of that short while still saving almost every commit.
 *
 * <h2>H2</h2>
 * H2 (the single-node database) accepts the same {@code ... ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED} but
 * locks every row that matches the {@code WHERE} before it applies the limit, so each batch would lock every due row
 * (and a concurrent claim would find nothing). On H2 the batch is therefore picked by a plain indexed query and
 * then locked by primary key ({@code (kind, timer_key) IN (...)}, which H2 looks up in the key index).
 */
@Component
public class DurableTimers {

    private static final Logger log = LoggerFactory.getLogger(DurableTimers.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(30);
    /** Timers claimed and committed together; the class comment says why this many. */
    static final int BATCH = 100;
    private static final String COLUMNS = "kind, timer_key, due_at, payload, attempts";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final boolean claimWithLimit;
    private final Map<String, TimerHandler> handlers;

    DurableTimers(JdbcClient jdbc, DataSource dataSource, Clock clock, TransactionTemplate tx, List<TimerHandler> handlers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = tx;
        this.claimWithLimit = !"H2".equals(Databases.product(dataSource));
        this.handlers = handlers.stream().collect(Collectors.toMap(TimerHandler::kind, Function.identity()));
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
                fired += fireOneByOne(batch, now, e);
            }
            // A short batch means nothing more is due; rows another node holds were skipped, and it fires them.
            if (batch.looked < BATCH) {
                return fired;
            }
        }
    }

    private record TimerId(String kind, String key) {
    }

    /** One batch: the due rows the claim looked at, those it locked, how many fired, and whose handler threw. */
    private static final class Batch {
        final List<Timer> claimed = new ArrayList<>();
        int looked;
        int fired;
        Timer failed;
    }

    private void fireBatch(Batch batch, Instant now) {
        if (claimWithLimit) {
            batch.claimed.addAll(jdbc.sql("select " + COLUMNS + " from durable_timer where due_at <= ? order by due_at"
                    + " limit ? for update skip locked").params(Timestamp.from(now), BATCH).query(Timer::map).list());
            batch.looked = batch.claimed.size();
        } else {
            var due = jdbc.sql("select kind, timer_key from durable_timer where due_at <= ? order by due_at limit ?")
                    .params(Timestamp.from(now), BATCH).query((rs, n) -> new TimerId(rs.getString(1), rs.getString(2)))
                    .list();
            batch.looked = due.size();
            if (!due.isEmpty()) {
                var params = new ArrayList<Object>();
                due.forEach(id -> params.addAll(List.of(id.kind(), id.key())));
                params.add(Timestamp.from(now));
                batch.claimed.addAll(jdbc.sql("select " + COLUMNS + " from durable_timer where (kind, timer_key) in ("
                        + String.join(", ", Collections.nCopies(due.size(), "(?, ?)")) + ") and due_at <= ?"
                        + " order by due_at for update skip locked").params(params).query(Timer::map).list());
            }
        }
        for (var timer : batch.claimed) {
            try {
                if (deleteAndFire(timer)) {
                    batch.fired++;
                }
            } catch (RuntimeException e) {
                batch.failed = timer;
                throw e;
            }
        }
    }

    /**
     * After a batch was rolled back: the timer whose handler threw waits for its retry, every other one is fired in a
     * transaction of its own (so a before-commit failure is pinned on its timer). Returns how many fired.
     */
    private int fireOneByOne(Batch batch, Instant now, RuntimeException cause) {
        if (batch.failed != null) {
            retryLater(batch.failed.kind(), batch.failed.key(), now, cause);
        } else {
            log.warn("A batch of {} timers could not commit; firing them one by one", batch.claimed.size(), cause);
        }
        int fired = 0;
        for (var timer : batch.claimed) {
            if (timer != batch.failed && fireOne(timer.kind(), timer.key(), now)) {
                fired++;
            }
        }
        return fired;
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
                + " for update skip locked").params(kind, key, Timestamp.from(now)).query(Timer::map).optional();
    }

    /**
     * Deletes the claimed row, then runs its handler. The delete names the due time, so a row an earlier handler of
     * the batch cancelled or moved is not fired, and a row this handler schedules again is a new one and stays.
     * Returns whether a handler ran.
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
}
