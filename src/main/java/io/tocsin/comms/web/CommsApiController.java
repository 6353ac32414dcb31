package io.tocsin.comms.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.comms.IncidentChannels;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.MessageTemplates;
import io.tocsin.comms.StakeholderLists;
import io.tocsin.comms.Subscriptions;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateDraft;
import io.tocsin.comms.UpdateKind;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.incidents.IncidentRole;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.RoleAssignment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.MailException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Roles, channels, updates, templates, stakeholder lists and subscriptions over REST (R16, R17, R20, R22-R25, R31). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Incident command and communication", description = "Roles and handovers, chat room and topic,"
        + " updates from templates with the completeness checklist, stakeholder lists, subscriptions.")
class CommsApiController {

    private final Incidents incidents;
    private final IncidentRoles roles;
    private final IncidentChannels channels;
    private final IncidentUpdates updates;
    private final MessageTemplates templates;
    private final StakeholderLists lists;
    private final Subscriptions subscriptions;
    private final InternalStatus status;

    CommsApiController(Incidents incidents, IncidentRoles roles, IncidentChannels channels, IncidentUpdates updates,
            MessageTemplates templates, StakeholderLists lists, Subscriptions subscriptions, InternalStatus status) {
        this.incidents = incidents;
        this.roles = roles;
        this.channels = channels;
        this.updates = updates;
        this.templates = templates;
        this.lists = lists;
        this.subscriptions = subscriptions;
        this.status = status;
    }

    // ---- roles (R16, R20, R31)

    record RolesView(List<IncidentRole> roles, List<IncidentRoles.Responder> responders, long fatigueAfterMinutes) {
    }

    record NewRole(String name, String description) {
    }

    @Schema(name = "RoleAssignmentBody")
    record Assign(UUID userId) {
    }

    record HandOver(UUID fromUserId, UUID toUserId) {
    }

    @GetMapping("/incidents/{ref}/roles")
    @Operation(summary = "Roles with their holders and help texts, and every responder with active time (fatigue watch)")
    RolesView roles(@PathVariable String ref) {
        var incident = incidents.get(ref);
        return new RolesView(roles.roles(ref, LocaleContextHolder.getLocale()), roles.responders(incident.id()),
                roles.fatigueAfter().toMinutes());
    }

    @PostMapping("/incidents/{ref}/roles")
    @Operation(summary = "Invent a role for this incident (incident manager)")
    ResponseEntity<IncidentRole> createRole(@PathVariable String ref, @RequestBody NewRole body) {
        var role = roles.createRole(ref, body.name(), body.description());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + ref + "/roles/" + role.code())).body(role);
    }

    @PostMapping("/incidents/{ref}/roles/{code}/assignments")
    @Operation(summary = "Give a role to a person; several people may hold one role")
    ResponseEntity<RoleAssignment> assign(@PathVariable String ref, @PathVariable String code, @RequestBody Assign body) {
        var assignment = roles.assign(ref, code, body.userId());
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + ref + "/assignments/" + assignment.id()))
                .body(assignment);
    }

    @PostMapping("/incidents/{ref}/roles/{code}/handover")
    @Operation(summary = "Move a role from one person to another in one action")
    RoleAssignment handOver(@PathVariable String ref, @PathVariable String code, @RequestBody HandOver body) {
        return roles.handOver(ref, code, body.fromUserId(), body.toUserId());
    }

    @DeleteMapping("/incidents/{ref}/assignments/{id}")
    @Operation(summary = "Release a role assignment")
    RoleAssignment release(@PathVariable String ref, @PathVariable UUID id) {
        return roles.release(ref, id);
    }

    @GetMapping("/incidents/{ref}/assignments")
    @Operation(summary = "Every assignment ever made on the incident, newest first")
    List<RoleAssignment> history(@PathVariable String ref) {
        return roles.history(incidents.get(ref).id());
    }

    // ---- channels (R17)

    @GetMapping("/incidents/{ref}/channels")
    @Operation(summary = "Chat room name, video link, status document and the generated room topic")
    IncidentChannels.Channels channels(@PathVariable String ref) {
        return channels.of(ref);
    }

    // ---- updates (R23, R24, R25)

    record UpdatesView(List<IncidentUpdates.Update> items, Instant nextDueAt) {
    }

    @GetMapping("/incidents/{ref}/updates")
    UpdatesView updates(@PathVariable String ref) {
        var incident = incidents.get(ref);
        return new UpdatesView(updates.of(incident.id()), updates.nextDue(incident.id()).orElse(null));
    }

    @PostMapping("/incidents/{ref}/updates/preview")
    @Operation(summary = "Render an update and run the completeness checklist without sending")
    IncidentUpdates.Preview preview(@PathVariable String ref, @RequestBody UpdateDraft draft) {
        return updates.preview(ref, draft);
    }

    @PostMapping("/incidents/{ref}/updates")
    @Operation(summary = "Send an update: checklist gaps are refused unless acknowledgeGaps is true; internal"
            + " updates are e-mailed to stakeholders and subscribers")
    ResponseEntity<IncidentUpdates.Update> post(@PathVariable String ref, @RequestBody UpdateDraft draft) {
        var update = updates.post(ref, draft);
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + ref + "/updates/" + update.id())).body(update);
    }

    // ---- templates

    record TemplateText(String title, String body) {
    }

    @GetMapping("/comms/templates")
    List<MessageTemplates.Template> templates() {
        return templates.all();
    }

    @GetMapping("/comms/templates/{audience}/{kind}/{language}")
    MessageTemplates.Template template(@PathVariable UpdateAudience audience, @PathVariable UpdateKind kind,
            @PathVariable String language) {
        return templates.get(audience, kind, language);
    }

    @PutMapping("/comms/templates/{audience}/{kind}/{language}")
    @Operation(summary = "The organisation's own wording (administrators); Thymeleaf TEXT syntax, e.g. [(${service})]")
    MessageTemplates.Template saveTemplate(@PathVariable UpdateAudience audience, @PathVariable UpdateKind kind,
            @PathVariable String language, @RequestBody TemplateText body) {
        return templates.save(audience, kind, language, body.title(), body.body());
    }

    @DeleteMapping("/comms/templates/{audience}/{kind}/{language}")
    @Operation(summary = "Back to the built-in text (administrators)")
    MessageTemplates.Template resetTemplate(@PathVariable UpdateAudience audience, @PathVariable UpdateKind kind,
            @PathVariable String language) {
        return templates.reset(audience, kind, language);
    }

    // ---- stakeholder lists and subscriptions (R24)

    record ListBody(String name, UUID serviceId, List<StakeholderLists.Member> members) {
    }

    @GetMapping("/stakeholder-lists")
    List<StakeholderLists.StakeholderList> lists() {
        return lists.all();
    }

    @GetMapping("/stakeholder-lists/{id}")
    StakeholderLists.StakeholderList list(@PathVariable UUID id) {
        return lists.get(id);
    }

    @PostMapping("/stakeholder-lists")
    @Operation(summary = "A distribution list of people and plain addresses, for a service or (no serviceId) everyone")
    ResponseEntity<StakeholderLists.StakeholderList> createList(@RequestBody ListBody body) {
        var list = lists.create(body.name(), body.serviceId(), body.members());
        return ResponseEntity.created(URI.create("/api/v1/stakeholder-lists/" + list.id())).body(list);
    }

    @PutMapping("/stakeholder-lists/{id}")
    StakeholderLists.StakeholderList replaceList(@PathVariable UUID id, @RequestBody ListBody body) {
        return lists.replace(id, body.name(), body.serviceId(), body.members());
    }

    @DeleteMapping("/stakeholder-lists/{id}")
    ResponseEntity<Void> deleteList(@PathVariable UUID id) {
        lists.delete(id);
        return ResponseEntity.noContent().build();
    }

    record Subscribe(@NotNull UUID serviceId) {
    }

    @GetMapping("/me/subscriptions")
    @Operation(summary = "The services whose internal updates you get by e-mail")
    List<UUID> mySubscriptions() {
        return subscriptions.servicesOf(me());
    }

    @PostMapping("/me/subscriptions")
    ResponseEntity<Map<String, Object>> subscribe(@Valid @RequestBody Subscribe body) {
        subscriptions.subscribe(me(), body.serviceId());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("serviceId", body.serviceId()));
    }

    @DeleteMapping("/me/subscriptions/{serviceId}")
    ResponseEntity<Void> unsubscribe(@PathVariable UUID serviceId) {
        subscriptions.unsubscribe(me(), serviceId);
        return ResponseEntity.noContent().build();
    }

    // ---- internal status page (R22)

    @GetMapping("/status/internal")
    @Operation(summary = "Ongoing incidents for employees: status, severity, services, products, latest internal update, room")
    List<InternalStatus.Row> internalStatus() {
        return status.rows(LocaleContextHolder.getLocale());
    }

    @ExceptionHandler(MailException.class)
    ResponseEntity<ProblemDetail> mailFailed(MailException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "the mail server refused the message; the update was not stored: " + e.getMostSpecificCause().getMessage());
        problem.setTitle("Mail server unavailable");
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
    }

    private static UUID me() {
        return CurrentActor.principal().map(TocsinPrincipal::userId).orElseThrow();
    }

    static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
