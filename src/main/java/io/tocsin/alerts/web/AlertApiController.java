package io.tocsin.alerts.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.AlertStatus;
import io.tocsin.alerts.internal.Alert;
import io.tocsin.alerts.internal.AlertEventLog;
import io.tocsin.alerts.internal.AlertSources;
import io.tocsin.alerts.internal.Alerts;
import io.tocsin.alerts.internal.Members;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Alerts for people (R4): search and filter, one alert with its history, acknowledge, resolve, promote. */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts", description = "Technical signals from monitoring, separate from incidents")
class AlertApiController {

    private final Alerts alerts;
    private final JsonMapper json;

    AlertApiController(Alerts alerts, JsonMapper json) {
        this.alerts = alerts;
        this.json = json;
    }

    record AlertView(UUID id, UUID serviceId, UUID integrationId, UUID heartbeatId, String origin, String dedupKey,
            AlertStatus status, AlertSeverity severity, String sourceSeverity, String summary, String source,
            JsonNode details, JsonNode links, long eventCount, Instant firstSeenAt, Instant lastSeenAt,
            Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy, UUID incidentId,
            boolean inMaintenance, boolean pages, long version) {
    }

    record AlertDetailView(AlertView alert, List<AlertSources.AlertSource> sources, List<AlertEventLog.Entry> history,
            List<Members.Member> members) {
    }

    @GetMapping
    List<AlertView> list(@RequestParam(required = false) Set<AlertStatus> status,
            @RequestParam(required = false) Set<AlertSeverity> severity,
            @RequestParam(required = false) UUID serviceId, @RequestParam(required = false) UUID incidentId,
            @RequestParam(required = false) String q, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to, @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return alerts.list(new Alerts.Filter(status, severity, serviceId, incidentId, q, from, to, limit, offset))
                .stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    AlertDetailView get(@PathVariable UUID id) {
        return new AlertDetailView(view(alerts.get(id)), alerts.sources(id), alerts.history(id), alerts.members(id));
    }

    @PostMapping("/{id}/acknowledge")
    AlertView acknowledge(@PathVariable UUID id) {
        return view(alerts.acknowledge(id));
    }

    @PostMapping("/{id}/resolve")
    AlertView resolve(@PathVariable UUID id) {
        return view(alerts.resolve(id));
    }

    record PromoteBody(@NotNull @Min(1) @Max(3) Integer severity, @Size(max = 300) String summary) {
    }

    @PostMapping("/{id}/promote")
    ResponseEntity<Map<String, Object>> promote(@PathVariable UUID id,
            @jakarta.validation.Valid @RequestBody PromoteBody body) {
        var incident = alerts.promote(id, body.severity(), body.summary());
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/v1/incidents/" + incident.key())
                .body(Map.of("incidentId", incident.id(), "key", incident.key()));
    }

    private AlertView view(Alert a) {
        return new AlertView(a.id(), a.serviceId(), a.integrationId(), a.heartbeatId(), a.origin(), a.dedupKey(),
                a.status(), a.severity(), a.sourceSeverity(), a.summary(), a.source(), tree(a.details()),
                tree(a.links()), a.eventCount(), a.firstSeenAt(), a.lastSeenAt(), a.acknowledgedAt(),
                a.acknowledgedBy(), a.resolvedAt(), a.resolvedBy(), a.incidentId(), a.inMaintenance(), a.pages(),
                a.version());
    }

    private JsonNode tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
