package io.tocsin.notify;

/** A channel could not hand a message over. {@code transientFailure}: a later retry may succeed (timeouts, 429, 5xx). */
public class ChannelException extends RuntimeException {

    private final boolean transientFailure;

    public ChannelException(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public ChannelException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
