package io.tocsin.assist;

/**
 * Why the assistant could not draft: answered as problem+json with the status and type named here, and shown in
 * the UI in the reader's language ({@code assist.problem.<type>}).
 */
public class AssistException extends RuntimeException {

    public enum Reason {
        /** The organisation has not turned the assistant on (the default). */
        OFF(409, "assist-off"),
        /** This kind of draft needs a model and no endpoint is configured. */
        NO_ENDPOINT(409, "assist-no-endpoint"),
        /** The per-hour budget of calls is used up. */
        OVER_BUDGET(429, "assist-over-budget"),
        /** The endpoint did not answer within the configured timeout. */
        TIMEOUT(504, "assist-endpoint-timeout"),
        /** The endpoint says it is rate limited (429). */
        RATE_LIMITED(503, "assist-endpoint-rate-limited"),
        /** The endpoint answered with an error, could not be reached or answered something unreadable. */
        ENDPOINT_FAILED(502, "assist-endpoint-failed");

        public final int status;
        public final String type;

        Reason(int status, String type) {
            this.status = status;
            this.type = type;
        }
    }

    private final Reason reason;
    private final Long retryAfterSeconds;

    public AssistException(Reason reason, String message, Long retryAfterSeconds) {
        super(message);
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public AssistException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
