package io.tocsin.alerts.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

import io.tocsin.alerts.internal.AlertsProperties;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.RateLimits;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every ingest endpoint does before its format-specific work: bounded body, JSON, key, rate limit. */
@Component
class IngestSupport {

    // ISO 8601 with or without the colon in the offset (PagerDuty's example: 2015-07-17T08:42:58.315+0000).
    private static final DateTimeFormatter LENIENT_OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd().toFormatter();

    private final AlertsProperties properties;
    private final RateLimits rateLimits;
    private final JsonMapper json;

    IngestSupport(AlertsProperties properties, RateLimits rateLimits, JsonMapper json) {
        this.properties = properties;
        this.rateLimits = rateLimits;
        this.json = json;
    }

    /** Reads at most the limit; a larger body is refused while reading, never buffered whole. */
    byte[] body(HttpServletRequest request) throws IOException {
        int limit = properties.getMaxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        byte[] bytes = request.getInputStream().readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return bytes;
    }

    private static IngestRejection tooLarge(int limit) {
        return new IngestRejection(IngestRejection.Kind.TOO_LARGE, "Request body larger than " + limit / 1024 + " KB",
                List.of(), null);
    }

    JsonNode object(byte[] body) {
        try {
            var node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw IngestRejection.invalid("Request body must be a JSON object", List.of("body is not a JSON object"));
            }
            return node;
        } catch (JacksonException e) {
            throw IngestRejection.invalid("Request body is not valid JSON", List.of("malformed JSON"));
        }
    }

    byte[] jsonBytes(Object value) {
        return json.writeValueAsBytes(value);
    }

    String json(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    /** The key as webhook senders can send it: {@code ?key=}, {@code Bearer}, or Basic (password, else user). */
    static String webhookKey(HttpServletRequest request) {
        String query = request.getParameter("key");
        if (query != null && !query.isBlank()) {
            return query.strip();
        }
        String auth = request.getHeader("Authorization");
        if (auth == null) {
            return null;
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                String user = colon < 0 ? pair : pair.substring(0, colon);
                String password = colon < 0 ? "" : pair.substring(colon + 1);
                return password.isBlank() ? user : password;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    void rateLimit(Integration integration) {
        var wait = rateLimits.tryAcquire(integration.id(), integration.rateLimitPerMinute());
        if (!wait.isZero()) {
            throw new IngestRejection(IngestRejection.Kind.RATE_LIMITED, "Rate limit of this integration key exceeded",
                    List.of(), wait);
        }
    }

    /** A string field: null when absent; an error when present with another type or too long. */
    static String text(JsonNode node, String field, int max, List<String> errors) {
        var value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add("'" + field + "' must be a string");
            return null;
        }
        String s = value.asString();
        if (s.length() > max) {
            errors.add("'" + field + "' must be at most " + max + " characters");
            return null;
        }
        return s;
    }

    static Instant instant(String text, String field, List<String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip(), LENIENT_OFFSET).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException again) {
                errors.add("'" + field + "' must be an ISO 8601 timestamp");
                return null;
            }
        }
    }
}
