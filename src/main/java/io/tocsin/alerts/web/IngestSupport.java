package io.tocsin.alerts.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.tocsin.alerts.internal.AlertsProperties;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.RateLimits;
import io.tocsin.alerts.internal.format.AlertmanagerFormat;
import io.tocsin.alerts.internal.format.Json;
import io.tocsin.alerts.internal.format.OpsgenieFormat;
import io.tocsin.alerts.internal.format.PagerDutyFormat;
import io.tocsin.alerts.internal.format.WebhookFormat;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every ingest endpoint does before its format-specific work: bounded body, JSON, key, rate limit; and the
 * format mappers, which hold no state and are shared by all requests.
 */
@Component
class IngestSupport {

    private final AlertsProperties properties;
    private final RateLimits rateLimits;
    private final JsonMapper json;
    final PagerDutyFormat pagerDuty;
    final AlertmanagerFormat alertmanager;
    final OpsgenieFormat opsgenie;
    final WebhookFormat webhook;

    IngestSupport(AlertsProperties properties, RateLimits rateLimits, JsonMapper json) {
        this.properties = properties;
        this.rateLimits = rateLimits;
        this.json = json;
        var writer = new Json(json);
        this.pagerDuty = new PagerDutyFormat(writer);
        this.alertmanager = new AlertmanagerFormat(writer);
        this.opsgenie = new OpsgenieFormat(writer);
        this.webhook = new WebhookFormat(writer);
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
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw IngestRejection.malformed("Request body is not valid JSON", "malformed JSON");
        }
        if (node == null || !node.isObject()) {
            throw IngestRejection.malformed("Request body must be a JSON object", "body is not a JSON object");
        }
        return node;
    }

    byte[] jsonBytes(Object value) {
        return json.writeValueAsBytes(value);
    }

    /**
     * The key as webhook senders can send it: {@code ?key=}, {@code Bearer}, or Basic (password, else user). This is
     * where the container first decodes the query string, so an undecodable one is refused here, permanently.
     */
    static String webhookKey(HttpServletRequest request) {
        String query;
        try {
            query = request.getParameter("key");
        } catch (InvalidParameterException undecodable) {
            throw IngestRejection.undecodableQuery();
        }
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

    /**
     * Logs why an event was answered 5xx: one line while the database cannot be reached (every request of an
     * outage fails the same way), the stack trace for anything else.
     */
    static void logNotAccepted(org.slf4j.Logger log, String what, Exception e) {
        if (io.tocsin.shared.DatabaseOutage.is(e)) {
            log.warn("{} answered 503: the database cannot be reached ({}); the sender will retry", what, e.toString());
        } else {
            log.warn("{} not accepted; the sender will retry", what, e);
        }
    }

    void rateLimit(Integration integration) {
        var wait = rateLimits.tryAcquire(integration.id(), integration.rateLimitPerMinute());
        if (!wait.isZero()) {
            throw new IngestRejection(IngestRejection.Kind.RATE_LIMITED, "Rate limit of this integration key exceeded",
                    List.of(), wait);
        }
    }
}
