package io.tocsin.shared;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task on its own daemon thread every interval, survives the task's failures, can be nudged to run at
 * once, and stops cleanly. The work itself must be safe to run on several nodes at the same time.
 */
public final class BackgroundPoller {

    private static final Logger log = LoggerFactory.getLogger(BackgroundPoller.class);

    private final String name;
    private final long intervalMillis;
    private final Runnable task;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private volatile boolean running;
    private volatile boolean databaseDown;

    public BackgroundPoller(String name, long intervalMillis, Runnable task) {
        this.name = name;
        this.intervalMillis = intervalMillis;
        this.task = task;
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        executor.scheduleWithFixedDelay(this::runSafely, 0, intervalMillis, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Runs the task now rather than at the next interval; nudges while one run is waiting are coalesced. */
    public void nudge() {
        if (!running || !nudged.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                nudged.set(false);
                runSafely();
            });
        } catch (RejectedExecutionException shuttingDown) {
            nudged.set(false);
        }
    }

    public synchronized void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean running() {
        return running;
    }

    /**
     * Runs the task once. While the database cannot be reached every run fails the same way: that is logged once
     * when it starts and once when it ends, not with a stack trace every interval (issue 17, point 3).
     */
    private void runSafely() {
        try {
            task.run();
            if (databaseDown) {
                databaseDown = false;
                log.info("{}: the database answers again", name);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.is(e)) {
                log.warn("{} failed; retrying next interval", name, e);
            } else if (!databaseDown) {
                databaseDown = true;
                log.warn("{}: the database cannot be reached ({}); retrying every {} ms", name, e.toString(),
                        intervalMillis);
            }
        }
    }
}
