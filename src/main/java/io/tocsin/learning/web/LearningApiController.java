package io.tocsin.learning.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Priority;
import io.tocsin.learning.ActionItem;
import io.tocsin.learning.ActionItemKind;
import io.tocsin.learning.ActionItemStatus;
import io.tocsin.learning.ActionItems;
import io.tocsin.learning.KeyMoment;
import io.tocsin.learning.Postmortem;
import io.tocsin.learning.PostmortemExport;
import io.tocsin.learning.Postmortems;
import io.tocsin.learning.Problem;
import io.tocsin.learning.ProblemStatus;
import io.tocsin.learning.Problems;
import io.tocsin.learning.ReviewDecision;
import io.tocsin.learning.internal.PostmortemPdf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Postmortems, action items and problems over REST (R28, R29; issue 12). Reading needs a signed-in user; every
 * change needs the responder role (the permission matrix in identity's security configuration); a review decision
 * is the named reviewers' alone.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Learning", description = "Blameless postmortems with an imported timeline, review and export;"
        + " action items with reminders and Jira; problems and known errors.")
class LearningApiController {

    private final Postmortems postmortems;
    private final PostmortemExport export;
    private final ActionItems items;
    private final Problems problems;
    private final LearningViews views;

    LearningApiController(Postmortems postmortems, PostmortemExport export, ActionItems items, Problems problems,
            LearningViews views) {
        this.postmortems = postmortems;
        this.export = export;
        this.items = items;
        this.problems = problems;
        this.views = views;
    }

    // ---- postmortems (R28)

    @Schema(name = "PostmortemPlan")
    record PlanBody(UUID ownerId, LocalDate dueOn, @Size(max = 20) List<UUID> reviewerIds,
            @Size(max = 8) String language, Long version) {
    }

    @GetMapping("/incidents/{ref}/postmortem")
    @Operation(summary = "The incident's postmortem: sections, its own timeline, reviewers, revisions, key figures")
    LearningViews.PostmortemView postmortem(@PathVariable String ref) {
        return views.of(postmortems.get(ref));
    }

    @PostMapping("/incidents/{ref}/postmortem")
    @Operation(summary = "Draft the postmortem by hand (a significant incident gets one when it resolves)")
    ResponseEntity<LearningViews.PostmortemView> create(@PathVariable String ref,
            @Valid @RequestBody(required = false) PlanBody body) {
        var b = body == null ? new PlanBody(null, null, null, null, null) : body;
        var p = postmortems.create(ref, new Postmortems.Plan(b.ownerId(), b.dueOn(), b.reviewerIds(), b.language()));
        return ResponseEntity.created(URI.create("/api/v1/incidents/" + p.incidentKey() + "/postmortem")).body(views.of(p));
    }

    @PatchMapping("/incidents/{ref}/postmortem")
    @Operation(summary = "Change owner, due date or reviewers")
    LearningViews.PostmortemView plan(@PathVariable String ref, @Valid @RequestBody PlanBody body) {
        return views.of(postmortems.plan(ref, body.ownerId(), body.dueOn(), body.reviewerIds(), body.version()));
    }

    @Schema(name = "PostmortemSectionBody")
    record SectionBody(@Size(max = Postmortem.MAX_SECTION) String body, Long version) {
    }

    @PutMapping("/incidents/{ref}/postmortem/sections/{code}")
    @Operation(summary = "Write a section (drafts only)")
    LearningViews.PostmortemView section(@PathVariable String ref, @PathVariable String code,
            @Valid @RequestBody SectionBody body) {
        return views.of(postmortems.writeSection(ref, code, body.body(), body.version()));
    }

    @Schema(name = "PostmortemEntryEdit")
    record EntryBody(@Size(max = Postmortem.MAX_ENTRY) String text, @Size(max = Postmortem.MAX_ANNOTATION) String annotation,
            KeyMoment keyMoment, Boolean clearKeyMoment, Boolean included, Long version) {
    }

    @PatchMapping("/incidents/{ref}/postmortem/timeline/{momentId}")
    @Operation(summary = "Edit, annotate, tag (detection, diagnosis, repair, key decision) or leave out an entry of the"
            + " postmortem's own timeline; the incident's timeline stays as it was")
    LearningViews.EntryView editEntry(@PathVariable String ref, @PathVariable("momentId") UUID entryId,
            @Valid @RequestBody EntryBody body) {
        var p = postmortems.editEntry(ref, entryId, new Postmortem.EntryEdit(body.text(), body.annotation(),
                body.keyMoment(), body.clearKeyMoment(), body.included()), body.version());
        return p.entries().stream().filter(e -> e.entryRef().equals(entryId)).map(LearningViews::entry).findFirst()
                .orElseThrow();
    }

    @Schema(name = "PostmortemNewEntry")
    record NewEntryBody(Instant occurredAt, @Size(max = Postmortem.MAX_ENTRY) String text,
            @Size(max = Postmortem.MAX_ANNOTATION) String annotation, KeyMoment keyMoment, Long version) {
    }

    @PostMapping("/incidents/{ref}/postmortem/timeline")
    @Operation(summary = "Add a moment nobody recorded at the time")
    ResponseEntity<LearningViews.PostmortemView> addEntry(@PathVariable String ref, @Valid @RequestBody NewEntryBody body) {
        var p = postmortems.addEntry(ref, body.occurredAt(), body.text(), body.annotation(), body.keyMoment(),
                body.version());
        return ResponseEntity.status(201).body(views.of(p));
    }

    @Schema(name = "PostmortemVersionBody")
    record VersionBody(Long version) {
    }

    @PostMapping("/incidents/{ref}/postmortem/review-request")
    @Operation(summary = "Ask the reviewers (draft -> in review); they are mailed")
    LearningViews.PostmortemView requestReview(@PathVariable String ref, @RequestBody(required = false) VersionBody body) {
        return views.of(postmortems.requestReview(ref, body == null ? null : body.version()));
    }

    @Schema(name = "PostmortemReviewBody")
    record ReviewBody(ReviewDecision decision, @Size(max = 4000) String comment, Long version) {
    }

    @PostMapping("/incidents/{ref}/postmortem/reviews")
    @Operation(summary = "A reviewer approves or asks for changes (back to draft)")
    LearningViews.PostmortemView review(@PathVariable String ref, @Valid @RequestBody ReviewBody body) {
        return views.of(postmortems.review(ref, body.decision(), body.comment(), body.version()));
    }

    @PostMapping("/incidents/{ref}/postmortem/publish")
    @Operation(summary = "Publish: 422 naming every required section still empty, 409 while a reviewer has not approved")
    LearningViews.PostmortemView publish(@PathVariable String ref, @RequestBody(required = false) VersionBody body) {
        return views.of(postmortems.publish(ref, export::markdown, body == null ? null : body.version()));
    }

    @PostMapping("/incidents/{ref}/postmortem/revise")
    @Operation(summary = "Open a published postmortem for a revision; published revisions are kept")
    LearningViews.PostmortemView revise(@PathVariable String ref, @RequestBody(required = false) VersionBody body) {
        return views.of(postmortems.revise(ref, body == null ? null : body.version()));
    }

    @GetMapping("/incidents/{ref}/postmortem/revisions/{number}")
    @Operation(summary = "A published revision as it was published (Markdown)")
    ResponseEntity<String> revision(@PathVariable String ref, @PathVariable int number) {
        var p = postmortems.get(ref);
        var revision = p.revisions().stream().filter(r -> r.number() == number).findFirst()
                .orElseThrow(() -> new io.tocsin.shared.NotFoundException("revision", number));
        return ResponseEntity.ok().contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
                .body(revision.markdown());
    }

    @Schema(name = "PostmortemMeetingBody")
    record MeetingBody(Instant at, Integer minutes, Long version) {
    }

    @PutMapping("/incidents/{ref}/postmortem/meeting")
    @Operation(summary = "Set the review meeting; owner, reviewers and incident manager get an iCalendar invitation")
    LearningViews.PostmortemView meeting(@PathVariable String ref, @RequestBody MeetingBody body) {
        return views.of(postmortems.scheduleMeeting(ref, body.at(), body.minutes(), body.version()));
    }

    @GetMapping("/incidents/{ref}/postmortem/export.md")
    @Operation(summary = "The postmortem as Markdown")
    ResponseEntity<String> markdown(@PathVariable String ref) {
        var p = postmortems.get(ref);
        return ResponseEntity.ok().contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("postmortem-" + p.incidentKey() + ".md").build().toString())
                .body(export.markdown(p));
    }

    @GetMapping("/incidents/{ref}/postmortem/export.pdf")
    @Operation(summary = "The postmortem as PDF (fonts embedded)")
    ResponseEntity<byte[]> pdf(@PathVariable String ref) {
        var p = postmortems.get(ref);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("postmortem-" + p.incidentKey() + ".pdf").build().toString())
                .body(PostmortemPdf.render(export.document(p)));
    }

    @GetMapping("/postmortems")
    @Operation(summary = "Postmortems, newest first; mine=true lists the caller's, overdue=true the late ones")
    List<LearningViews.PostmortemView> postmortems(@RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean overdue) {
        var today = postmortems.today();
        var list = mine ? postmortems.ownedBy(CurrentActor.get().userId()) : postmortems.all();
        return list.stream().filter(p -> !overdue || p.overdue(today)).limit(500).map(views::of).toList();
    }

    // ---- action items (R28)

    @Schema(name = "ActionItemBody")
    record ItemBody(@Size(max = 100) String incident, UUID problemId, @Size(max = ActionItem.MAX_TITLE) String title,
            @Size(max = ActionItem.MAX_DESCRIPTION) String description, UUID ownerId, UUID teamId, Priority priority,
            ActionItemKind kind, ActionItemStatus status, LocalDate dueOn, @Size(max = 100) String externalKey,
            @Size(max = 2000) String externalUrl, Boolean createInJira, Long version) {

        ActionItem.Fields fields() {
            return new ActionItem.Fields(title, description, ownerId, teamId, priority, kind, status, dueOn);
        }
    }

    @PostMapping("/action-items")
    @Operation(summary = "Create an action item; createInJira=true also creates a Jira issue after the item is saved"
            + " (a Jira failure keeps the item, with syncState FAILED and the reason)")
    ResponseEntity<LearningViews.ActionItemView> createItem(@Valid @RequestBody ItemBody body) {
        var item = items.create(new ActionItems.NewItem(body.incident(), body.problemId(), body.fields(),
                body.externalKey(), body.externalUrl()));
        if (Boolean.TRUE.equals(body.createInJira())) {
            item = items.sendToJira(item.id());
        }
        return ResponseEntity.created(URI.create("/api/v1/action-items/" + item.id())).body(views.of(item, items.today()));
    }

    @GetMapping("/action-items")
    @Operation(summary = "The cross-incident list: mine, my team's, overdue, by service, by incident")
    List<LearningViews.ActionItemView> listItems(@RequestParam(defaultValue = "false") boolean mine,
            @RequestParam(defaultValue = "false") boolean team, @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) Boolean open, @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) String incident) {
        var me = CurrentActor.get().userId();
        var today = items.today();
        if (incident != null) {
            return items.forPostmortem(postmortemsIncident(incident)).stream().map(i -> views.of(i, today)).toList();
        }
        return items.list(new ActionItems.Filter(mine ? me : null, team ? me : null, serviceId, overdue, open)).stream()
                .limit(1000).map(i -> views.of(i, today)).toList();
    }

    private UUID postmortemsIncident(String ref) {
        return postmortems.incidentId(ref);
    }

    @GetMapping("/action-items/{id}")
    LearningViews.ActionItemView item(@PathVariable UUID id) {
        return views.of(items.get(id), items.today());
    }

    @PatchMapping("/action-items/{id}")
    @Operation(summary = "Change an action item's fields or status")
    LearningViews.ActionItemView updateItem(@PathVariable UUID id, @Valid @RequestBody ItemBody body) {
        var item = items.update(id, body.fields(), body.version(), body.externalKey(), body.externalUrl());
        return views.of(item, items.today());
    }

    @PostMapping("/action-items/{id}/jira")
    @Operation(summary = "Create the item's Jira issue, or read its status back when it has one; retries a failure")
    LearningViews.ActionItemView jira(@PathVariable UUID id) {
        return views.of(items.sendToJira(id), items.today());
    }

    // ---- problems (R29)

    @Schema(name = "ProblemBody")
    record ProblemBody(@Size(max = Problem.MAX_TITLE) String title, @Size(max = Problem.MAX_TEXT) String description,
            ProblemStatus status, Priority priority, UUID ownerId, UUID serviceId,
            @Size(max = Problem.MAX_TEXT) String rootCause, @Size(max = Problem.MAX_TEXT) String workaround,
            @Size(max = 50) List<String> changes, @Size(max = 100) List<String> incidents, Long version) {

        Problem.Fields fields() {
            return new Problem.Fields(title, description, status, priority, ownerId, serviceId, rootCause, workaround,
                    changes);
        }
    }

    @PostMapping("/problems")
    @Operation(summary = "Open a problem, optionally linking incidents (keys or ids)")
    ResponseEntity<LearningViews.ProblemView> openProblem(@Valid @RequestBody ProblemBody body) {
        var p = problems.open(body.fields(), body.incidents());
        return ResponseEntity.created(URI.create("/api/v1/problems/" + p.key())).body(problemView(p));
    }

    @GetMapping("/problems")
    @Operation(summary = "Problems, newest first; knownErrors=true is the known-error list, q searches it")
    List<LearningViews.ProblemView> problems(@RequestParam(required = false) ProblemStatus status,
            @RequestParam(defaultValue = "false") boolean knownErrors, @RequestParam(required = false) String q) {
        return problems.list(status, knownErrors, q).stream().limit(500).map(this::problemView).toList();
    }

    @GetMapping("/problems/{ref}")
    LearningViews.ProblemView problem(@PathVariable String ref) {
        return problemView(problems.get(ref));
    }

    @PatchMapping("/problems/{ref}")
    @Operation(summary = "Change a problem: status (KNOWN_ERROR needs a workaround), root cause, workaround, changes")
    LearningViews.ProblemView updateProblem(@PathVariable String ref, @Valid @RequestBody ProblemBody body) {
        return problemView(problems.update(ref, body.fields(), body.version()));
    }

    @Schema(name = "ProblemIncidentLink")
    record LinkBody(@Size(max = 100) String incident) {
    }

    @PostMapping("/problems/{ref}/incidents")
    @Operation(summary = "Link an incident to the problem")
    LearningViews.ProblemView linkIncident(@PathVariable String ref, @RequestBody LinkBody body) {
        return problemView(problems.linkIncident(ref, body.incident()));
    }

    @Schema(name = "ProblemActionItemLink")
    record ItemLinkBody(UUID actionItemId) {
    }

    @PostMapping("/problems/{ref}/action-items")
    @Operation(summary = "Link an action item to the problem")
    LearningViews.ProblemView linkItem(@PathVariable String ref, @RequestBody ItemLinkBody body) {
        if (body.actionItemId() == null) {
            throw new io.tocsin.shared.InvalidInputException("actionItemId", "must be given");
        }
        problems.linkActionItem(ref, body.actionItemId());
        return problemView(problems.get(ref));
    }

    private LearningViews.ProblemView problemView(Problem p) {
        return views.of(p, items.forProblem(p.id()), items.today());
    }
}
