package io.tocsin.alerts.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.Heartbeats;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
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
        var event = IngestRejection.accepted(support.webhook.event(root, integration.severity()), "Invalid event");
        var route = AlertIngest.Route.of(integration);
        var outcome = switch (event.action()) {
            case TRIGGER -> ingest.trigger(route, event.signal());
            case ACKNOWLEDGE -> ingest.acknowledge(route, event.dedupKey(), "webhook");
            case RESOLVE -> ingest.resolve(route, event.dedupKey(), "webhook");
        };
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "accepted");
        body.put("result", outcome.result().name().toLowerCase(Locale.ROOT));
        body.put("dedupKey", outcome.dedupKey());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    @RequestMapping(path = "/heartbeats/{token}", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> ping(@PathVariable String token) {
        var hb = heartbeats.ping(token).orElseThrow(() -> IngestRejection.notFound("No heartbeat with this token"));
        return ResponseEntity.ok(Map.of("status", "ok", "nextDueAt", hb.dueAt().toString()));
    }

    @ExceptionHandler(IngestRejection.class)
    ResponseEntity<Map<String, Object>> rejected(IngestRejection e) {
        var status = e.status();
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "error");
        body.put("message", e.getMessage());
        body.put("errors", e.quotedErrors());
        var response = ResponseEntity.status(status);
        if (e.retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter.toSeconds()));
        }
        return response.body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> failed(Exception e) {
        IngestSupport.logNotAccepted(log, "Webhook event", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "error", "message", "Temporarily unable to accept events; retry"));
    }
}
