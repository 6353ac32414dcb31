package io.tocsin.alerts.web;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.AlertsProperties;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.Members;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Prometheus Alertmanager webhook (version 4) and Grafana unified alerting (version 1, the same group shape).
 * The payload's mapping lives in {@code AlertmanagerFormat}: a group is one alert, members are tracked by
 * fingerprint, the group resolves when the sender says so. Alertmanager treats every 4xx as final, so only what
 * can never be accepted is 4xx; anything that may pass on retry (rate limit, database trouble) is 503.
 */
@Hidden
@RestController
class AlertmanagerController {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerController.class);

    private final IngestSupport support;
    private final Integrations integrations;
    private final AlertIngest ingest;
    private final Members members;
    private final Clock clock;
    private final AlertsProperties properties;

    AlertmanagerController(IngestSupport support, Integrations integrations, AlertIngest ingest, Members members,
            Clock clock, AlertsProperties properties) {
        this.support = support;
        this.integrations = integrations;
        this.ingest = ingest;
        this.members = members;
        this.clock = clock;
        this.properties = properties;
    }

    @RequestMapping(path = "/integrations/alertmanager", method = RequestMethod.POST)
    ResponseEntity<Map<String, Object>> alertmanager(HttpServletRequest request) throws IOException {
        var integration = authenticate(request, IntegrationKind.ALERTMANAGER);
        support.rateLimit(integration);
        return group(integration, support.object(support.body(request)), "alertmanager");
    }

    @RequestMapping(path = "/integrations/grafana", method = {RequestMethod.POST, RequestMethod.PUT})
    ResponseEntity<Map<String, Object>> grafana(HttpServletRequest request) throws IOException {
        var integration = authenticate(request, IntegrationKind.GRAFANA);
        byte[] body = support.body(request);
        if (integration.signingSecret() != null) {
            GrafanaSignature.verify(integration, request::getHeader, body, clock.instant(),
                    properties.getGrafanaReplayWindow());
        }
        support.rateLimit(integration);
        return group(integration, support.object(body), "grafana");
    }

    private Integration authenticate(HttpServletRequest request, IntegrationKind kind) {
        return integrations.authenticate(IngestSupport.webhookKey(request), kind).orElseThrow(() ->
                IngestRejection.unauthorized("Unknown or missing integration key (use ?key=, Bearer or Basic auth)"));
    }

    private ResponseEntity<Map<String, Object>> group(Integration integration, JsonNode root, String origin) {
        var group = IngestRejection.accepted(support.alertmanager.group(root, origin, integration.severity()),
                "Invalid webhook payload");
        var route = AlertIngest.Route.of(integration);
        var outcome = group.firing() ? ingest.trigger(route, group.signal())
                : ingest.resolve(route, group.dedupKey(), origin);
        var alertId = outcome.alertId() != null ? outcome.alertId()
                : ingest.openAlertId(route, group.dedupKey()).orElse(null);
        if (alertId != null) {
            group.members().forEach(m -> members.track(alertId, m));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "success");
        body.put("result", outcome.result().name().toLowerCase(Locale.ROOT));
        body.put("dedupKey", group.dedupKey());
        return ResponseEntity.ok(body);
    }

    @ExceptionHandler(IngestRejection.class)
    ResponseEntity<Map<String, Object>> rejected(IngestRejection e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "error");
        body.put("message", e.getMessage());
        if (!e.errors.isEmpty()) {
            body.put("errors", e.quotedErrors());
        }
        if (e.kind == IngestRejection.Kind.RATE_LIMITED) {
            // 4xx would make Alertmanager drop the notification for good: a rate limit is temporary.
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter.toSeconds())).body(body);
        }
        return ResponseEntity.status(e.status()).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> failed(Exception e) {
        IngestSupport.logNotAccepted(log, "Alertmanager/Grafana webhook", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "error", "message", "Temporarily unable to accept alerts; retry"));
    }
}
