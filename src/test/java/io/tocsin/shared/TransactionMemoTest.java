package io.tocsin.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Answers are remembered within one transaction only, and a forgotten one is read again. */
class TransactionMemoTest extends IntegrationTest {

    @Autowired
    TransactionTemplate tx;

    @Test
    void remembersWithinATransactionOnly() {
        var loads = new AtomicInteger();
        tx.executeWithoutResult(s -> {
            assertThat(TransactionMemo.get("test", 1, loads::incrementAndGet)).isEqualTo(1);
            assertThat(TransactionMemo.get("test", 1, loads::incrementAndGet)).isEqualTo(1);
            assertThat(TransactionMemo.get("other", 1, loads::incrementAndGet)).isEqualTo(2);
            TransactionMemo.forget("test", 1);
            assertThat(TransactionMemo.get("test", 1, loads::incrementAndGet)).isEqualTo(3);
        });
        tx.executeWithoutResult(s -> assertThat(TransactionMemo.get("test", 1, loads::incrementAndGet)).isEqualTo(4));
        assertThat(TransactionMemo.get("test", 1, loads::incrementAndGet)).isEqualTo(5);
        assertThat(TransactionMemo.get("test", 1, loads::incrementAndGet)).isEqualTo(6);
    }

    @Test
    void remembersNullAnswers() {
        var loads = new AtomicInteger();
        tx.executeWithoutResult(s -> {
            assertThat(TransactionMemo.<String>get("absent", "k", () -> {
                loads.incrementAndGet();
                return null;
            })).isNull();
            assertThat(TransactionMemo.<String>get("absent", "k", () -> {
                loads.incrementAndGet();
                return "loaded again";
            })).isNull();
        });
        assertThat(loads).hasValue(1);
    }
}
