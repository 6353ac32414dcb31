package io.tocsin.shared;

/**
 * Does the work of one kind of durable timer. Runs inside the transaction that claimed the timer: if it throws,
 * nothing it wrote is kept and the timer fires again later. Keep it to database work (record, enqueue); slow
 * calls to the outside world belong in an outbox processed on its own.
 */
public interface TimerHandler {

    /** The kind of timer this handler fires, e.g. {@code heartbeat.deadline}. */
    String kind();

    void fire(DurableTimers.Timer timer);
}
