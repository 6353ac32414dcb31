package io.tocsin.incidents.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.incidents.CleanupTask;
import io.tocsin.incidents.CleanupTaskStatus;
import io.tocsin.incidents.IncidentLinks;
import io.tocsin.incidents.IncidentMetrics;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.SupportTicket;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineEntry;
import io.tocsin.incidents.TimelineEntryKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Incident timeline, links and metrics")
class IncidentDetailsApiController {

    private final Incidents incidents;
    private final Timeline timeline;
    private final IncidentLinks links;
    private final IncidentMetrics metrics;

    private static final Duration DEFAULT_METRICS_PERIOD = Duration.ofDays(30);
    private final Clock clock;

    IncidentDetailsApiController(Incidents incidents, Timeline timeline, IncidentLinks links, IncidentMetrics metrics,
            Clock clock) {
        this.clock = clock;
        this.incidents = incidents;
        this.timeline = timeline;
        this.links = links;
        this.metrics = metrics;
    }

    record EntryView(long id, Instant occurredAt, Instant recordedAt, UUID actorId, String actorName,
            TimelineEntryKind kind, String event, List<Map<String, Object>> args, String text, String outcome, String rollbackPlan,
            Long correctsEntryId) {
    }

    @GetMapping("/incidents/{ref}/timeline")
    @Operation(summary = "The timeline, newest first; system entries rendered in your language")
    List<EntryView> timeline(@PathVariable String ref, Locale locale) {
        var incident = incidents.get(ref);
        return timeline.of(incident.id()).stream().map(e -> view(e, locale)).toList();
    }

    record NewEntry(@NotNull TimelineEntryKind kind, @NotBlank @Size(max = Timeline.MAX_BODY) String body,
            @Size(max = 8000) String outcome, @Size(max = 8000) String rollbackPlan, Instant occurredAt,
            Long correctsEntryId) {
    }

    @PostMapping("/incidents/{ref}/timeline")
    @Operation(summary = "Add an observation, theory, experiment, decision, change (with rollback) or note."
            + " Entries are append-only; to correct one, add a new entry with correctsEntryId.")
    ResponseEntity<EntryView> add(@PathVariable String ref, @Valid @RequestBody NewEntry body, Locale locale) {
        var incident = incidents.get(ref);
        var entry = timeline.add(incident, new Timeline.Note(body.kind(), body.body(), body.outcome(),
                body.rollbackPlan(), body.occurredAt(), body.correctsEntryId()));
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + incident.key() + "/timeline/" + entry.id()))
                .body(view(entry, locale));
    }

    @GetMapping("/incidents/{ref}/timeline/{entryId}")
    EntryView entry(@PathVariable String ref, @PathVariable long entryId, Locale locale) {
        return view(timeline.entry(incidents.get(ref).id(), entryId), locale);
    }

    record TicketBody(@NotBlank @Size(max = 100) String system, @NotBlank @Size(max = 200) String externalId,
            @Size(max = 300) String customer, @Size(max = 2000) String url) {
    }

    record Tickets(long count, List<SupportTicket> items) {
    }

    @GetMapping("/incidents/{ref}/tickets")
    Tickets tickets(@PathVariable String ref) {
        var list = links.tickets(incidents.get(ref).id());
        return new Tickets(list.size(), list);
    }

    @PostMapping("/incidents/{ref}/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Link a customer support ticket (R7)")
    SupportTicket linkTicket(@PathVariable String ref, @Valid @RequestBody TicketBody body) {
        return links.linkTicket(incidents.get(ref), body.system(), body.externalId(), body.customer(), body.url());
    }

    @DeleteMapping("/incidents/{ref}/tickets/{ticketId}")
    ResponseEntity<Void> unlinkTicket(@PathVariable String ref, @PathVariable UUID ticketId) {
        links.unlinkTicket(incidents.get(ref), ticketId);
        return ResponseEntity.noContent().build();
    }

    record TaskBody(@Size(min = 1, max = 500) String title, UUID ownerId, LocalDate dueDate, CleanupTaskStatus status,
            Long version) {
    }

    @GetMapping("/incidents/{ref}/cleanup-tasks")
    List<CleanupTask> tasks(@PathVariable String ref) {
        return links.tasks(incidents.get(ref).id());
    }

    @PostMapping("/incidents/{ref}/cleanup-tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a clean-up task with owner and due date (R27)")
    CleanupTask addTask(@PathVariable String ref, @Valid @RequestBody TaskBody body) {
        return links.addTask(incidents.get(ref),
                new IncidentLinks.TaskDraft(body.title(), body.ownerId(), body.dueDate(), body.status()));
    }

    @PatchMapping("/incidents/{ref}/cleanup-tasks/{taskId}")
    CleanupTask updateTask(@PathVariable String ref, @PathVariable UUID taskId, @Valid @RequestBody TaskBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return links.updateTask(incidents.get(ref), taskId,
                new IncidentLinks.TaskDraft(body.title(), body.ownerId(), body.dueDate(), body.status()), ifMatch,
                body.version());
    }

    @GetMapping("/metrics/incidents")
    @Operation(summary = "TTD and TTR of the incidents declared in [from, to), with their distributions (R26); "
            + "to defaults to now, from to 30 days before to")
    IncidentMetrics.Report metrics(@RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) Set<Integer> severity, @RequestParam(required = false) UUID serviceId) {
        var end = to == null ? clock.instant() : to;
        return metrics.report(from == null ? end.minus(DEFAULT_METRICS_PERIOD) : from, end, severity, serviceId);
    }

    private EntryView view(TimelineEntry e, Locale locale) {
        return new EntryView(e.id(), e.occurredAt(), e.recordedAt(), e.actorId(), e.actorName(), e.kind(), e.event(),
                Timeline.argsForApi(e), timeline.text(e, locale), e.outcome(), e.rollbackPlan(), e.correctsEntryId());
    }
}
