package io.tocsin.learning.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.incidents.Incidents;
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
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.PreconditionFailedException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The postmortem page (sections, own timeline with key moments, figures, action items, review, meeting, export),
 * the action-item lists, and the problems with their known-error search (issue 12 point 8).
 */
@Controller
class LearningPageController {

    private final Postmortems postmortems;
    private final PostmortemExport export;
    private final ActionItems items;
    private final Problems problems;
    private final Incidents incidents;
    private final Identity identity;
    private final Catalog catalog;

    LearningPageController(Postmortems postmortems, PostmortemExport export, ActionItems items, Problems problems,
            Incidents incidents, Identity identity, Catalog catalog) {
        this.postmortems = postmortems;
        this.export = export;
        this.items = items;
        this.problems = problems;
        this.incidents = incidents;
        this.identity = identity;
        this.catalog = catalog;
    }

    // ---- postmortem

    @GetMapping("/incidents/{key}/postmortem")
    String postmortem(@PathVariable String key, Model model) {
        // Drafted section texts (the assistant's, issue 18) arrive as a flash attribute and fill the section forms.
        @SuppressWarnings("unchecked")
        var drafted = model.getAttribute("draftValues") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.<String, String>of();
        return page(key, model, Map.of(), drafted);
    }

    private String page(String key, Model model, Map<String, String> errors, Map<String, String> values) {
        var p = postmortems.get(key);
        var incident = incidents.find(p.incidentId()).orElseThrow();
        var people = identity.users().stream().filter(User::active).filter(u -> u.role() != Role.STAKEHOLDER).toList();
        model.addAttribute("p", p);
        model.addAttribute("incident", incident);
        model.addAttribute("figures", postmortems.figures(p));
        model.addAttribute("items", items.forPostmortem(p.incidentId()));
        model.addAttribute("people", people);
        model.addAttribute("names", identity.users().stream().collect(java.util.stream.Collectors.toMap(User::id, User::name)));
        model.addAttribute("teams", identity.teams());
        model.addAttribute("moments", KeyMoment.values());
        model.addAttribute("kinds", ActionItemKind.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("itemStatuses", ActionItemStatus.values());
        model.addAttribute("overdue", p.overdue(postmortems.today()));
        model.addAttribute("today", items.today());
        model.addAttribute("viewerId", CurrentActor.get().userId());
        model.addAttribute("reviewerIds", p.reviewers().stream().map(r -> r.userId()).toList());
        model.addAttribute("missing", String.join(", ", p.missingSections().stream().map(s -> s.title()).toList()));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("incidentProblems", problems.forIncident(p.incidentId()));
        return "learning/postmortem";
    }

    @PostMapping("/incidents/{key}/postmortem")
    String create(@PathVariable String key, RedirectAttributes redirect) {
        try {
            postmortems.create(key, null);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/incidents/" + incidents.get(key).key() + "/postmortem";
    }

    @PostMapping("/incidents/{key}/postmortem/sections/{code}")
    String section(@PathVariable String key, @PathVariable String code, @RequestParam(defaultValue = "") String body,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(key, "#section-" + code, model, response, redirect, Map.of("section." + code, body),
                () -> postmortems.writeSection(key, code, body, null));
    }

    @PostMapping("/incidents/{key}/postmortem/timeline/{id}")
    String entry(@PathVariable String key, @PathVariable UUID id, @RequestParam(required = false) String keyMoment,
            @RequestParam(required = false) String annotation, @RequestParam(defaultValue = "false") boolean included,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        boolean clear = keyMoment == null || keyMoment.isBlank();
        return act(key, "#entry-" + id, model, response, redirect, Map.of(), () -> postmortems.editEntry(key, id,
                new Postmortem.EntryEdit(null, annotation == null ? "" : annotation, clear ? null : moment(keyMoment),
                        clear, included), null));
    }

    @PostMapping("/incidents/{key}/postmortem/timeline")
    String addEntry(@PathVariable String key, @RequestParam(required = false) String occurredAt,
            @RequestParam(defaultValue = "") String text, @RequestParam(required = false) String keyMoment, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return act(key, "#postmortem-timeline", model, response, redirect, Map.of("entry.text", text),
                () -> postmortems.addEntry(key, utc(occurredAt, "occurredAt"), text, null,
                        keyMoment == null || keyMoment.isBlank() ? null : moment(keyMoment), null));
    }

    @PostMapping("/incidents/{key}/postmortem/plan")
    String plan(@PathVariable String key, @RequestParam(required = false) UUID ownerId,
            @RequestParam(required = false) LocalDate dueOn, @RequestParam(required = false) List<UUID> reviewerIds,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(key, "#plan", model, response, redirect, Map.of(), () -> postmortems.plan(key, ownerId, dueOn,
                reviewerIds == null ? List.of() : reviewerIds, null));
    }

    @PostMapping("/incidents/{key}/postmortem/meeting")
    String meeting(@PathVariable String key, @RequestParam(required = false) String at,
            @RequestParam(defaultValue = "60") int minutes, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(key, "#meeting", model, response, redirect, Map.of(), () -> postmortems.scheduleMeeting(key,
                utc(at, "at"), minutes, null));
    }

    @PostMapping("/incidents/{key}/postmortem/review-request")
    String requestReview(@PathVariable String key, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(key, "", model, response, redirect, Map.of(), () -> postmortems.requestReview(key, null));
    }

    @PostMapping("/incidents/{key}/postmortem/reviews")
    String review(@PathVariable String key, @RequestParam ReviewDecision decision,
            @RequestParam(defaultValue = "") String comment, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(key, "", model, response, redirect, Map.of("comment", comment),
                () -> postmortems.review(key, decision, comment, null));
    }

    @PostMapping("/incidents/{key}/postmortem/publish")
    String publish(@PathVariable String key, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(key, "", model, response, redirect, Map.of(),
                () -> postmortems.publish(key, export::markdown, null));
    }

    @PostMapping("/incidents/{key}/postmortem/revise")
    String revise(@PathVariable String key, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return act(key, "", model, response, redirect, Map.of(), () -> postmortems.revise(key, null));
    }

    @GetMapping("/incidents/{key}/postmortem/print")
    String print(@PathVariable String key, Model model) {
        var p = postmortems.get(key);
        model.addAttribute("doc", export.document(p));
        return "learning/print";
    }

    @PostMapping("/incidents/{key}/postmortem/action-items")
    String addItem(@PathVariable String key, @RequestParam(defaultValue = "") String title,
            @RequestParam(required = false) UUID ownerId, @RequestParam(required = false) UUID teamId,
            @RequestParam(required = false) Priority priority, @RequestParam(required = false) ActionItemKind kind,
            @RequestParam(required = false) LocalDate dueOn, @RequestParam(required = false) String externalUrl,
            @RequestParam(required = false) String externalKey,
            @RequestParam(defaultValue = "false") boolean createInJira, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return act(key, "#action-items", model, response, redirect, Map.of("item.title", title), () -> {
            var item = items.create(new ActionItems.NewItem(key, null, new ActionItem.Fields(title, null, ownerId, teamId,
                    priority, kind, null, dueOn), blank(externalKey), blank(externalUrl)));
            if (createInJira) {
                items.sendToJira(item.id());
            }
        });
    }

    @PostMapping("/action-items/{id}/jira")
    String jira(@PathVariable UUID id, @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
        try {
            items.sendToJira(id);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:" + safeBack(back, "/action-items");
    }

    @PostMapping("/action-items/{id}/status")
    String itemStatus(@PathVariable UUID id, @RequestParam ActionItemStatus status,
            @RequestParam(defaultValue = "") String back) {
        items.update(id, new ActionItem.Fields(null, null, null, null, null, null, status, null), null);
        return "redirect:" + safeBack(back, "/action-items");
    }

    // ---- lists

    @GetMapping("/postmortems")
    String postmortems(Model model) {
        model.addAttribute("postmortems", postmortems.all());
        model.addAttribute("today", postmortems.today());
        model.addAttribute("names", identity.users().stream().collect(java.util.stream.Collectors.toMap(User::id, User::name)));
        return "learning/postmortems";
    }

    @GetMapping("/action-items")
    String actionItems(@RequestParam(defaultValue = "mine") String view, Model model) {
        var me = CurrentActor.get().userId();
        var filter = switch (view) {
            case "team" -> new ActionItems.Filter(null, me, null, null, true);
            case "overdue" -> new ActionItems.Filter(null, null, null, true, true);
            case "all" -> new ActionItems.Filter(null, null, null, null, true);
            default -> new ActionItems.Filter(me, null, null, null, true);
        };
        model.addAttribute("view", view);
        model.addAttribute("items", items.list(filter));
        model.addAttribute("today", items.today());
        model.addAttribute("itemStatuses", ActionItemStatus.values());
        model.addAttribute("names", identity.users().stream().collect(java.util.stream.Collectors.toMap(User::id, User::name)));
        return "learning/action-items";
    }

    // ---- problems

    @GetMapping("/problems")
    String problems(@RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean knownErrors,
            @RequestParam(required = false) String incident, Model model) {
        return problemsPage(q, knownErrors, incident, model, Map.of(), Map.of());
    }

    private String problemsPage(String q, boolean knownErrors, String incident, Model model, Map<String, String> errors,
            Map<String, String> values) {
        model.addAttribute("problems", problems.list(null, knownErrors, q));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("knownErrors", knownErrors);
        model.addAttribute("incident", incident == null ? values.getOrDefault("incidents", "") : incident);
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("statuses", ProblemStatus.values());
        return "learning/problems";
    }

    @PostMapping("/problems")
    String openProblem(@RequestParam(defaultValue = "") String title, @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String incidents, @RequestParam(defaultValue = "") String workaround,
            @RequestParam(defaultValue = "") String rootCause, @RequestParam(required = false) ProblemStatus status,
            Model model, HttpServletResponse response) {
        var refs = Arrays.stream(incidents.split("[,;\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        try {
            var p = problems.open(new Problem.Fields(title, description, status, null, null, null, rootCause,
                    workaround, null), refs);
            return "redirect:/problems/" + p.key();
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return problemsPage(null, false, null, model, e.byField(), Map.of("title", title, "description", description,
                    "incidents", incidents, "workaround", workaround, "rootCause", rootCause));
        }
    }

    @GetMapping("/problems/{key}")
    String problem(@PathVariable String key, Model model) {
        return problemPage(key, model, Map.of());
    }

    private String problemPage(String key, Model model, Map<String, String> errors) {
        var p = problems.get(key);
        model.addAttribute("problem", p);
        model.addAttribute("items", items.forProblem(p.id()));
        model.addAttribute("statuses", ProblemStatus.values());
        model.addAttribute("errors", errors);
        model.addAttribute("serviceName", p.serviceId() == null ? null
                : catalog.findService(p.serviceId()).map(s -> s.name()).orElse(null));
        model.addAttribute("names", identity.users().stream().collect(java.util.stream.Collectors.toMap(User::id, User::name)));
        return "learning/problem";
    }

    @PostMapping("/problems/{key}")
    String updateProblem(@PathVariable String key, @RequestParam(required = false) ProblemStatus status,
            @RequestParam(defaultValue = "") String rootCause, @RequestParam(defaultValue = "") String workaround,
            Model model, HttpServletResponse response) {
        try {
            var p = problems.update(key, new Problem.Fields(null, null, status, null, null, null, rootCause, workaround,
                    null), null);
            return "redirect:/problems/" + p.key();
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return problemPage(key, model, e.byField());
        }
    }

    @PostMapping("/problems/{key}/incidents")
    String linkIncident(@PathVariable String key, @RequestParam(defaultValue = "") String incident, Model model,
            HttpServletResponse response) {
        try {
            var p = problems.linkIncident(key, incident);
            return "redirect:/problems/" + p.key();
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return problemPage(key, model, e.byField());
        }
    }

    // ---- helpers

    /** Runs a postmortem change: on success back to the page; bad input re-renders it with the input kept (422). */
    private String act(String key, String anchor, Model model, HttpServletResponse response, RedirectAttributes redirect,
            Map<String, String> values, Runnable action) {
        try {
            action.run();
            return "redirect:/incidents/" + incidents.get(key).key() + "/postmortem" + anchor;
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(key, model, e.byField(), values);
        } catch (ConflictException | PreconditionFailedException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/incidents/" + incidents.get(key).key() + "/postmortem";
        }
    }

    /** A datetime-local value (the form says UTC) as an instant. */
    private static Instant utc(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date and time");
        }
    }

    private static KeyMoment moment(String value) {
        try {
            return KeyMoment.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("keyMoment", "must be one of " + Arrays.toString(KeyMoment.values()));
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String safeBack(String back, String fallback) {
        return back != null && back.startsWith("/") && !back.startsWith("//") ? back : fallback;
    }
}
