package io.tocsin.alerts.web;

import java.time.Duration;
import java.util.List;

import io.tocsin.alerts.internal.format.FieldError;
import io.tocsin.alerts.internal.format.Mapped;
import org.springframework.http.HttpStatus;

/**
 * Why an ingest request is refused; each wire format turns it into the status and body its client expects.
 * Every kind but RATE_LIMITED is permanent: a retry of the same request cannot succeed.
 */
class IngestRejection extends RuntimeException {

    enum Kind {
        INVALID, MALFORMED, UNAUTHORIZED, NOT_FOUND, TOO_LARGE, RATE_LIMITED
    }

    final Kind kind;
    final List<FieldError> errors;
    final Duration retryAfter;

    IngestRejection(Kind kind, String message, List<FieldError> errors, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.errors = errors == null ? List.of() : errors;
        this.retryAfter = retryAfter;
    }

    /** The plain HTTP answer; formats whose clients expect otherwise (429 vs 503, 400 vs 422) override it. */
    HttpStatus status() {
        return switch (kind) {
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID, MALFORMED -> HttpStatus.BAD_REQUEST;
        };
    }

    /** The errors as PagerDuty and the webhooks list them ({@code 'payload.summary' is required}). */
    List<String> quotedErrors() {
        return errors.stream().map(FieldError::quoted).toList();
    }

    static IngestRejection invalid(String message, List<FieldError> errors) {
        return new IngestRejection(Kind.INVALID, message, errors, null);
    }

    static IngestRejection malformed(String message, String error) {
        return new IngestRejection(Kind.MALFORMED, message, List.of(new FieldError(null, error)), null);
    }

    static IngestRejection unauthorized(String message) {
        return new IngestRejection(Kind.UNAUTHORIZED, message, List.of(), null);
    }

    static IngestRejection notFound(String message) {
        return new IngestRejection(Kind.NOT_FOUND, message, List.of(), null);
    }

    /** The mapped value, or the format's refusal as an invalid request with the given message. */
    static <T> T accepted(Mapped<T> mapped, String message) {
        return switch (mapped) {
            case Mapped.Accepted<T> a -> a.value();
            case Mapped.Refused<T> r -> throw invalid(message, r.errors());
        };
    }
}
