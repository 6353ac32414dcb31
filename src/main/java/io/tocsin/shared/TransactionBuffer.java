package io.tocsin.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects what a transaction produces and hands it over once: one ingest batch raises hundreds of alert events in
 * one transaction, and a listener that writes a row per event (or queues work per event) would pay a round trip or
 * a stored event publication for each. Outside a transaction the item is handed over at once.
 */
public final class TransactionBuffer {

    private TransactionBuffer() {
    }

    /**
     * Adds {@code item} to what {@code flush} receives just before the current transaction commits, inside it: what
     * flush writes commits or rolls back with the transaction's own rows. {@code owner} names the buffer (one per
     * listener): within a transaction, the flush given with an owner's first item receives all of that owner's items.
     */
    public static <T> void beforeCommit(Object owner, T item, Consumer<List<T>> flush) {
        buffer(owner, item, flush, true);
    }

    /**
     * Adds {@code item} to what {@code flush} receives once the current transaction has committed (never after a
     * rollback). For work that only follows committed state and is rebuilt from the database anyway, such as an index.
     */
    public static <T> void afterCommit(Object owner, T item, Consumer<List<T>> flush) {
        buffer(owner, item, flush, false);
    }

    @SuppressWarnings("unchecked")
    private static <T> void buffer(Object owner, T item, Consumer<List<T>> flush, boolean before) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            flush.accept(List.of(item));
            return;
        }
        var key = Map.entry(owner, before);
        var items = (List<T>) TransactionSynchronizationManager.getResource(key);
        if (items == null) {
            var fresh = new ArrayList<T>();
            items = fresh;
            TransactionSynchronizationManager.bindResource(key, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    if (before) {
                        flush.accept(List.copyOf(fresh));
                    }
                }

                @Override
                public void afterCommit() {
                    if (!before) {
                        flush.accept(List.copyOf(fresh));
                    }
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        items.add(item);
    }
}
