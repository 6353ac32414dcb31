package io.tocsin.statuspage.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.incidents.Incidents;
import io.tocsin.statuspage.ComponentStatus;
import io.tocsin.statuspage.PublicIncidents;
import io.tocsin.statuspage.StatusPages;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Status pages over REST (issue 11): pages, groups and components (administrators), component states, public
 * incidents and maintenances and their updates (responders). The public reads are not here: they are the
 * Statuspage v2 documents under {@code /status/{slug}/api/v2/}.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Status pages", description = "Public and private status pages: components, public incidents,"
        + " maintenances. The public Statuspage-compatible JSON is under /status/{slug}/api/v2/.")
class StatusPageApiController {

    private final StatusPages pages;
    private final PublicIncidents publicIncidents;
    private final Incidents incidents;

    private final java.time.Clock clock;

    StatusPageApiController(StatusPages pages, PublicIncidents publicIncidents, Incidents incidents,
            java.time.Clock clock) {
        this.clock = clock;
        this.pages = pages;
        this.publicIncidents = publicIncidents;
        this.incidents = incidents;
    }

    record StatusChange(ComponentStatus status, String cause) {
    }

    @GetMapping("/status-pages")
    @Operation(summary = "Every status page")
    List<StatusPages.Page> pages() {
        return pages.pages();
    }

    @PostMapping("/status-pages")
    @Operation(summary = "Create a status page (administrators)")
    ResponseEntity<StatusPages.Page> create(@RequestBody StatusPages.PageDraft body) {
        var page = pages.create(body);
        return ResponseEntity.created(URI.create("/api/v1/status-pages/" + page.id())).body(page);
    }

    @GetMapping("/status-pages/{id}")
    @Operation(summary = "One status page")
    StatusPages.Page page(@PathVariable UUID id) {
        return pages.page(id);
    }

    @PutMapping("/status-pages/{id}")
    @Operation(summary = "Change a status page's settings (administrators)")
    StatusPages.Page update(@PathVariable UUID id, @RequestBody StatusPages.PageDraft body) {
        return pages.update(id, body);
    }

    @GetMapping("/status-pages/{id}/groups")
    @Operation(summary = "The page's component groups, in order")
    List<StatusPages.Group> groups(@PathVariable UUID id) {
        return pages.groups(id);
    }

    @PostMapping("/status-pages/{id}/groups")
    @Operation(summary = "Add a component group (administrators)")
    ResponseEntity<StatusPages.Group> createGroup(@PathVariable UUID id, @RequestBody StatusPages.GroupDraft body) {
        var group = pages.createGroup(id, body);
        return ResponseEntity.created(URI.create("/api/v1/status-pages/" + id + "/groups/" + group.id())).body(group);
    }

    @PutMapping("/status-pages/{id}/groups/{groupId}")
    @Operation(summary = "Rename or move a component group (administrators)")
    StatusPages.Group updateGroup(@PathVariable UUID id, @PathVariable UUID groupId,
            @RequestBody StatusPages.GroupDraft body) {
        return pages.updateGroup(id, groupId, body);
    }

    @DeleteMapping("/status-pages/{id}/groups/{groupId}")
    @Operation(summary = "Remove a group; its components stay, ungrouped (administrators)")
    ResponseEntity<Void> deleteGroup(@PathVariable UUID id, @PathVariable UUID groupId) {
        pages.deleteGroup(id, groupId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/status-pages/{id}/components")
    @Operation(summary = "The page's components, in order, with their states and services")
    List<StatusPages.Component> components(@PathVariable UUID id) {
        return pages.components(id);
    }

    @PostMapping("/status-pages/{id}/components")
    @Operation(summary = "Add a component, optionally linked to catalog services (administrators)")
    ResponseEntity<StatusPages.Component> createComponent(@PathVariable UUID id,
            @RequestBody StatusPages.ComponentDraft body) {
        var component = pages.createComponent(id, body);
        return ResponseEntity.created(URI.create("/api/v1/status-pages/" + id + "/components/" + component.id()))
                .body(component);
    }

    @PutMapping("/status-pages/{id}/components/{componentId}")
    @Operation(summary = "Change a component (administrators)")
    StatusPages.Component updateComponent(@PathVariable UUID id, @PathVariable UUID componentId,
            @RequestBody StatusPages.ComponentDraft body) {
        return pages.updateComponent(id, componentId, body);
    }

    @DeleteMapping("/status-pages/{id}/components/{componentId}")
    @Operation(summary = "Remove a component no incident names (administrators)")
    ResponseEntity<Void> deleteComponent(@PathVariable UUID id, @PathVariable UUID componentId) {
        pages.deleteComponent(id, componentId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/status-pages/{id}/components/{componentId}/status")
    @Operation(summary = "Set a component's state by hand; status null hands it back to its services' incidents")
    StatusPages.Component setStatus(@PathVariable UUID id, @PathVariable UUID componentId,
            @RequestBody StatusChange body) {
        return pages.setStatus(id, componentId, body == null ? null : body.status(), body == null ? null : body.cause());
    }

    @GetMapping("/status-pages/{id}/components/{componentId}/history")
    @Operation(summary = "Every change of the component's state in the last 90 days, with time and cause")
    List<StatusPages.Change> history(@PathVariable UUID id, @PathVariable UUID componentId) {
        pages.component(id, componentId);
        return pages.history(componentId, clock.instant().minus(java.time.Duration.ofDays(90)));
    }

    @GetMapping("/status-pages/{id}/incidents")
    @Operation(summary = "The page's public incidents and maintenances, newest first")
    List<PublicIncidents.PublicIncident> publicIncidents(@PathVariable UUID id) {
        return publicIncidents.ofPage(id);
    }

    @PostMapping("/status-pages/{id}/incidents")
    @Operation(summary = "Publish a public incident about Tocsin incidents, or a scheduled maintenance")
    ResponseEntity<PublicIncidents.PublicIncident> publish(@PathVariable UUID id,
            @RequestBody PublicIncidents.Publication body) {
        var published = publicIncidents.publish(id, body);
        return ResponseEntity.created(URI.create("/api/v1/status-pages/" + id + "/public-incidents/" + published.id()))
                .body(published);
    }

    @GetMapping("/status-pages/{id}/public-incidents/{publicIncidentId}")
    @Operation(summary = "One public incident or maintenance with every update")
    PublicIncidents.PublicIncident publicIncident(@PathVariable UUID id, @PathVariable UUID publicIncidentId) {
        var found = publicIncidents.get(publicIncidentId);
        if (!found.pageId().equals(id)) {
            throw new io.tocsin.shared.NotFoundException("public incident", publicIncidentId);
        }
        return found;
    }

    @PostMapping("/status-pages/{id}/public-incidents/{publicIncidentId}/updates")
    @Operation(summary = "Append an update; resolved or completed ends it and puts its components back")
    PublicIncidents.PublicIncident update(@PathVariable UUID id, @PathVariable UUID publicIncidentId,
            @RequestBody PublicIncidents.Next body) {
        return publicIncidents.update(id, publicIncidentId, body);
    }

    @PatchMapping("/status-pages/{id}/public-incidents/{publicIncidentId}")
    @Operation(summary = "Move a scheduled maintenance that is not over; its timers and the alerts maintenance"
            + " windows it owns move with it")
    PublicIncidents.PublicIncident reschedule(@PathVariable UUID id, @PathVariable UUID publicIncidentId,
            @RequestBody PublicIncidents.Schedule body) {
        return publicIncidents.reschedule(id, publicIncidentId, body);
    }

    @Schema(name = "MaintenanceCancellation")
    record Cancellation(@Schema(description = "The public text; the page language's standard text when empty")
            String body) {
    }

    @PostMapping("/status-pages/{id}/public-incidents/{publicIncidentId}/cancel")
    @Operation(summary = "Cancel a scheduled maintenance: completed with the text, components back, the alerts"
            + " maintenance windows it owns ended (paging resumes)")
    PublicIncidents.PublicIncident cancel(@PathVariable UUID id, @PathVariable UUID publicIncidentId,
            @RequestBody(required = false) Cancellation body) {
        return publicIncidents.cancel(id, publicIncidentId, body == null ? null : body.body());
    }

    @GetMapping("/incidents/{ref}/status-page-draft")
    @Operation(summary = "The external template's text for this incident, as a draft for publishing")
    PublicIncidents.UpdateDraftText draft(@PathVariable String ref,
            @RequestParam(defaultValue = "en") String language, @RequestParam(defaultValue = "false") boolean fin) {
        return publicIncidents.draft(ref, language, fin);
    }

    @GetMapping("/incidents/{ref}/public-incidents")
    @Operation(summary = "The public incidents this incident feeds")
    List<PublicIncidents.PublicIncident> ofIncident(@PathVariable String ref) {
        return publicIncidents.ofIncident(incidents.get(ref).id());
    }
}
