package io.tocsin.incidents.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.AffectedScope;
import io.tocsin.incidents.Assessment;
import io.tocsin.incidents.ChangeCorrelation;
import io.tocsin.incidents.Impact;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.IncidentSettings;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.IncidentSummary;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Incidents.Expect;
import io.tocsin.incidents.OtherFactor;
import io.tocsin.incidents.Priority;
import io.tocsin.incidents.SeverityScale;
import io.tocsin.incidents.Urgency;
import io.tocsin.shared.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Incidents", description = "Declare incidents and move them through New, Fixing, Resolved, Closed."
        + " An incident is addressed by its key (INC-42) or its id.")
class IncidentApiController {

    private final Incidents incidents;
    private final IncidentViews views;
    private final IncidentSettings settings;
    private final SeverityScale severities;

    IncidentApiController(Incidents incidents, IncidentViews views, IncidentSettings settings,
            SeverityScale severities) {
        this.incidents = incidents;
        this.views = views;
        this.settings = settings;
        this.severities = severities;
    }

    record Declare(@NotBlank @Size(max = Incident.MAX_SUMMARY) String summary,
            @Size(max = Incident.MAX_DESCRIPTION) String description, @Size(max = 500) String reporterContact,
            @NotNull @Min(1) @Max(3) Integer severity, UUID serviceId, Set<UUID> productIds, Urgency urgency,
            Impact impact, @Size(max = 100) String category, Instant impactStartedAt, Instant detectedAt) {
    }

    record Page(List<IncidentSummary> items, long total, int limit, int offset) {
    }

    @GetMapping("/incidents")
    @Operation(summary = "List incidents: open first, major before minor, oldest first")
    Page list(@RequestParam(required = false) Set<IncidentStatus> status,
            @RequestParam(required = false) Set<Integer> severity, @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) String q, @RequestParam(required = false) Instant declaredFrom,
            @RequestParam(required = false) Instant declaredTo, @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset) {
        var filter = new IncidentFilter(status, severity, serviceId, q, declaredFrom, declaredTo, limit, offset);
        return new Page(incidents.list(filter), incidents.count(filter), limit, offset);
    }

    @PostMapping("/incidents")
    @Operation(summary = "Declare an incident (anyone signed in may, R3)")
    ResponseEntity<IncidentView> declare(@Valid @RequestBody Declare body, Locale locale) {
        var incident = incidents.declare(new Incident.Declaration(body.summary(), body.description(),
                body.reporterContact(), body.severity(), body.serviceId(), body.productIds(), body.urgency(),
                body.impact(), body.category(), "manual", body.impactStartedAt(), body.detectedAt()));
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.key()))
                .eTag(Versions.etag(incident.version())).body(views.of(incident, locale));
    }

    @GetMapping("/incidents/{ref}")
    ResponseEntity<IncidentView> get(@PathVariable String ref, Locale locale) {
        return ok(incidents.get(ref), locale);
    }

    record Edit(@Size(min = 1, max = Incident.MAX_SUMMARY) String summary,
            @Size(max = Incident.MAX_DESCRIPTION) String description, @Size(max = 500) String reporterContact,
            @Min(1) @Max(3) Integer severity, @Size(max = 1000) String severityReason, UUID serviceId,
            Set<UUID> productIds, Urgency urgency, Impact impact, @Size(max = 100) String category, Long version) {
    }

    @PatchMapping("/incidents/{ref}")
    @Operation(summary = "Change fields; a severity change after assessment needs severityReason")
    ResponseEntity<IncidentView> edit(@PathVariable String ref, @Valid @RequestBody Edit body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Locale locale) {
        var incident = incidents.update(ref, new Incident.Edit(body.summary(), body.description(),
                body.reporterContact(), body.serviceId(), body.productIds(), body.urgency(), body.impact(),
                body.category()), body.severity(), body.severityReason(), new Expect(ifMatch, body.version()));
        return ok(incident, locale);
    }

    @Schema(name = "ManagerAssignmentBody")
    record Assign(UUID userId, Long version) {
    }

    @PostMapping("/incidents/{ref}/assign")
    @Operation(summary = "Take the incident as incident manager (no userId: yourself); from New it moves to Fixing")
    ResponseEntity<IncidentView> assign(@PathVariable String ref, @RequestBody(required = false) Assign body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Locale locale) {
        UUID userId = body != null && body.userId() != null ? body.userId()
                : CurrentActor.principal().orElseThrow().userId();
        return ok(incidents.assignManager(ref, userId, new Expect(ifMatch, body == null ? null : body.version())),
                locale);
    }

    record Transition(Instant resolvedAt, @Size(max = 1000) String reason, Long version) {
    }

    @PostMapping("/incidents/{ref}/resolve")
    ResponseEntity<IncidentView> resolve(@PathVariable String ref, @Valid @RequestBody(required = false) Transition body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Locale locale) {
        var t = body == null ? new Transition(null, null, null) : body;
        return ok(incidents.resolve(ref, t.resolvedAt(), t.reason(), new Expect(ifMatch, t.version())), locale);
    }

    @PostMapping("/incidents/{ref}/reopen")
    ResponseEntity<IncidentView> reopen(@PathVariable String ref, @Valid @RequestBody(required = false) Transition body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Locale locale) {
        var t = body == null ? new Transition(null, null, null) : body;
        return ok(incidents.reopen(ref, t.reason(), new Expect(ifMatch, t.version())), locale);
    }

    @PostMapping("/incidents/{ref}/close")
    ResponseEntity<IncidentView> close(@PathVariable String ref, @Valid @RequestBody(required = false) Transition body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Locale locale) {
        var t = body == null ? new Transition(null, null, null) : body;
        return ok(incidents.close(ref, t.reason(), new Expect(ifMatch, t.version())), locale);
    }

    record AssessmentBody(@Size(max = 4000) String customerImpact, @Size(max = 4000) String customersSee,
            AffectedScope affectedScope, @PositiveOrZero Integer affectedCount, Instant startedAt,
            @PositiveOrZero Integer supportTicketCount, Set<OtherFactor> otherFactors,
            @Size(max = 4000) String otherFactorsNote, ChangeCorrelation changeCorrelation,
            @Size(max = 1000) String changeReference, Long version) {
    }

    @PutMapping("/incidents/{ref}/assessment")
    @Operation(summary = "Record the answers to the assessment questions (R18)")
    ResponseEntity<IncidentView> assess(@PathVariable String ref, @Valid @RequestBody AssessmentBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Locale locale) {
        var answers = new Assessment(body.customerImpact(), body.customersSee(), body.affectedScope(),
                body.affectedCount(), body.supportTicketCount(),
                body.otherFactors() == null ? null : String.join(",", body.otherFactors().stream().sorted().map(Enum::name).toList()),
                body.otherFactorsNote(), body.changeCorrelation(), body.changeReference(), null, null);
        return ok(incidents.assess(ref, answers, body.startedAt(), new Expect(ifMatch, body.version())), locale);
    }

    record Times(Instant impactStartedAt, Instant detectedAt, Instant resolvedAt,
            @NotBlank @Size(max = 1000) String reason, Long version) {
    }

    @PutMapping("/incidents/{ref}/times")
    @Operation(summary = "Correct impact-start, detection or resolution time, with a reason (R26)")
    ResponseEntity<IncidentView> times(@PathVariable String ref, @Valid @RequestBody Times body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Locale locale) {
        return ok(incidents.correctTimes(ref, body.impactStartedAt(), body.detectedAt(), body.resolvedAt(),
                body.reason(), new Expect(ifMatch, body.version())), locale);
    }

    record SettingsView(String keyPrefix, List<SeverityScale.Level> severities, List<String> categories,
            java.util.Map<Impact, List<Priority>> priorityMatrix) {
    }

    @GetMapping("/incident-settings")
    @Operation(summary = "Severity scale with help texts, categories and the priority matrix")
    SettingsView settings(Locale locale) {
        return new SettingsView(settings.getKeyPrefix(), severities.levels(locale), settings.getCategories(),
                settings.matrix().rows());
    }

    private ResponseEntity<IncidentView> ok(Incident incident, Locale locale) {
        return ResponseEntity.ok().eTag(Versions.etag(incident.version())).body(views.of(incident, locale));
    }
}
