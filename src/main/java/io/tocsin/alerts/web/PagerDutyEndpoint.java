package io.tocsin.alerts.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.ChangeEvents;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.format.FieldError;
import io.tocsin.alerts.internal.format.PagerDutyFormat;
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
 * dedup key, 400 {@code invalid event} for what can never be accepted (the payload's mapping lives in
 * {@code PagerDutyFormat}), 429 with Retry-After, and 5xx only for what a retry can fix.
 * <p>
 * A plain servlet rather than a Spring MVC controller: this is the busiest endpoint (every tool that speaks
 * PagerDuty), and MVC's per-request machinery (handler lookup, argument and return value handling, content
 * negotiation) cost twice the CPU of the endpoint's own work. Security filters and request metrics still apply.
 */
class PagerDutyEndpoint extends HttpServlet {

    static final String ENQUEUE = "/v2/enqueue";
    static final String CHANGE = "/v2/change/enqueue";

    private static final Logger log = LoggerFactory.getLogger(PagerDutyEndpoint.class);
    private static final String INVALID = "Event object is invalid";

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
        var integration = authenticate(root);
        var event = IngestRejection.accepted(support.pagerDuty.event(root, integration.severity()), INVALID);
        support.rateLimit(integration);
        var route = AlertIngest.Route.of(integration);
        var outcome = switch (event.action()) {
            case TRIGGER -> ingest.trigger(route, event.signal());
            case ACKNOWLEDGE -> ingest.acknowledge(route, event.dedupKey(), "pagerduty");
            case RESOLVE -> ingest.resolve(route, event.dedupKey(), "pagerduty");
        };
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "success");
        body.put("message", "Event processed");
        body.put("dedup_key", outcome.dedupKey());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private ResponseEntity<Map<String, Object>> change(HttpServletRequest request) throws IOException {
        var root = support.object(support.body(request));
        var integration = authenticate(root);
        var change = IngestRejection.accepted(support.pagerDuty.change(root), INVALID);
        support.rateLimit(integration);
        changes.record(integration, change.summary(), change.source(), change.occurredAt(), change.details(),
                change.links());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("status", "success", "message", "Change event processed"));
    }

    private Integration authenticate(JsonNode root) {
        String key = PagerDutyFormat.routingKey(root);
        if (key == null || key.isBlank()) {
            throw IngestRejection.invalid(INVALID, List.of(new FieldError("routing_key", "is missing or blank")));
        }
        return integrations.authenticate(key, IntegrationKind.PAGERDUTY).orElseThrow(() -> IngestRejection
                .invalid(INVALID, List.of(new FieldError("routing_key", "does not belong to an integration"))));
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
                body.put("errors", e.quotedErrors());
                yield ResponseEntity.badRequest().body(body);
            }
        };
    }

    /** Anything else is our trouble, not the event's: 503 makes every PagerDuty client retry. */
    private static ResponseEntity<Map<String, Object>> failed(Exception e) {
        IngestSupport.logNotAccepted(log, "PagerDuty event", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "error", "message", "Temporarily unable to accept events; retry"));
    }
}
