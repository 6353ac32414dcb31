package io.tocsin.notify.internal;

import java.util.concurrent.CopyOnWriteArrayList;

import io.tocsin.shared.TransactionMemo;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells this node's worker that a delivery was queued, once the enqueueing transaction has committed, so an
 * immediate page does not wait for the next poll. Other nodes find it at their next poll.
 */
@Component
public class DeliveryWakeUp {

    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void onQueued(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** After the commit of the current transaction (once, however many deliveries it queued), else now. */
    public void queued() {
        if (listeners.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionMemo.get("notify.wake-up", this, () -> {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        listeners.forEach(Runnable::run);
                    }
                });
                return Boolean.TRUE;
            });
        } else {
            listeners.forEach(Runnable::run);
        }
    }
}
