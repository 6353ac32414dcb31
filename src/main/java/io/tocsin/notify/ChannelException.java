package io.tocsin.notify;

/** A channel could not hand a message over. {@code transientFailure}: a later retry may succeed (timeouts, 429, 5xx). */
public class ChannelException extends RuntimeException {

    private final boolean transientFailure;
    private final java.time.Duration retryAfter;

    public ChannelException(String message, boolean transientFailure) {
        this(message, transientFailure, (java.time.Duration) null);
    }

    /** A transient failure the provider asked us to retry no sooner than {@code retryAfter} (HTTP Retry-After). */
    public ChannelException(String message, boolean transientFailure, java.time.Duration retryAfter) {
        super(message);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public ChannelException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = null;
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    /** The wait the provider asked for, or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }
}
