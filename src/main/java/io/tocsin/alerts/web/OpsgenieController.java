package io.tocsin.alerts.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.alerts.internal.Alert;
import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.OpsgenieAlerts;
import io.tocsin.alerts.internal.OpsgenieRequests;
import io.tocsin.alerts.internal.format.FieldError;
import io.tocsin.alerts.internal.format.Limits;
import io.tocsin.alerts.internal.format.Mapped;
import io.tocsin.alerts.internal.format.OpsgenieFormat;
import io.tocsin.alerts.internal.format.Text;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opsgenie Alert API v2, so Alertmanager's opsgenie_config and Opsgenie clients can move here by changing the API
 * URL: create with alias dedup, acknowledge and close, message and description updates (Alertmanager's
 * {@code update_alerts: true}), get alert and request status; identifiers by id, alias or tiny id. Every path is
 * also served with a trailing slash, as the official Node SDK ({@code opsgenie-sdk}) sends them. The work is done
 * before the 202; the request id then reports its outcome, and an unknown alert is a failed request, not a 404,
 * as in Opsgenie. Payload mapping lives in {@code OpsgenieFormat}.
 */
@Hidden
@RestController
class OpsgenieController {

    private static final Logger log = LoggerFactory.getLogger(OpsgenieController.class);
    private static final String UNPROCESSABLE = "Request body is not processable. Please check the errors.";
    private static final String NO_ALERT = "Alert does not exist";

    private final IngestSupport support;
    private final Integrations integrations;
    private final AlertIngest ingest;
    private final OpsgenieAlerts alerts;
    private final OpsgenieRequests requests;
    private final JsonMapper json;

    OpsgenieController(IngestSupport support, Integrations integrations, AlertIngest ingest, OpsgenieAlerts alerts,
            OpsgenieRequests requests, JsonMapper json) {
        this.support = support;
        this.integrations = integrations;
        this.ingest = ingest;
        this.alerts = alerts;
        this.requests = requests;
        this.json = json;
    }

    @PostMapping({"/v2/alerts", "/v2/alerts/"})
    ResponseEntity<Map<String, Object>> create(HttpServletRequest request) throws IOException {
        long started = System.nanoTime();
        var integration = authenticate(request);
        support.rateLimit(integration);
        var root = support.object(support.body(request));
        var signal = IngestRejection.accepted(support.opsgenie.create(root, integration.severity()), UNPROCESSABLE);
        var route = AlertIngest.Route.of(integration);
        var outcome = ingest.trigger(route, signal);
        var alertId = outcome.alertId() != null ? outcome.alertId()
                : ingest.openAlertId(route, outcome.dedupKey()).orElse(null);
        var requestId = requests.record(integration.id(), "Create", true,
                outcome.result() == AlertIngest.Result.CREATED ? "Created alert" : "Alert already exists: count increased",
                alertId, outcome.dedupKey());
        return accepted(requestId, started);
    }

    @PostMapping({"/v2/alerts/{identifier}/acknowledge", "/v2/alerts/{identifier}/acknowledge/"})
    ResponseEntity<Map<String, Object>> acknowledge(@PathVariable String identifier,
            @RequestParam(defaultValue = "id") String identifierType, HttpServletRequest request) throws IOException {
        return transition(identifier, identifierType, request, true);
    }

    @PostMapping({"/v2/alerts/{identifier}/close", "/v2/alerts/{identifier}/close/"})
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
        var action = IngestRejection.accepted(support.opsgenie.action(body.length == 0 ? null : support.object(body)),
                UNPROCESSABLE);
        var id = IngestRejection.accepted(OpsgenieFormat.identifier(identifier, identifierType), UNPROCESSABLE);
        var route = AlertIngest.Route.of(integration);
        String by = Text.fit(action.user() != null ? action.user() : "opsgenie", Limits.ACTOR, "user", null);
        String name = acknowledge ? "Acknowledge" : "Close";
        var alert = alerts.find(route, id);
        if (alert.isEmpty()) {
            return accepted(requests.record(integration.id(), name, false, NO_ALERT, null, null), started);
        }
        var found = alert.get();
        if (found.status().open()) {
            var outcome = acknowledge ? ingest.acknowledge(route, found.dedupKey(), by)
                    : ingest.resolve(route, found.dedupKey(), by);
            if (outcome.result() == AlertIngest.Result.DROPPED) {
                // Closed meanwhile by someone else.
                return accepted(requests.record(integration.id(), name, false, NO_ALERT, null, null), started);
            }
        }
        return accepted(requests.record(integration.id(), name, true, acknowledge ? "Acknowledged" : "Closed",
                found.id(), found.dedupKey()), started);
    }

    /** Alertmanager's {@code update_alerts: true} follows every create with this and the description update. */
    @PutMapping({"/v2/alerts/{identifier}/message", "/v2/alerts/{identifier}/message/"})
    ResponseEntity<Map<String, Object>> updateMessage(@PathVariable String identifier,
            @RequestParam(defaultValue = "id") String identifierType, HttpServletRequest request) throws IOException {
        return update(identifier, identifierType, request, "Update Message", "Message updated",
                support.opsgenie::message, (alertId, u) -> alerts.updateMessage(alertId, u.text(), "opsgenie"));
    }

    @PutMapping({"/v2/alerts/{identifier}/description", "/v2/alerts/{identifier}/description/"})
    ResponseEntity<Map<String, Object>> updateDescription(@PathVariable String identifier,
            @RequestParam(defaultValue = "id") String identifierType, HttpServletRequest request) throws IOException {
        return update(identifier, identifierType, request, "Update Description", "Description updated",
                support.opsgenie::description,
                (alertId, u) -> alerts.updateDescription(alertId, u.text(), u.adjustments(), "opsgenie"));
    }

    private ResponseEntity<Map<String, Object>> update(String identifier, String identifierType,
            HttpServletRequest request, String action, String doneStatus,
            Function<JsonNode, Mapped<OpsgenieFormat.Update>> mapper,
            BiPredicate<UUID, OpsgenieFormat.Update> apply) throws IOException {
        long started = System.nanoTime();
        var integration = authenticate(request);
        support.rateLimit(integration);
        var update = IngestRejection.accepted(mapper.apply(support.object(support.body(request))), UNPROCESSABLE);
        var id = IngestRejection.accepted(OpsgenieFormat.identifier(identifier, identifierType), UNPROCESSABLE);
        var alert = alerts.find(AlertIngest.Route.of(integration), id);
        boolean done = alert.isPresent() && apply.test(alert.get().id(), update);
        return accepted(requests.record(integration.id(), action, done, done ? doneStatus : NO_ALERT,
                done ? alert.get().id() : null, done ? alert.get().dedupKey() : null), started);
    }

    /** Opsgenie's Get Alert: how SDK users learn an alert's tiny id and state. */
    @GetMapping({"/v2/alerts/{identifier}", "/v2/alerts/{identifier}/"})
    ResponseEntity<Map<String, Object>> get(@PathVariable String identifier,
            @RequestParam(defaultValue = "id") String identifierType, HttpServletRequest request) {
        long started = System.nanoTime();
        var integration = authenticate(request);
        var id = IngestRejection.accepted(OpsgenieFormat.identifier(identifier, identifierType), UNPROCESSABLE);
        var alert = alerts.find(AlertIngest.Route.of(integration), id)
                .orElseThrow(() -> IngestRejection.notFound(NO_ALERT));
        var body = new LinkedHashMap<String, Object>();
        body.put("data", view(alert, integration));
        body.put("took", took(started));
        body.put("requestId", UUID.randomUUID().toString());
        return ResponseEntity.ok(body);
    }

    private Map<String, Object> view(Alert a, Integration integration) {
        var details = a.details() == null ? null : json.readTree(a.details());
        var data = new LinkedHashMap<String, Object>();
        data.put("id", a.id().toString());
        data.put("tinyId", String.valueOf(alerts.tinyId(a.id())));
        data.put("alias", a.dedupKey());
        data.put("message", a.summary());
        data.put("status", a.status().open() ? "open" : "closed");
        data.put("acknowledged", a.acknowledgedAt() != null);
        data.put("isSeen", a.acknowledgedAt() != null);
        data.put("tags", details != null && details.get("tags") != null ? details.get("tags") : List.of());
        data.put("snoozed", false);
        data.put("count", a.eventCount());
        data.put("lastOccurredAt", a.lastSeenAt().toString());
        data.put("createdAt", a.firstSeenAt().toString());
        data.put("updatedAt", (a.resolvedAt() != null ? a.resolvedAt() : a.acknowledgedAt() != null
                && a.acknowledgedAt().isAfter(a.lastSeenAt()) ? a.acknowledgedAt() : a.lastSeenAt()).toString());
        data.put("source", a.source() == null ? "" : a.source());
        data.put("owner", a.acknowledgedBy() == null ? "" : a.acknowledgedBy());
        data.put("priority", a.sourceSeverity() == null ? "P3" : a.sourceSeverity());
        data.put("integration", Map.of("id", integration.id().toString(), "name", integration.name(), "type", "API"));
        var report = new LinkedHashMap<String, Object>();
        if (a.acknowledgedAt() != null) {
            report.put("ackTime", a.acknowledgedAt().toEpochMilli() - a.firstSeenAt().toEpochMilli());
            report.put("acknowledgedBy", a.acknowledgedBy());
        }
        if (a.resolvedAt() != null) {
            report.put("closeTime", a.resolvedAt().toEpochMilli() - a.firstSeenAt().toEpochMilli());
            report.put("closedBy", a.resolvedBy());
        }
        data.put("report", report);
        if (details != null && details.get("description") != null) {
            data.put("description", details.get("description"));
        }
        if (details != null && details.get("details") != null) {
            data.put("details", details.get("details"));
        }
        return data;
    }

    @GetMapping({"/v2/alerts/requests/{requestId}", "/v2/alerts/requests/{requestId}/"})
    ResponseEntity<Map<String, Object>> status(@PathVariable String requestId, HttpServletRequest request) {
        long started = System.nanoTime();
        var integration = authenticate(request);
        UUID id;
        try {
            id = UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            throw IngestRejection.notFound("Request not found. It might not be processed, yet.");
        }
        var found = requests.find(integration.id(), id).orElseThrow(() ->
                IngestRejection.notFound("Request not found. It might not be processed, yet."));
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
        var status = e.kind == IngestRejection.Kind.INVALID ? HttpStatus.UNPROCESSABLE_CONTENT : e.status();
        var body = new LinkedHashMap<String, Object>();
        body.put("message", e.getMessage());
        body.put("code", status.value());
        if (!e.errors.isEmpty()) {
            var errors = new LinkedHashMap<String, String>();
            for (FieldError err : e.errors) {
                errors.put(err.field() == null ? "body" : err.field(), err.message());
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

    /** {@code identifierType} and the other parameters cannot be read from an undecodable query string. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Map<String, Object>> undecodable(InvalidParameterException e) {
        return rejected(IngestRejection.undecodableQuery());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> failed(Exception e) {
        IngestSupport.logNotAccepted(log, "Opsgenie request", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(Map.of("message",
                "Temporarily unable to process the request; retry", "code", 503, "took", 0.0, "requestId",
                UUID.randomUUID().toString()));
    }
}
