package io.tocsin.sla.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.incidents.Priority;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.sla.SlaCompliance;
import io.tocsin.sla.internal.SlaPolicies;
import io.tocsin.sla.internal.SlaPolicy;
import io.tocsin.sla.internal.SlaWatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

/** SLA policies, an incident's SLA clocks and pauses, and SLA compliance (issue 16, R30). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "SLA", description = "Agreed times to acknowledge and resolve: policies, live clocks, pauses, compliance")
class SlaApiController {

    private final SlaPolicies policies;
    private final SlaWatch watch;
    private final SlaCompliance compliance;

    SlaApiController(SlaPolicies policies, SlaWatch watch, SlaCompliance compliance) {
        this.policies = policies;
        this.watch = watch;
        this.compliance = compliance;
    }

    @GetMapping("/sla/policies")
    List<SlaPolicy> policies() {
        return policies.all();
    }

    @GetMapping("/sla/policies/{id}")
    SlaPolicy policy(@PathVariable UUID id) {
        return policies.get(id);
    }

    @PostMapping("/sla/policies")
    ResponseEntity<SlaPolicy> create(@RequestBody SlaPolicies.Draft draft) {
        var p = policies.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/sla/policies/" + p.id())).body(p);
    }

    @PutMapping("/sla/policies/{id}")
    SlaPolicy update(@PathVariable UUID id, @RequestBody SlaPolicies.Draft draft) {
        return policies.update(id, draft);
    }

    @DeleteMapping("/sla/policies/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/incidents/{ref}/sla")
    @Operation(summary = "The incident's SLA clocks (elapsed, remaining, paused) and pauses")
    SlaWatch.IncidentSla sla(@PathVariable String ref) {
        return watch.of(ref);
    }

    /** {@code waitingOn}: CUSTOMER or SUPPLIER; {@code reason}: what the incident waits for. */
    record PauseRequest(String waitingOn, String reason) {
    }

    @PostMapping("/incidents/{ref}/sla/pause")
    @Operation(summary = "Pause the incident's SLA clocks while it waits on the customer or a supplier")
    SlaWatch.PauseView pause(@PathVariable String ref, @RequestBody PauseRequest body) {
        return watch.pause(ref, body.waitingOn(), body.reason());
    }

    @PostMapping("/incidents/{ref}/sla/resume")
    @Operation(summary = "Resume the incident's SLA clocks")
    SlaWatch.PauseView resume(@PathVariable String ref) {
        return watch.resume(ref);
    }

    @GetMapping(value = "/sla/compliance", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "SLA compliance per priority, service and metric, with the breached incidents;"
            + " CSV with format=csv or Accept: text/csv. from/to: dates (UTC) or instants; to is exclusive")
    ResponseEntity<?> compliance(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) UUID teamId, @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) Integer severity, @RequestParam(required = false) String priority,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        var report = compliance.compute(filter(from, to, teamId, serviceId, severity, priority));
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv")
                && !accept.contains("application/json"));
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"sla-compliance.csv\"")
                .body(SlaCsv.of(report));
    }

    static SlaCompliance.Filter filter(String from, String to, UUID teamId, UUID serviceId, Integer severity,
            String priority) {
        Priority p = null;
        if (priority != null && !priority.isBlank()) {
            try {
                p = Priority.valueOf(priority.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("priority", "must be one of P1, P2, P3, P4, P5");
            }
        }
        return new SlaCompliance.Filter(instant(from, "from", false), instant(to, "to", true), teamId, serviceId, severity, p);
    }

    /** A date (its start in UTC; for {@code to}, the day after, so the day is included) or an instant. */
    static Instant instant(String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "give a date (2026-03-01) or an instant (2026-03-01T00:00:00Z)");
        }
        try {
            if (value.strip().length() == 10) {
                var date = LocalDate.parse(value.strip());
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is neither a date (2026-03-01) nor an instant"
                    + " (2026-03-01T00:00:00Z)");
        }
    }

    static String minutes(Duration d) {
        return d == null ? "" : Long.toString(d.toMinutes());
    }
}
