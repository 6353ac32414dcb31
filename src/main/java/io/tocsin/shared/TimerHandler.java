package io.tocsin.shared;

/**
 * Does the work of one kind of durable timer. Runs inside the transaction that claimed the timer (together with
 * others of its batch), in a savepoint of its own: if it throws, nothing it wrote is kept, the transaction callbacks
 * it registered are dropped, and the timer fires again later, while the rest of the batch commits. Keep it to
 * database work (record, enqueue): the locks it takes are held until the whole batch commits, and slow calls to the
 * outside world belong in an outbox processed on its own.
 */
public interface TimerHandler {

    /** The kind of timer this handler fires, e.g. {@code heartbeat.deadline}. */
    String kind();

    void fire(DurableTimers.Timer timer);
}
