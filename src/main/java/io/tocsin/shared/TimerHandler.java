package io.tocsin.shared;

/**
 * Does the work of one kind of durable timer. Runs inside the transaction that claimed the timer together with
 * others of its batch: if it throws, nothing it wrote is kept and the timer fires again later. A handler can run
 * more than once for one firing (when another timer of its batch fails, the batch is rolled back and its timers are
 * fired again one by one), but only one run is ever committed. So keep it to database work (record, enqueue) and
 * to callbacks on the transaction, which go with a rollback: the locks it takes are held until the whole batch
 * commits, and slow calls to the outside world belong in an outbox processed on its own.
 */
public interface TimerHandler {

    /** The kind of timer this handler fires, e.g. {@code heartbeat.deadline}. */
    String kind();

    void fire(Timer timer);
}
