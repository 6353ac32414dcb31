package io.tocsin.chat.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.tocsin.chat.ChatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable queue of chat calls (issue 14 point 4). A task is written in the caller's transaction (it commits
 * with the incident change that caused it, or not at all) and run afterwards by {@link #runDue()}: claimed with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so one node runs it; transient failures (timeouts, 5xx, 429) come
 * back after a backoff or the tool's {@code Retry-After}, whichever is later, and are retried until they succeed;
 * a tool's refusal ({@code channel_not_found}) ends the task as FAILED with the error kept and logged. A 429 also
 * holds back the tool's other tasks until the wait is over.
 */
@Component
public class ChatQueue {

    private static final Logger log = LoggerFactory.getLogger(ChatQueue.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** Waiting for the room: a later task of an incident whose room is still being created. */
    static final Duration ROOM_WAIT = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    ChatQueue(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Queues a call in the caller's transaction (or its own). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void enqueue(String tool, ChatTask.Kind kind, UUID incidentId, Map<String, Object> payload) {
        var now = clock.instant();
        jdbc.sql("insert into chat_task (tool, kind, incident_id, payload, status, attempts, not_before, created_at)"
                + " values (?, ?, ?, ?, 'PENDING', 0, ?, ?)")
                .params(tool, kind.name(), incidentId, JSON.writeValueAsString(payload), Timestamp.from(now),
                        Timestamp.from(now))
                .update();
    }

    /** What the worker does with one task. */
    interface Runner {
        /** Runs it; returns normally when done. {@link Deferred} puts it back without counting an attempt. */
        void run(ChatTask task);
    }

    /** The task cannot run yet (its room is still being created). */
    static final class Deferred extends RuntimeException {
        Deferred(String why) {
            super(why, null, false, false);
        }
    }

    private Runner runner;

    void runWith(Runner runner) {
        this.runner = runner;
    }

    /** Runs every due task; returns how many ran (done or failed). Tests call it after moving the clock. */
    public int runDue() {
        int ran = 0;
        for (int round = 0; round < 20; round++) {
            var claimed = claim(50);
            if (claimed.isEmpty()) {
                break;
            }
            for (var task : claimed) {
                ran += runOne(task) ? 1 : 0;
            }
        }
        return ran;
    }

    private List<ChatTask> claim(int limit) {
        var now = clock.instant();
        return tx.execute(s -> {
            var due = jdbc.sql("select id, tool, kind, incident_id, payload, attempts from chat_task"
                    + " where status = 'PENDING' and not_before <= ? order by id limit ? for update skip locked")
                    .params(Timestamp.from(now), limit)
                    .query((rs, n) -> new ChatTask(rs.getLong(1), rs.getString(2), ChatTask.Kind.valueOf(rs.getString(3)),
                            rs.getObject(4, UUID.class), JSON.readValue(rs.getString(5),
                                    new TypeReference<Map<String, Object>>() { }), rs.getInt(6)))
                    .list().stream()
                    .filter(t -> pausedUntil.getOrDefault(t.tool(), Instant.MIN).compareTo(now) <= 0)
                    .toList();
            for (var t : due) {
                jdbc.sql("update chat_task set not_before = ? where id = ?")
                        .params(Timestamp.from(now.plus(LEASE)), t.id()).update();
            }
            return due;
        });
    }

    private boolean runOne(ChatTask task) {
        var now = clock.instant();
        try {
            runner.run(task);
            jdbc.sql("update chat_task set status = 'DONE', done_at = ?, attempts = ?, last_error = null where id = ?")
                    .params(Timestamp.from(clock.instant()), task.attempts() + 1, task.id()).update();
            return true;
        } catch (Deferred d) {
            jdbc.sql("update chat_task set not_before = ?, last_error = ? where id = ?")
                    .params(Timestamp.from(now.plus(ROOM_WAIT)), d.getMessage(), task.id()).update();
            return false;
        } catch (ChatException e) {
            int attempt = task.attempts() + 1;
            if (e.transientFailure()) {
                var backoff = backoff(attempt);
                if (e.retryAfter() != null && e.retryAfter().compareTo(backoff) > 0) {
                    backoff = e.retryAfter();
                }
                if (e.retryAfter() != null) {
                    pausedUntil.put(task.tool(), now.plus(e.retryAfter()));
                }
                log.warn("Chat call {} {} #{} failed ({}); retrying in {}", task.tool(), task.kind(), task.id(),
                        e.getMessage(), backoff);
                jdbc.sql("update chat_task set attempts = ?, not_before = ?, last_error = ? where id = ?")
                        .params(attempt, Timestamp.from(now.plus(backoff)), cut(e.getMessage()), task.id()).update();
                return false;
            }
            log.warn("Chat call {} {} #{} refused by the tool: {}", task.tool(), task.kind(), task.id(), e.getMessage());
            jdbc.sql("update chat_task set status = 'FAILED', attempts = ?, done_at = ?, last_error = ? where id = ?")
                    .params(attempt, Timestamp.from(now), cut(e.getMessage()), task.id()).update();
            return true;
        } catch (RuntimeException e) {
            int attempt = task.attempts() + 1;
            log.warn("Chat call {} {} #{} failed unexpectedly; retrying", task.tool(), task.kind(), task.id(), e);
            jdbc.sql("update chat_task set attempts = ?, not_before = ?, last_error = ? where id = ?")
                    .params(attempt, Timestamp.from(now.plus(backoff(attempt))),
                            cut(e.getClass().getSimpleName() + ": " + e.getMessage()), task.id()).update();
            return false;
        }
    }

    /** 10 s, 20 s, 40 s, ... up to 15 minutes. */
    static Duration backoff(int attempt) {
        long seconds = 10L << Math.min(attempt - 1, 10);
        return Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    private static String cut(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
