package io.tocsin.notify.internal;

import java.time.Duration;

import io.tocsin.notify.NotifySettings;

/**
 * When a failed delivery goes out again: a transient failure is retried after a doubling backoff (base, 2 x base,
 * ... up to the cap) until the attempts are used up; a permanent one never is.
 */
record RetryPolicy(Duration base, Duration max, int maxAttempts) {

    static RetryPolicy forPages(NotifySettings settings) {
        var w = settings.getWorker();
        return new RetryPolicy(w.getBackoffBase(), w.getBackoffMax(), w.getMaxAttempts());
    }

    static RetryPolicy forMail(NotifySettings settings) {
        var w = settings.getWorker();
        return new RetryPolicy(w.getBackoffBase(), w.getBackoffMax(), settings.getMail().getMaxAttempts());
    }

    boolean retries(boolean transientFailure, int attempt) {
        return transientFailure && attempt < maxAttempts;
    }

    /** The wait after the given attempt (1 = the first) failed. */
    Duration backoff(int attempt) {
        var delay = base.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
