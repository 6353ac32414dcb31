package io.tocsin.bench;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The planner of an open-loop load: hands job {@code n} to the clients at {@code start + n * interval} whatever the
 * answers, each job as {@code {n, plannedNanos}} so latency counts from the planned time (no coordinated omission),
 * then one {@code {-1, 0}} per client to end them.
 */
final class OpenLoopPlan {

    private OpenLoopPlan() {
    }

    static void run(BlockingQueue<long[]> planned, long start, long intervalNanos, int total, int clients)
            throws InterruptedException {
        for (int n = 0; n < total; n++) {
            long at = start + n * intervalNanos;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            planned.add(new long[] {n, at});
        }
        for (int c = 0; c < clients; c++) {
            planned.add(new long[] {-1, 0});
        }
    }
}
