package io.tocsin.shared;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Answers remembered for the rest of the current transaction. One ingest batch applies hundreds of events in a
 * single transaction; a service's maintenance state, open incident or escalation policy is then read once per
 * batch instead of once per alert. The answer is as current as the first read in the transaction, which is what
 * READ COMMITTED would give a moment earlier. Outside a transaction nothing is remembered.
 */
public final class TransactionMemo {

    private static final Object RESOURCE = new Object();

    private TransactionMemo() {
    }

    /** The remembered answer for (kind, key), loading it on first use in this transaction. */
    @SuppressWarnings("unchecked")
    public static <V> V get(String kind, Object key, Supplier<V> load) {
        var memo = current();
        if (memo == null) {
            return load.get();
        }
        var id = List.of(kind, key);
        if (memo.containsKey(id)) {
            return (V) memo.get(id);
        }
        V value = load.get();
        memo.put(id, value);
        return value;
    }

    /** Drops a remembered answer this transaction has just made stale (e.g. it opened an incident). */
    public static void forget(String kind, Object key) {
        var memo = current();
        if (memo != null) {
            memo.remove(List.of(kind, key));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        var memo = (Map<Object, Object>) TransactionSynchronizationManager.getResource(RESOURCE);
        if (memo == null) {
            memo = new HashMap<>();
            TransactionSynchronizationManager.bindResource(RESOURCE, memo);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }
            });
        }
        return memo;
    }
}
