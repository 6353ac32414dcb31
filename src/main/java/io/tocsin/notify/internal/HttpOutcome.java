package io.tocsin.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What an endpoint's answer to a signed HTTP body means for the delivery (issue 11 point 6), a pure decision: 2xx is
 * sent (when a challenge must be echoed, only if the body contains it); 408, 425, 429 and 5xx are worth another
 * try, after the {@code Retry-After} the endpoint asked for if any (capped at {@link #MAX_RETRY_AFTER}); every
 * other answer (3xx, since redirects are not followed; 400, 401, 403, 404, 410, 413, 422 ...) will not change by
 * itself, so it fails at once instead of using up retries.
 */
record HttpOutcome(boolean sent, boolean transientFailure, Duration retryAfter, String error) {

    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    static HttpOutcome of(int status, String retryAfterHeader, String body, String echo, Instant now) {
        if (status >= 200 && status < 300) {
            if (echo != null && (body == null || !body.contains(echo))) {
                return new HttpOutcome(false, false, null, "HTTP " + status + " without the challenge in its body");
            }
            return new HttpOutcome(true, false, null, null);
        }
        boolean again = status == 408 || status == 425 || status == 429 || status >= 500;
        return new HttpOutcome(false, again, again ? retryAfter(retryAfterHeader, now) : null, "HTTP " + status);
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 section 10.2.3); null when absent or unreadable. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }
}
