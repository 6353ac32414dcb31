package io.tocsin.chat;

import java.time.Duration;

/**
 * A chat tool refused or could not take a call. {@code transientFailure}: a retry may succeed (timeouts, HTTP 5xx,
 * 429 with its {@code retryAfter}); otherwise {@code error} is the tool's own error code (Slack's
 * {@code channel_not_found}) and retrying will not help.
 */
public class ChatException extends RuntimeException {

    private final boolean transientFailure;
    private final Duration retryAfter;
    private final String error;

    public ChatException(String error, String message, boolean transientFailure, Duration retryAfter) {
        super(message);
        this.error = error;
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public static ChatException permanent(String error, String message) {
        return new ChatException(error, message, false, null);
    }

    public static ChatException temporary(String message, Duration retryAfter) {
        return new ChatException(null, message, true, retryAfter);
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** An HTTP answer's {@code Retry-After} in seconds (what chat tools send with 429), or null. */
    public static Duration retryAfter(java.net.http.HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    /** The tool's error code, or null. */
    public String error() {
        return error;
    }
}
