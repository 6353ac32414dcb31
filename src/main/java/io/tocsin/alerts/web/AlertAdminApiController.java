package io.tocsin.alerts.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.internal.AlertRule;
import io.tocsin.alerts.internal.AlertRuleChanges;
import io.tocsin.alerts.internal.AlertRules;
import io.tocsin.alerts.internal.DedupScope;
import io.tocsin.alerts.internal.Heartbeats;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import io.tocsin.alerts.internal.MaintenanceWindows;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Integrations (keys shown once), alert rules, heartbeats and maintenance windows of services. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Alert sources", description = "Integrations, alert rules, heartbeats and maintenance windows")
class AlertAdminApiController {

    private final Integrations integrations;
    private final AlertRules rules;
    private final AlertRuleChanges ruleChanges;
    private final Heartbeats heartbeats;
    private final MaintenanceWindows maintenance;

    AlertAdminApiController(Integrations integrations, AlertRules rules, AlertRuleChanges ruleChanges,
            Heartbeats heartbeats, MaintenanceWindows maintenance) {
        this.integrations = integrations;
        this.rules = rules;
        this.ruleChanges = ruleChanges;
        this.heartbeats = heartbeats;
        this.maintenance = maintenance;
    }

    /**
     * {@code severityMap} maps the source's severity words, Opsgenie priorities or label values to Tocsin's
     * severities for this integration, and {@code missingSeverity} is the severity of an alert that carries none
     * (issue 10). {@code signatureHeader} and {@code timestampHeader} name Grafana's HMAC headers when Grafana was
     * told other names than the defaults. {@code allowedSenders} (e-mail integrations only) are the addresses or
     * {@code @domain}s whose mail is taken; empty or absent: everyone's.
     */
    record IntegrationBody(@NotBlank @Size(max = 200) String name, @NotNull IntegrationKind kind,
            @Size(max = 200) String signingSecret, Integer rateLimitPerMinute,
            Map<String, AlertSeverity> severityMap, AlertSeverity missingSeverity,
            @Size(max = 100) String signatureHeader, @Size(max = 100) String timestampHeader,
            List<String> allowedSenders) {

        Integrations.Draft draft() {
            return new Integrations.Draft(name, kind, signingSecret, rateLimitPerMinute, severityMap, missingSeverity,
                    signatureHeader, timestampHeader, allowedSenders);
        }
    }

    /** {@code key} is only set right after creation or rotation. */
    record IntegrationView(UUID id, UUID serviceId, String name, IntegrationKind kind, String keyHint, String key,
            String ingestPath, boolean signed, Integer rateLimitPerMinute, Map<String, AlertSeverity> severityMap,
            AlertSeverity missingSeverity, String signatureHeader, String timestampHeader, List<String> allowedSenders,
            Instant createdAt, Instant keyRotatedAt) {
        static IntegrationView of(Integration i, String key) {
            return new IntegrationView(i.id(), i.serviceId(), i.name(), i.kind(), i.keyHint(), key, path(i.kind()),
                    i.signingSecret() != null, i.rateLimitPerMinute(), new TreeMap<>(i.severity().words()),
                    i.severity().whenMissing(), i.signatureHeader(), i.timestampHeader(), i.allowedSenders(),
                    i.createdAt(),
                    i.keyRotatedAt());
        }

        private static String path(IntegrationKind kind) {
            return switch (kind) {
                case PAGERDUTY -> "/v2/enqueue";
                case ALERTMANAGER -> "/integrations/alertmanager";
                case OPSGENIE -> "/v2/alerts";
                case GRAFANA -> "/integrations/grafana";
                case WEBHOOK -> "/integrations/webhook";
                case EMAIL -> "mailto:<mailbox>+<key>@<domain>";
            };
        }
    }

    @GetMapping("/services/{serviceId}/integrations")
    List<IntegrationView> integrations(@PathVariable UUID serviceId) {
        return integrations.ofService(serviceId).stream().map(i -> IntegrationView.of(i, null)).toList();
    }

    @PostMapping("/services/{serviceId}/integrations")
    ResponseEntity<IntegrationView> createIntegration(@PathVariable UUID serviceId,
            @Valid @RequestBody IntegrationBody body) {
        var created = integrations.create(serviceId, body.draft());
        return ResponseEntity.status(HttpStatus.CREATED)
                .header("Location", "/api/v1/services/" + serviceId + "/integrations/" + created.integration().id())
                .header("Cache-Control", "no-store")
                .body(IntegrationView.of(created.integration(), created.key()));
    }

    @PutMapping("/services/{serviceId}/integrations/{id}")
    IntegrationView updateIntegration(@PathVariable UUID serviceId, @PathVariable UUID id,
            @Valid @RequestBody IntegrationBody body) {
        return IntegrationView.of(integrations.update(serviceId, id, body.draft()), null);
    }

    @PostMapping("/services/{serviceId}/integrations/{id}/rotate-key")
    ResponseEntity<IntegrationView> rotate(@PathVariable UUID serviceId, @PathVariable UUID id) {
        var rotated = integrations.rotate(serviceId, id);
        return ResponseEntity.ok().header("Cache-Control", "no-store")
                .body(IntegrationView.of(rotated.integration(), rotated.key()));
    }

    @DeleteMapping("/services/{serviceId}/integrations/{id}")
    ResponseEntity<Void> deleteIntegration(@PathVariable UUID serviceId, @PathVariable UUID id) {
        integrations.delete(serviceId, id);
        return ResponseEntity.noContent().build();
    }

    record RuleBody(@NotNull Boolean openOnCritical, @NotNull Integer criticalIncidentSeverity,
            @NotNull Integer thresholdCount, @NotNull Integer thresholdMinutes,
            @NotNull Integer thresholdIncidentSeverity, @NotNull Boolean attachToOpenIncident,
            @NotNull Boolean resolveIncidentWithAlerts, Map<String, AlertSeverity> severityMap,
            DedupScope dedupScope, Long version) {
    }

    @GetMapping("/services/{serviceId}/alert-rules")
    AlertRule rule(@PathVariable UUID serviceId) {
        return rules.of(serviceId);
    }

    @PutMapping("/services/{serviceId}/alert-rules")
    AlertRule updateRule(@PathVariable UUID serviceId, @Valid @RequestBody RuleBody b,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        return ruleChanges.update(new AlertRule(serviceId, b.openOnCritical(), b.criticalIncidentSeverity(),
                b.thresholdCount(), b.thresholdMinutes(), b.thresholdIncidentSeverity(), b.attachToOpenIncident(),
                b.resolveIncidentWithAlerts(), b.severityMap(), b.dedupScope(), 0), b.version(), ifMatch);
    }

    record HeartbeatBody(@NotBlank @Size(max = 200) String name, @NotNull Long intervalSeconds, Long graceSeconds) {
    }

    record HeartbeatView(UUID id, UUID serviceId, String name, long intervalSeconds, long graceSeconds, String state,
            Instant lastPingAt, Instant dueAt, String pingPath) {
        static HeartbeatView of(Heartbeats.Heartbeat h, String token) {
            return new HeartbeatView(h.id(), h.serviceId(), h.name(), h.interval().toSeconds(), h.grace().toSeconds(),
                    h.state().name(), h.lastPingAt(), h.dueAt(), token == null ? null : "/heartbeats/" + token);
        }
    }

    @GetMapping("/services/{serviceId}/heartbeats")
    List<HeartbeatView> heartbeats(@PathVariable UUID serviceId) {
        return heartbeats.ofService(serviceId).stream().map(h -> HeartbeatView.of(h, null)).toList();
    }

    @PostMapping("/services/{serviceId}/heartbeats")
    ResponseEntity<HeartbeatView> createHeartbeat(@PathVariable UUID serviceId, @Valid @RequestBody HeartbeatBody b) {
        var created = heartbeats.create(serviceId, b.name(), Duration.ofSeconds(b.intervalSeconds()),
                Duration.ofSeconds(b.graceSeconds() == null ? 0 : b.graceSeconds()));
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                .body(HeartbeatView.of(created.heartbeat(), created.token()));
    }

    @DeleteMapping("/services/{serviceId}/heartbeats/{id}")
    ResponseEntity<Void> deleteHeartbeat(@PathVariable UUID serviceId, @PathVariable UUID id) {
        heartbeats.delete(serviceId, id);
        return ResponseEntity.noContent().build();
    }

    record WindowBody(@NotNull UUID serviceId, Instant startsAt, Instant endsAt,
            @Positive @Max(MaintenanceWindows.MAX_MINUTES) Long durationMinutes, @Size(max = 1000) String reason) {
    }

    @GetMapping("/maintenance-windows")
    List<MaintenanceWindows.Window> windows(@RequestParam(required = false) UUID serviceId) {
        return maintenance.upcoming(serviceId);
    }

    @PostMapping("/maintenance-windows")
    ResponseEntity<MaintenanceWindows.Window> createWindow(@Valid @RequestBody WindowBody b) {
        var window = maintenance.create(b.serviceId(), b.startsAt(), b.endsAt(),
                b.durationMinutes() == null ? null : Duration.ofMinutes(b.durationMinutes()), b.reason());
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/maintenance-windows/" + window.id())
                .body(window);
    }

    @GetMapping("/maintenance-windows/{id}")
    MaintenanceWindows.Window window(@PathVariable UUID id) {
        return maintenance.get(id);
    }

    @PostMapping("/maintenance-windows/{id}/end")
    MaintenanceWindows.Window endWindow(@PathVariable UUID id) {
        return maintenance.end(id);
    }
}
