package io.tocsin.alerts.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.ChangeEvents;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.Signal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.filter.ServerHttpObservationFilter;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty Events API v2 at its own paths, so anything that can send to PagerDuty (Alertmanager's
 * pagerduty_config, Grafana, Zabbix...) can send here by changing the URL. Answers as PagerDuty does: 202 with the
 * dedup key, 400 {@code invalid event}, 429 with Retry-After, 5xx for anything the client should retry.
 * <p>
 * A plain servlet rather than a Spring MVC controller: this is the busiest endpoint (every tool that speaks
 * PagerDuty), and MVC's per-request machinery (handler lookup, argument and return value handling, content
 * negotiation) cost twice the CPU of the endpoint's own work. Security filters and request metrics still apply.
 */
class PagerDutyEndpoint extends HttpServlet {

    static final String ENQUEUE = "/v2/enqueue";
    static final String CHANGE = "/v2/change/enqueue";

    private static final Logger log = LoggerFactory.getLogger(PagerDutyEndpoint.class);
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private final IngestSupport support;
    private final Integrations integrations;
    private final AlertIngest ingest;
    private final ChangeEvents changes;

    PagerDutyEndpoint(IngestSupport support, Integrations integrations, AlertIngest ingest, ChangeEvents changes) {
        this.support = support;
        this.integrations = integrations;
        this.ingest = ingest;
        this.changes = changes;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath();
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(path));
        ResponseEntity<Map<String, Object>> answer;
        try {
            answer = CHANGE.equals(path) ? change(request) : enqueue(request);
        } catch (IngestRejection e) {
            answer = rejected(e);
        } catch (Exception e) {
            answer = failed(e);
        }
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        write(response, answer.getStatusCode().value(), answer.getBody());
    }

    private void write(HttpServletResponse response, int status, Object json) throws IOException {
        byte[] body = support.jsonBytes(json);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Only POST is part of the API; anything else gets PagerDuty's error shape with 405. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        if ("POST".equals(request.getMethod())) {
            super.service(request, response);
            return;
        }
        response.setHeader(HttpHeaders.ALLOW, "POST");
        write(response, HttpStatus.METHOD_NOT_ALLOWED.value(), Map.of("status", "invalid request", "message", "Use POST"));
    }

    private ResponseEntity<Map<String, Object>> enqueue(HttpServletRequest request) throws IOException {
        var root = support.object(support.body(request));
        var errors = new ArrayList<String>();
        var integration = authenticate(root, errors);
        String action = IngestSupport.text(root, "event_action", 20, errors);
        if (action == null && !root.has("event_action")) {
            errors.add("'event_action' is missing");
        } else if (action != null && !ACTIONS.contains(action)) {
            errors.add("'event_action' must be one of trigger, acknowledge, resolve");
        }
        String dedupKey = IngestSupport.text(root, "dedup_key", 255, errors);
        if (dedupKey != null && dedupKey.isBlank()) {
            dedupKey = null;
        }
        if (!"trigger".equals(action) && action != null && ACTIONS.contains(action) && dedupKey == null) {
            errors.add("'dedup_key' is required for " + action);
        }
        Signal signal = "trigger".equals(action) ? trigger(root, dedupKey, errors) : null;
        if (!errors.isEmpty()) {
            throw IngestRejection.invalid("Event object is invalid", errors);
        }
        support.rateLimit(integration);
        var route = AlertIngest.Route.of(integration);
        var outcome = switch (action) {
            case "trigger" -> ingest.trigger(route, signal);
            case "acknowledge" -> ingest.acknowledge(route, dedupKey, "pagerduty");
            default -> ingest.resolve(route, dedupKey, "pagerduty");
        };
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "success");
        body.put("message", "Event processed");
        body.put("dedup_key", outcome.dedupKey());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private ResponseEntity<Map<String, Object>> change(HttpServletRequest request) throws IOException {
        var root = support.object(support.body(request));
        var errors = new ArrayList<String>();
        var integration = authenticate(root, errors);
        var payload = root.get("payload");
        String summary = null;
        String source = null;
        java.time.Instant at = null;
        if (payload == null || !payload.isObject()) {
            errors.add("'payload' must be an object");
        } else {
            summary = IngestSupport.text(payload, "summary", 1024, errors);
            if (summary == null || summary.isBlank()) {
                errors.add("'payload.summary' is required");
            }
            source = IngestSupport.text(payload, "source", 255, errors);
            at = IngestSupport.instant(IngestSupport.text(payload, "timestamp", 64, errors), "payload.timestamp", errors);
        }
        var links = links(root, errors);
        if (!errors.isEmpty()) {
            throw IngestRejection.invalid("Event object is invalid", errors);
        }
        support.rateLimit(integration);
        changes.record(integration, summary.strip(), source, at, support.json(payload.get("custom_details")), links);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("status", "success", "message", "Change event processed"));
    }

    private Integration authenticate(JsonNode root, List<String> errors) {
        String key = IngestSupport.text(root, "routing_key", 200, errors);
        if (key == null || key.isBlank()) {
            throw IngestRejection.invalid("Event object is invalid", List.of("'routing_key' is missing or blank"));
        }
        return integrations.authenticate(key, IntegrationKind.PAGERDUTY).orElseThrow(() -> IngestRejection
                .invalid("Event object is invalid", List.of("'routing_key' does not belong to an integration")));
    }

    private Signal trigger(JsonNode root, String dedupKey, List<String> errors) {
        var payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            errors.add("'payload' is required for trigger and must be an object");
            return null;
        }
        String summary = IngestSupport.text(payload, "summary", 1024, errors);
        if (summary == null || summary.isBlank()) {
            errors.add("'payload.summary' is required");
        }
        String source = IngestSupport.text(payload, "source", 255, errors);
        if (source == null || source.isBlank()) {
            errors.add("'payload.source' is required");
        }
        String severity = IngestSupport.text(payload, "severity", 20, errors);
        if (severity == null || !SEVERITIES.contains(severity)) {
            errors.add("'payload.severity' must be one of critical, error, warning, info");
        }
        var at = IngestSupport.instant(IngestSupport.text(payload, "timestamp", 64, errors), "payload.timestamp", errors);
        for (String f : List.of("component", "group", "class")) {
            IngestSupport.text(payload, f, 1024, errors);
        }
        IngestSupport.text(root, "client", 1024, errors);
        IngestSupport.text(root, "client_url", 2048, errors);
        var images = root.get("images");
        if (images != null && !images.isNull() && !images.isArray()) {
            errors.add("'images' must be an array");
        }
        String links = links(root, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        var details = new LinkedHashMap<String, Object>();
        for (String f : List.of("component", "group", "class", "custom_details")) {
            if (payload.has(f)) {
                details.put(f, payload.get(f));
            }
        }
        if (root.has("client")) {
            details.put("client", root.get("client"));
            details.put("client_url", root.get("client_url"));
        }
        if (images != null && images.isArray()) {
            details.put("images", images);
        }
        return new Signal("pagerduty", dedupKey, summary.strip(), source.strip(), severity, support.json(details), links,
                at);
    }

    private String links(JsonNode root, List<String> errors) {
        var links = root.get("links");
        if (links == null || links.isNull()) {
            return null;
        }
        if (!links.isArray()) {
            errors.add("'links' must be an array");
            return null;
        }
        for (var link : links) {
            if (!link.isObject() || link.get("href") == null || !link.get("href").isString()) {
                errors.add("each of 'links' needs an 'href' string");
                return null;
            }
        }
        return support.json(links);
    }

    private static ResponseEntity<Map<String, Object>> rejected(IngestRejection e) {
        var body = new LinkedHashMap<String, Object>();
        return switch (e.kind) {
            case RATE_LIMITED -> {
                body.put("status", "throttle event");
                body.put("message", e.getMessage());
                yield ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter.toSeconds())).body(body);
            }
            case TOO_LARGE -> {
                body.put("status", "invalid event");
                body.put("message", e.getMessage());
                body.put("errors", List.of("request body too large"));
                yield ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(body);
            }
            default -> {
                body.put("status", "invalid event");
                body.put("message", "Event object is invalid");
                body.put("errors", e.errors);
                yield ResponseEntity.badRequest().body(body);
            }
        };
    }

    /** Anything else is our trouble, not the event's: 503 makes every PagerDuty client retry. */
    private static ResponseEntity<Map<String, Object>> failed(Exception e) {
        log.warn("PagerDuty event not accepted; the client will retry", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "error", "message", "Temporarily unable to accept events; retry"));
    }
}
