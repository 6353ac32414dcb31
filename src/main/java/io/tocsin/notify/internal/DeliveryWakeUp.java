package io.tocsin.notify.internal;

import java.util.concurrent.CopyOnWriteArrayList;

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

    public void queued() {
        if (listeners.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    listeners.forEach(Runnable::run);
                }
            });
        } else {
            listeners.forEach(Runnable::run);
        }
    }
}
