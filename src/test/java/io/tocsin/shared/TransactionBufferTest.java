package io.tocsin.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a transaction buffers is handed over once: before commit inside the transaction (its writes commit or roll
 * back with it), or after commit and never after a rollback; outside a transaction at once.
 */
class TransactionBufferTest extends IntegrationTest {

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Test
    void beforeCommitHandsOverEverythingOnceInsideTheTransaction() {
        var flushes = new ArrayList<List<String>>();
        var owner = new Object();
        tx.executeWithoutResult(s -> {
            TransactionBuffer.beforeCommit(owner, "a", flushes::add);
            TransactionBuffer.beforeCommit(owner, "b", flushes::add);
            TransactionBuffer.beforeCommit(new Object(), "other owner", flushes::add);
            assertThat(flushes).as("nothing before the commit").isEmpty();
        });
        assertThat(flushes).containsExactly(List.of("a", "b"), List.of("other owner"));
    }

    @Test
    void whatBeforeCommitWritesRollsBackWithTheTransaction() {
        String name = "buffer-" + UUID.randomUUID();
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            TransactionBuffer.beforeCommit(this, name, this::write);
            throw new IllegalStateException("the transaction fails");
        })).hasMessage("the transaction fails");
        assertThat(jdbc.sql("select count(*) from durable_timer where timer_key = ?").param(name).query(Long.class)
                .single()).isZero();

        tx.executeWithoutResult(s -> TransactionBuffer.beforeCommit(this, name, this::write));
        assertThat(jdbc.sql("select count(*) from durable_timer where timer_key = ?").param(name).query(Long.class)
                .single()).isOne();
        jdbc.sql("delete from durable_timer where kind = 'test.buffer'").update();
    }

    /** A timer row far in the future: something committed or not that no poller fires. */
    private void write(List<String> keys) {
        keys.forEach(key -> jdbc.sql("insert into durable_timer (kind, timer_key, due_at, created_at)"
                + " values ('test.buffer', ?, ?, ?)").params(key, Timestamp.from(Instant.parse("2999-01-01T00:00:00Z")),
                        Timestamp.from(Instant.now())).update());
    }

    @Test
    void afterCommitHandsOverOnlyWhatCommitted() {
        var flushed = new ArrayList<List<Integer>>();
        tx.executeWithoutResult(s -> {
            TransactionBuffer.afterCommit(this, 1, flushed::add);
            TransactionBuffer.afterCommit(this, 2, flushed::add);
        });
        assertThat(flushed).containsExactly(List.of(1, 2));

        flushed.clear();
        tx.executeWithoutResult(s -> {
            TransactionBuffer.afterCommit(this, 3, flushed::add);
            s.setRollbackOnly();
        });
        assertThat(flushed).as("a rolled-back transaction hands over nothing").isEmpty();
    }

    @Test
    void outsideATransactionTheItemIsHandedOverAtOnce() {
        var flushed = new ArrayList<List<String>>();
        TransactionBuffer.beforeCommit(this, "now", flushed::add);
        TransactionBuffer.afterCommit(this, "now too", flushed::add);
        assertThat(flushed).containsExactly(List.of("now"), List.of("now too"));
    }
}
