package io.tocsin.alerts.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.Alerts;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.OpsgenieRequests;
import io.tocsin.alerts.internal.Signal;
import io.tocsin.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opsgenie Alert API v2 (create with alias dedup, acknowledge and close by alias or id, request status), so
 * Alertmanager's opsgenie_config and Opsgenie clients can move here by changing the API URL. The work is done
 * before the 202; the request id then reports its outcome.
 */
@Hidden
@RestController
class OpsgenieController {

    private static final Logger log = LoggerFactory.getLogger(OpsgenieController.class);
    private static final java.util.Set<String> PRIORITIES = java.util.Set.of("P1", "P2", "P3", "P4", "P5");

    private final IngestSupport support;
    private final Integrations integrations;
    private final AlertIngest ingest;
    private final Alerts alerts;
    private final OpsgenieRequests requests;

    OpsgenieController(IngestSupport support, Integrations integrations, AlertIngest ingest, Alerts alerts,
            OpsgenieRequests requests) {
        this.support = support;
        this.integrations = integrations;
        this.ingest = ingest;
        this.alerts = alerts;
        this.requests = requests;
    }

    @PostMapping("/v2/alerts")
    ResponseEntity<Map<String, Object>> create(HttpServletRequest request) throws IOException {
        long started = System.nanoTime();
        var integration = authenticate(request);
        support.rateLimit(integration);
        var root = support.object(support.body(request));
        var errors = new ArrayList<String>();
        String message = IngestSupport.text(root, "message", 10_000, errors);
        if (message == null || message.isBlank()) {
            errors.add("message: Message can not be empty.");
        }
        String alias = IngestSupport.text(root, "alias", 512, errors);
        String description = IngestSupport.text(root, "description", 15_000, errors);
        String source = IngestSupport.text(root, "source", 100, errors);
        String entity = IngestSupport.text(root, "entity", 512, errors);
        String priority = IngestSupport.text(root, "priority", 2, errors);
        if (priority != null && !PRIORITIES.contains(priority)) {
            errors.add("priority: should be one of [P1, P2, P3, P4, P5]");
        }
        for (String f : List.of("responders", "tags", "actions")) {
            if (root.has(f) && !root.get(f).isNull() && !root.get(f).isArray()) {
                errors.add(f + ": must be an array");
            }
        }
        if (root.has("details") && !root.get("details").isNull() && !root.get("details").isObject()) {
            errors.add("details: must be an object");
        }
        if (!errors.isEmpty()) {
            throw IngestRejection.invalid("Request body is not processable. Please check the errors.", errors);
        }
        // Opsgenie keeps at most 130 characters of the message.
        String summary = message.strip().length() > 130 ? message.strip().substring(0, 130) : message.strip();
        var details = new LinkedHashMap<String, Object>();
        for (String f : List.of("description", "details", "tags", "responders", "entity", "actions", "user", "note")) {
            if (root.has(f)) {
                details.put(f, root.get(f));
            }
        }
        var outcome = ingest.trigger(AlertIngest.Route.of(integration), new Signal("opsgenie",
                alias == null || alias.isBlank() ? null : alias, summary, source != null ? source : entity,
                priority == null ? "P3" : priority, support.json(details), null, null));
        var alertId = outcome.alertId() != null ? outcome.alertId()
                : ingest.openAlertId(AlertIngest.Route.of(integration), outcome.dedupKey()).orElse(null);
        var requestId = requests.record(integration.id(), "Create", true,
                outcome.result() == AlertIngest.Result.CREATED ? "Created alert" : "Alert already exists: count increased",
                alertId, outcome.dedupKey());
        return accepted(requestId, started);
    }

    @PostMapping("/v2/alerts/{identifier}/acknowledge")
    ResponseEntity<Map<String, Object>> acknowledge(@PathVariable String identifier,
            @RequestParam(defaultValue = "id") String identifierType, HttpServletRequest request) throws IOException {
        return transition(identifier, identifierType, request, true);
    }

    @PostMapping("/v2/alerts/{identifier}/close")
    ResponseEntity<Map<String, Object>> close(@PathVariable String identifier,
            @RequestParam(defaultValue = "id") String identifierType, HttpServletRequest request) throws IOException {
        return transition(identifier, identifierType, request, false);
    }

    private ResponseEntity<Map<String, Object>> transition(String identifier, String identifierType,
            HttpServletRequest request, boolean acknowledge) throws IOException {
        long started = System.nanoTime();
        var integration = authenticate(request);
        support.rateLimit(integration);
        byte[] body = support.body(request);
        var errors = new ArrayList<String>();
        String user = null;
        if (body.length > 0) {
            var root = support.object(body);
            user = IngestSupport.text(root, "user", 100, errors);
            IngestSupport.text(root, "source", 100, errors);
            IngestSupport.text(root, "note", 25_000, errors);
        }
        if (!List.of("id", "alias", "tiny").contains(identifierType)) {
            errors.add("identifierType: should be one of [id, alias, tiny]");
        }
        if (!errors.isEmpty()) {
            throw IngestRejection.invalid("Request body is not processable. Please check the errors.", errors);
        }
        var route = AlertIngest.Route.of(integration);
        String by = user != null ? user : "opsgenie";
        String alias = aliasOf(identifier, identifierType, integration);
        var outcome = alias == null ? null
                : acknowledge ? ingest.acknowledge(route, alias, by) : ingest.resolve(route, alias, by);
        boolean found = outcome != null && outcome.result() != AlertIngest.Result.DROPPED;
        var requestId = requests.record(integration.id(), acknowledge ? "Acknowledge" : "Close", found,
                found ? (acknowledge ? "Acknowledged" : "Closed") : "Alert does not exist",
                outcome == null ? null : outcome.alertId(), alias);
        return accepted(requestId, started);
    }

    /** The alias of the open alert an identifier names; ids are Tocsin alert ids of this integration. */
    private String aliasOf(String identifier, String type, Integration integration) {
        if (type.equals("alias")) {
            return identifier;
        }
        if (type.equals("id")) {
            try {
                var alert = alerts.get(UUID.fromString(identifier));
                return integration.id().equals(alert.integrationId()) ? alert.dedupKey() : null;
            } catch (IllegalArgumentException | NotFoundException e) {
                return null;
            }
        }
        return null;
    }

    @GetMapping("/v2/alerts/requests/{requestId}")
    ResponseEntity<Map<String, Object>> status(@PathVariable String requestId, HttpServletRequest request) {
        long started = System.nanoTime();
        var integration = authenticate(request);
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw new IngestRejection(IngestRejection.Kind.NOT_FOUND, "Request not found. It might not be processed, yet.",
                    List.of(), null);
        }
        var found = requests.find(integration.id(), id).orElseThrow(() -> new IngestRejection(
                IngestRejection.Kind.NOT_FOUND, "Request not found. It might not be processed, yet.", List.of(), null));
        var data = new LinkedHashMap<String, Object>();
        data.put("success", found.success());
        data.put("action", found.action());
        data.put("processedAt", found.processedAt().toString());
        data.put("integrationId", found.integrationId().toString());
        data.put("isSuccess", found.success());
        data.put("status", found.status());
        data.put("alertId", found.alertId() == null ? "" : found.alertId().toString());
        data.put("alias", found.alias() == null ? "" : found.alias());
        var body = new LinkedHashMap<String, Object>();
        body.put("data", data);
        body.put("took", took(started));
        body.put("requestId", UUID.randomUUID().toString());
        return ResponseEntity.ok(body);
    }

    private Integration authenticate(HttpServletRequest request) {
        String auth = request.getHeader("Authorization");
        String key = auth != null && auth.regionMatches(true, 0, "GenieKey ", 0, 9) ? auth.substring(9).strip() : null;
        return integrations.authenticate(key, IntegrationKind.OPSGENIE).orElseThrow(() ->
                IngestRejection.unauthorized("Could not authenticate"));
    }

    private static ResponseEntity<Map<String, Object>> accepted(UUID requestId, long started) {
        var body = new LinkedHashMap<String, Object>();
        body.put("result", "Request will be processed");
        body.put("took", took(started));
        body.put("requestId", requestId.toString());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private static double took(long started) {
        return Math.round((System.nanoTime() - started) / 1_000_000.0) / 1000.0;
    }

    @ExceptionHandler(IngestRejection.class)
    ResponseEntity<Map<String, Object>> rejected(IngestRejection e) {
        // Malformed JSON is 400 for Opsgenie; a well-formed body with bad fields is 422.
        var status = e.kind == IngestRejection.Kind.INVALID && !e.errors.contains("malformed JSON")
                && !e.errors.contains("body is not a JSON object") ? HttpStatus.UNPROCESSABLE_CONTENT : e.status();
        var body = new LinkedHashMap<String, Object>();
        body.put("message", e.getMessage());
        body.put("code", status.value());
        if (!e.errors.isEmpty()) {
            var errors = new LinkedHashMap<String, String>();
            for (String err : e.errors) {
                int colon = err.indexOf(": ");
                errors.put(colon > 0 ? err.substring(0, colon) : "body", colon > 0 ? err.substring(colon + 2) : err);
            }
            body.put("errors", errors);
        }
        body.put("took", 0.0);
        body.put("requestId", UUID.randomUUID().toString());
        var response = ResponseEntity.status(status);
        if (e.kind == IngestRejection.Kind.RATE_LIMITED) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter.toSeconds()));
        }
        return response.body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> failed(Exception e) {
        log.warn("Opsgenie request not accepted; the client will retry", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("message",
                "Temporarily unable to process the request; retry", "code", 503, "took", 0.0, "requestId",
                UUID.randomUUID().toString()));
    }
}
