package io.tocsin.alerts.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.Heartbeats;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.Signal;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The generic JSON webhook for every tool without its own format, and heartbeat pings.
 * <pre>
 * POST /integrations/webhook?key=... (or Bearer / Basic)
 * {"action": "trigger" | "acknowledge" | "resolve",   // default trigger
 *  "dedupKey": "...",                                 // optional for trigger, required otherwise; max 255
 *  "summary": "...", "severity": "critical|error|warning|info|...", "source": "...",
 *  "details": {any JSON}, "links": [{"href": "...", "text": "..."}]}
 * -> 202 {"status": "accepted", "result": "created|repeated|...", "dedupKey": "..."}
 * GET or POST /heartbeats/{token} -> 200 {"status": "ok", "nextDueAt": "..."}
 * </pre>
 */
@Hidden
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);
    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");

    private final IngestSupport support;
    private final Integrations integrations;
    private final AlertIngest ingest;
    private final Heartbeats heartbeats;

    WebhookController(IngestSupport support, Integrations integrations, AlertIngest ingest, Heartbeats heartbeats) {
        this.support = support;
        this.integrations = integrations;
        this.ingest = ingest;
        this.heartbeats = heartbeats;
    }

    @PostMapping("/integrations/webhook")
    ResponseEntity<Map<String, Object>> webhook(HttpServletRequest request) throws IOException {
        var integration = integrations.authenticate(IngestSupport.webhookKey(request), IntegrationKind.WEBHOOK)
                .orElseThrow(() -> IngestRejection.unauthorized("Unknown or missing integration key"));
        support.rateLimit(integration);
        var root = support.object(support.body(request));
        var errors = new ArrayList<String>();
        String action = IngestSupport.text(root, "action", 20, errors);
        action = action == null ? "trigger" : action;
        if (!ACTIONS.contains(action)) {
            errors.add("'action' must be one of trigger, acknowledge, resolve");
        }
        String dedupKey = IngestSupport.text(root, "dedupKey", 255, errors);
        String summary = IngestSupport.text(root, "summary", 1024, errors);
        String severity = IngestSupport.text(root, "severity", 40, errors);
        String source = IngestSupport.text(root, "source", 255, errors);
        if (action.equals("trigger") && (summary == null || summary.isBlank())) {
            errors.add("'summary' is required for trigger");
        }
        if (!action.equals("trigger") && (dedupKey == null || dedupKey.isBlank())) {
            errors.add("'dedupKey' is required for " + action);
        }
        var links = root.get("links");
        if (links != null && !links.isNull() && !links.isArray()) {
            errors.add("'links' must be an array");
        }
        if (!errors.isEmpty()) {
            throw IngestRejection.invalid("Invalid event", errors);
        }
        var route = AlertIngest.Route.of(integration);
        var outcome = switch (action) {
            case "trigger" -> ingest.trigger(route, new Signal("webhook", dedupKey == null || dedupKey.isBlank() ? null
                    : dedupKey, summary.strip(), source, severity, support.json(root.get("details")),
                    links == null || links.isNull() ? null : support.json(links), null));
            case "acknowledge" -> ingest.acknowledge(route, dedupKey, "webhook");
            default -> ingest.resolve(route, dedupKey, "webhook");
        };
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "accepted");
        body.put("result", outcome.result().name().toLowerCase(java.util.Locale.ROOT));
        body.put("dedupKey", outcome.dedupKey());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @RequestMapping(path = "/heartbeats/{token}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> ping(@PathVariable String token) {
        var hb = heartbeats.ping(token).orElseThrow(() -> new IngestRejection(IngestRejection.Kind.NOT_FOUND,
                "No heartbeat with this token", java.util.List.of(), null));
        return ResponseEntity.ok(Map.of("status", "ok", "nextDueAt", hb.dueAt().toString()));
    }

    @ExceptionHandler(IngestRejection.class)
    ResponseEntity<Map<String, Object>> rejected(IngestRejection e) {
        var status = e.status();
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "error");
        body.put("message", e.getMessage());
        body.put("errors", e.errors);
        var response = ResponseEntity.status(status);
        if (e.retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter.toSeconds()));
        }
        return response.body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> failed(Exception e) {
        log.warn("Webhook event not accepted; the sender should retry", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "error", "message", "Temporarily unable to accept events; retry"));
    }
}
