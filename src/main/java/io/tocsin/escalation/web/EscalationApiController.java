package io.tocsin.escalation.web;

import io.tocsin.escalation.BusinessHours;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.escalation.internal.BusinessHoursStore;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.escalation.internal.Preview;
import io.tocsin.escalation.internal.Runs;
import io.tocsin.escalation.web.EscalationViews.AlertPreviewView;
import io.tocsin.escalation.web.EscalationViews.AnswerView;
import io.tocsin.escalation.web.EscalationViews.BusinessHoursStateView;
import io.tocsin.escalation.web.EscalationViews.PolicyView;
import io.tocsin.escalation.web.EscalationViews.RunView;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Incidents;
import io.tocsin.notify.SubjectType;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

/** Escalation policies, their assignment to services, business hours, previews and runs (R8, R10, R11, R13). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Escalation", description = "Who is paged when: policies, services' business hours, runs, acknowledge")
class EscalationApiController {

    private final PolicyStore policies;
    private final BusinessHoursStore businessHours;
    private final Preview preview;
    private final Runs runs;
    private final Incidents incidents;
    private final Clock clock;

    EscalationApiController(PolicyStore policies, BusinessHoursStore businessHours, Preview preview, Runs runs,
            Incidents incidents, Clock clock) {
        this.policies = policies;
        this.businessHours = businessHours;
        this.preview = preview;
        this.runs = runs;
        this.incidents = incidents;
        this.clock = clock;
    }

    @GetMapping("/escalation-policies")
    List<PolicyView> policies() {
        return policies.policies().stream().map(p -> PolicyView.of(p, policies.servicesUsing(p.id()))).toList();
    }

    @PostMapping("/escalation-policies")
    ResponseEntity<PolicyView> create(@RequestBody PolicyStore.Draft draft) {
        var p = policies.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/escalation-policies/" + p.id())).body(PolicyView.of(p, List.of()));
    }

    @GetMapping("/escalation-policies/{id}")
    PolicyView policy(@PathVariable UUID id) {
        return PolicyView.of(policies.policy(id), policies.servicesUsing(id));
    }

    @PutMapping("/escalation-policies/{id}")
    PolicyView update(@PathVariable UUID id, @RequestBody PolicyStore.Draft draft,
            @RequestParam(required = false) Long version) {
        return PolicyView.of(policies.update(id, draft, version), policies.servicesUsing(id));
    }

    @DeleteMapping("/escalation-policies/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        policies.delete(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "If this fired now (or at `at`): who would be reached, in which order, when and how (one round)")
    @GetMapping("/escalation-policies/{id}/preview")
    List<Preview.Step> preview(@PathVariable UUID id, @RequestParam(required = false) Instant at) {
        return preview.of(id, at == null ? clock.instant() : at);
    }

    @Operation(summary = "What an alert of `severity` (1 critical .. 4 info, default 1) arriving at `at` (default now)"
            + " on the service would do: the route, the wait for business hours, then who is paged when")
    @GetMapping("/services/{serviceId}/escalation-preview")
    AlertPreviewView alertPreview(@PathVariable UUID serviceId, @RequestParam(required = false) Instant at,
            @RequestParam(defaultValue = "1") @Min(1) @Max(4) int severity) {
        return AlertPreviewView.of(preview.forAlert(serviceId, severity, at == null ? clock.instant() : at));
    }

    record Assignment(UUID policyId) {
    }

    @GetMapping("/services/{serviceId}/escalation-policy")
    PolicyView policyOf(@PathVariable UUID serviceId) {
        var p = policies.policyOf(serviceId)
                .orElseThrow(() -> new NotFoundException("escalation policy of service", serviceId));
        return PolicyView.of(p, policies.servicesUsing(p.id()));
    }

    @PutMapping("/services/{serviceId}/escalation-policy")
    PolicyView assign(@PathVariable UUID serviceId, @RequestBody Assignment body) {
        if (body == null || body.policyId() == null) {
            throw new InvalidInputException("policyId", "must not be null");
        }
        policies.assign(serviceId, body.policyId());
        return policyOf(serviceId);
    }

    @DeleteMapping("/services/{serviceId}/escalation-policy")
    ResponseEntity<Void> unassign(@PathVariable UUID serviceId) {
        policies.unassign(serviceId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Open or closed at `at` (default now), and the next opening and closing after it, in UTC and"
            + " in the service's zone; a service without business hours is always open")
    @GetMapping("/services/{serviceId}/business-hours/state")
    BusinessHoursStateView businessHoursState(@PathVariable UUID serviceId,
            @RequestParam(required = false) Instant at) {
        return BusinessHoursStateView.of(serviceId, businessHours.ofService(serviceId),
                at == null ? clock.instant() : at);
    }

    @GetMapping("/services/{serviceId}/business-hours")
    BusinessHours businessHours(@PathVariable UUID serviceId) {
        return businessHours.of(serviceId).orElseThrow(() -> new NotFoundException("business hours of service", serviceId));
    }

    @PutMapping("/services/{serviceId}/business-hours")
    BusinessHours putBusinessHours(@PathVariable UUID serviceId, @RequestBody BusinessHoursStore.Draft draft) {
        return businessHours.put(serviceId, draft);
    }

    @DeleteMapping("/services/{serviceId}/business-hours")
    ResponseEntity<Void> deleteBusinessHours(@PathVariable UUID serviceId) {
        businessHours.delete(serviceId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Runs of an alert (alertId) or an incident (incident: key or id)")
    @GetMapping("/escalation-runs")
    List<RunView> runs(@RequestParam(required = false) UUID alertId, @RequestParam(required = false) String incident) {
        if (alertId != null) {
            return views(runs.ofSubject(SubjectType.ALERT, alertId.toString()));
        }
        if (incident != null) {
            return views(runs.ofIncident(incidents.get(incident).id()));
        }
        throw new InvalidInputException("alertId", "give alertId or incident");
    }

    @GetMapping("/escalation-runs/{id}")
    RunView run(@PathVariable UUID id) {
        return RunView.of(runs.run(id), runs.pages(id));
    }

    @Operation(summary = "Acknowledge: every run about the same alert or incident stops paging everyone")
    @PostMapping("/escalation-runs/{id}/acknowledge")
    AnswerView acknowledge(@PathVariable UUID id) {
        var outcome = runs.answer(id, false, CurrentActor.get());
        return new AnswerView(outcome.name(), run(id));
    }

    @Operation(summary = "Resolve: every run about the same alert or incident ends")
    @PostMapping("/escalation-runs/{id}/resolve")
    AnswerView resolve(@PathVariable UUID id) {
        var outcome = runs.answer(id, true, CurrentActor.get());
        return new AnswerView(outcome.name(), run(id));
    }

    private List<RunView> views(List<io.tocsin.escalation.internal.Run> list) {
        return list.stream().map(r -> RunView.of(r, runs.pages(r.id()))).toList();
    }
}
