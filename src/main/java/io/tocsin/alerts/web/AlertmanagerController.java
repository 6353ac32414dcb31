package io.tocsin.alerts.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.Members;
import io.tocsin.alerts.internal.SecretKeys;
import io.tocsin.alerts.internal.Signal;
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
 * A group is one alert, deduplicated by {@code groupKey} (as its SHA-256, the key Alertmanager's own PagerDuty
 * integration uses); member alerts are tracked by fingerprint; the group resolves when the sender says so.
 * Alertmanager treats every 4xx as final, so anything that may pass on retry (rate limit, database trouble) is 503.
 */
@Hidden
@RestController
class AlertmanagerController {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerController.class);
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final IngestSupport support;
    private final Integrations integrations;
    private final AlertIngest ingest;
    private final Members members;

    AlertmanagerController(IngestSupport support, Integrations integrations, AlertIngest ingest, Members members) {
        this.support = support;
        this.integrations = integrations;
        this.ingest = ingest;
        this.members = members;
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
            verifySignature(integration.signingSecret(), request, body);
        }
        support.rateLimit(integration);
        return group(integration, support.object(body), "grafana");
    }

    private Integration authenticate(HttpServletRequest request, IntegrationKind kind) {
        return integrations.authenticate(IngestSupport.webhookKey(request), kind).orElseThrow(() ->
                IngestRejection.unauthorized("Unknown or missing integration key (use ?key=, Bearer or Basic auth)"));
    }

    /** Grafana: hex HMAC-SHA256 of the body, or of {@code "<timestamp>:" + body} when a timestamp is sent. */
    private static void verifySignature(String secret, HttpServletRequest request, byte[] body) {
        String given = request.getHeader("X-Grafana-Alerting-Signature");
        if (given == null) {
            throw IngestRejection.unauthorized("Missing X-Grafana-Alerting-Signature");
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String ts = request.getHeader("X-Grafana-Alerting-Signature-Timestamp");
            if (ts != null) {
                mac.update((ts + ":").getBytes(StandardCharsets.UTF_8));
            }
            byte[] expected = mac.doFinal(body);
            byte[] actual;
            try {
                actual = HexFormat.of().parseHex(given.strip().toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                actual = new byte[0];
            }
            if (!MessageDigest.isEqual(expected, actual)) {
                throw IngestRejection.unauthorized("Signature does not match");
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<Map<String, Object>> group(Integration integration, JsonNode root, String origin) {
        var errors = new ArrayList<String>();
        String groupKey = IngestSupport.text(root, "groupKey", 100_000, errors);
        String status = IngestSupport.text(root, "status", 20, errors);
        var alerts = root.get("alerts");
        if (groupKey == null || groupKey.isBlank()) {
            errors.add("'groupKey' is required");
        }
        if (status == null || !(status.equals("firing") || status.equals("resolved")
                || status.equals("alerting") || status.equals("ok"))) {
            errors.add("'status' must be firing or resolved");
        }
        if (alerts == null || !alerts.isArray()) {
            errors.add("'alerts' must be an array");
        }
        var parsed = new ArrayList<Members.Member>();
        if (errors.isEmpty()) {
            for (var a : alerts) {
                if (!a.isObject()) {
                    errors.add("each of 'alerts' must be an object");
                    break;
                }
                String fp = IngestSupport.text(a, "fingerprint", 64, errors);
                String st = IngestSupport.text(a, "status", 20, errors);
                var labels = a.get("labels");
                String name = labels != null && labels.isObject() ? IngestSupport.text(labels, "alertname", 500, errors)
                        : null;
                var starts = IngestSupport.instant(IngestSupport.text(a, "startsAt", 64, errors), "startsAt", errors);
                String endsText = IngestSupport.text(a, "endsAt", 64, errors);
                var ends = endsText == null || endsText.startsWith("0001-") ? null
                        : IngestSupport.instant(endsText, "endsAt", errors);
                if (fp == null || fp.isBlank() || st == null) {
                    errors.add("each alert needs 'fingerprint' and 'status'");
                    break;
                }
                parsed.add(new Members.Member(fp, st, name == null ? fp : name, starts, ends));
            }
        }
        if (!errors.isEmpty()) {
            throw IngestRejection.invalid("Invalid webhook payload", errors);
        }
        var route = AlertIngest.Route.of(integration);
        String dedupKey = SecretKeys.sha256Hex(groupKey);
        boolean firing = status.equals("firing") || status.equals("alerting");
        AlertIngest.Outcome outcome;
        if (firing) {
            outcome = ingest.trigger(route, signal(root, dedupKey, origin, parsed));
        } else {
            outcome = ingest.resolve(route, dedupKey, origin);
        }
        var alertId = outcome.alertId() != null ? outcome.alertId() : ingest.openAlertId(route, dedupKey).orElse(null);
        if (alertId != null) {
            parsed.forEach(m -> members.track(alertId, m));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "success");
        body.put("result", outcome.result().name().toLowerCase(java.util.Locale.ROOT));
        body.put("dedupKey", dedupKey);
        return ResponseEntity.ok(body);
    }

    private Signal signal(JsonNode root, String dedupKey, String origin, List<Members.Member> parsed) {
        var common = root.get("commonLabels");
        var annotations = root.get("commonAnnotations");
        var group = root.get("groupLabels");
        long firing = parsed.stream().filter(m -> m.status().equals("firing") || m.status().equals("alerting")).count();
        String title = root.has("title") && root.get("title").isString() ? root.get("title").asString() : null;
        String summary = title != null ? title : "[FIRING:" + firing + "] " + labelsText(group)
                + (annotations != null && annotations.get("summary") != null && annotations.get("summary").isString()
                        ? " - " + annotations.get("summary").asString() : "");
        if (summary.length() > 1024) {
            summary = summary.substring(0, 1023) + "…";
        }
        String severity = common != null && common.get("severity") != null && common.get("severity").isString()
                ? common.get("severity").asString() : null;
        var details = new LinkedHashMap<String, Object>();
        for (String f : List.of("receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL",
                "truncatedAlerts", "alerts", "message", "orgId")) {
            if (root.has(f)) {
                details.put(f, root.get(f));
            }
        }
        var links = new ArrayList<Map<String, String>>();
        if (annotations != null && annotations.get("runbook_url") != null && annotations.get("runbook_url").isString()) {
            links.add(Map.of("href", annotations.get("runbook_url").asString(), "text", "Runbook"));
        }
        for (var a : root.get("alerts")) {
            var url = a.get("generatorURL");
            if (url != null && url.isString() && !url.asString().isBlank() && links.size() < 20) {
                links.add(Map.of("href", url.asString(), "text", "Source"));
            }
        }
        String source = root.has("externalURL") && root.get("externalURL").isString()
                ? root.get("externalURL").asString() : origin;
        return new Signal(origin, dedupKey, summary, source, severity, support.json(details),
                links.isEmpty() ? null : support.json(links), null);
    }

    private static String labelsText(JsonNode labels) {
        if (labels == null || !labels.isObject() || labels.isEmpty()) {
            return "alert group";
        }
        var parts = new ArrayList<String>();
        labels.properties().forEach(e -> parts.add(e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        return String.join(" ", parts);
    }

    @ExceptionHandler(IngestRejection.class)
    ResponseEntity<Map<String, Object>> rejected(IngestRejection e) {
        var body = new LinkedHashMap<String, Object>();
        body.put("status", "error");
        body.put("message", e.getMessage());
        if (!e.errors.isEmpty()) {
            body.put("errors", e.errors);
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
        log.warn("Webhook not accepted; the sender will retry", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "error", "message", "Temporarily unable to accept alerts; retry"));
    }
}
