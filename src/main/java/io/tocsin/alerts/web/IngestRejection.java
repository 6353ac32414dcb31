package io.tocsin.alerts.web;

import java.time.Duration;
import java.util.List;

/** Why an ingest request is refused; each wire format turns it into the status and body its client expects. */
class IngestRejection extends RuntimeException {

    enum Kind {
        INVALID, UNAUTHORIZED, NOT_FOUND, TOO_LARGE, RATE_LIMITED
    }

    final Kind kind;
    final List<String> errors;
    final Duration retryAfter;

    IngestRejection(Kind kind, String message, List<String> errors, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.errors = errors == null ? List.of() : errors;
        this.retryAfter = retryAfter;
    }

    /** The plain HTTP answer; formats whose clients expect otherwise (429 vs 503, 400 vs 422) override it. */
    org.springframework.http.HttpStatus status() {
        return switch (kind) {
            case RATE_LIMITED -> org.springframework.http.HttpStatus.TOO_MANY_REQUESTS;
            case TOO_LARGE -> org.springframework.http.HttpStatus.CONTENT_TOO_LARGE;
            case UNAUTHORIZED -> org.springframework.http.HttpStatus.UNAUTHORIZED;
            case NOT_FOUND -> org.springframework.http.HttpStatus.NOT_FOUND;
            case INVALID -> org.springframework.http.HttpStatus.BAD_REQUEST;
        };
    }

    static IngestRejection invalid(String message, List<String> errors) {
        return new IngestRejection(Kind.INVALID, message, errors, null);
    }

    static IngestRejection unauthorized(String message) {
        return new IngestRejection(Kind.UNAUTHORIZED, message, List.of(), null);
    }
}
