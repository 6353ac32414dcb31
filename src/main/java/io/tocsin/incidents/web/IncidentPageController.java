package io.tocsin.incidents.web;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.incidents.Assessment;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.IncidentLinks;
import io.tocsin.incidents.IncidentSettings;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Incidents.Expect;
import io.tocsin.incidents.SeverityScale;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineEntryKind;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The incident pages: list, declare form, and the incident page with its actions. Every action here is also
 * in the REST API. A refused action re-renders the page with the reason next to the form and the input kept.
 */
@Controller
class IncidentPageController {

    private final Incidents incidents;
    private final Timeline timeline;
    private final IncidentLinks links;
    private final Catalog catalog;
    private final Identity identity;
    private final IncidentSettings settings;
    private final SeverityScale severities;
    private final IncidentLiveUpdates live;

    @Bean
    static NavigationItem incidentsNavigation() {
        return new NavigationItem(Section.MAIN, "nav.incidents", "/incidents", 10);
    }

    IncidentPageController(Incidents incidents, Timeline timeline, IncidentLinks links, Catalog catalog,
            Identity identity, IncidentSettings settings, SeverityScale severities, IncidentLiveUpdates live) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.links = links;
        this.catalog = catalog;
        this.identity = identity;
        this.settings = settings;
        this.severities = severities;
        this.live = live;
    }

    @GetMapping("/incidents")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) Set<IncidentStatus> status,
            @RequestParam(required = false) Set<Integer> severity, @RequestParam(required = false) UUID serviceId,
            Model model) {
        var filter = new IncidentFilter(status, severity, serviceId, q, null, null, 200, 0);
        var found = incidents.list(filter);
        if (q != null && found.size() == 1 && found.getFirst().key().equalsIgnoreCase(q.strip())) {
            return "redirect:/incidents/" + found.getFirst().key();
        }
        var services = catalog.servicesById(found.stream().map(i -> i.serviceId()).toList());
        model.addAttribute("incidents", found);
        model.addAttribute("serviceNames", services.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue().name())));
        model.addAttribute("q", q);
        model.addAttribute("statuses", status == null ? Set.of() : status);
        model.addAttribute("severities", severity == null ? Set.of() : severity);
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("services", catalog.services());
        model.addAttribute("allStatuses", IncidentStatus.values());
        return "incidents/list";
    }

    @GetMapping("/incidents/new")
    String declareForm(Model model, Locale locale) {
        return declarePage(model, IncidentForms.DeclareForm.empty(), Map.of(), locale);
    }

    @PostMapping("/incidents")
    String declare(@ModelAttribute IncidentForms.DeclareForm form, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            var incident = incidents.declare(new Incident.Declaration(form.summary(), form.description(),
                    form.reporterContact(), form.severity() == null ? 0 : form.severity(), form.serviceId(),
                    form.productIds(), form.urgency(), form.impact(), form.category(), "manual",
                    IncidentForms.instant("impactStartedAt", form.impactStartedAt(), zone()),
                    IncidentForms.instant("detectedAt", form.detectedAt(), zone())));
            return "redirect:/incidents/" + incident.key();
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return declarePage(model, form, e.byField(), locale);
        }
    }

    private String declarePage(Model model, IncidentForms.DeclareForm form, Map<String, String> errors, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("severityLevels", severities.levels(locale));
        model.addAttribute("services", catalog.services());
        model.addAttribute("products", catalog.products());
        model.addAttribute("categories", settings.getCategories());
        return "incidents/new";
    }

    @GetMapping("/incidents/{key}")
    String show(@PathVariable String key, Model model, Locale locale) {
        var incident = incidents.get(key);
        if (!incident.key().equals(key)) {
            return "redirect:/incidents/" + incident.key();
        }
        return page(incident, model, locale, Map.of());
    }

    /** One live region of the incident page, reloaded when the SSE stream says the incident changed. */
    @GetMapping("/incidents/{key}/part/{part}")
    String part(@PathVariable String key, @PathVariable String part, Model model, Locale locale) {
        var incident = incidents.get(key);
        page(incident, model, locale, Map.of());
        return switch (part) {
            case "header" -> "incidents/show :: header";
            case "timeline" -> "incidents/show :: timeline";
            case "facts" -> "incidents/show :: facts";
            default -> throw new io.tocsin.shared.NotFoundException("page part", part);
        };
    }

    @GetMapping(path = "/incidents/{key}/events", produces = "text/event-stream")
    SseEmitter events(@PathVariable String key) {
        return live.subscribe(incidents.get(key).id());
    }

    @PostMapping("/incidents/{key}/assign")
    String assign(@PathVariable String key, @RequestParam(required = false) UUID userId,
            @RequestParam(required = false) Long version, RedirectAttributes redirect) {
        UUID who = userId != null ? userId : me().userId();
        return act(key, redirect, () -> incidents.assignManager(key, who, new Expect(null, version)));
    }

    @PostMapping("/incidents/{key}/resolve")
    String resolve(@PathVariable String key, @ModelAttribute IncidentForms.ReasonForm form, RedirectAttributes redirect) {
        return act(key, redirect, () -> incidents.resolve(key, null, form.reason(), new Expect(null, form.version())));
    }

    @PostMapping("/incidents/{key}/reopen")
    String reopen(@PathVariable String key, @ModelAttribute IncidentForms.ReasonForm form, RedirectAttributes redirect) {
        return act(key, redirect, () -> incidents.reopen(key, form.reason(), new Expect(null, form.version())));
    }

    @PostMapping("/incidents/{key}/close")
    String close(@PathVariable String key, @ModelAttribute IncidentForms.ReasonForm form, RedirectAttributes redirect) {
        return act(key, redirect, () -> incidents.close(key, form.reason(), new Expect(null, form.version())));
    }

    @PostMapping("/incidents/{key}/timeline")
    String addEntry(@PathVariable String key, @ModelAttribute("entryForm") IncidentForms.EntryForm form, Model model,
            Locale locale, HttpServletResponse response) {
        var incident = incidents.get(key);
        try {
            timeline.add(incident, new Timeline.Note(form.kind(), form.body(), form.outcome(), form.rollbackPlan(),
                    null, form.correctsEntryId()));
            return "redirect:/incidents/" + incident.key() + "#timeline";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("entryForm", form);
            return page(incident, model, locale, e.byField());
        }
    }

    @PostMapping("/incidents/{key}/severity")
    String severity(@PathVariable String key, @ModelAttribute IncidentForms.SeverityForm form, Model model,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return formAction(key, model, locale, response, redirect, () -> incidents.changeSeverity(key,
                form.severity() == null ? 0 : form.severity(), form.reason(), new Expect(null, form.version())));
    }

    @PostMapping("/incidents/{key}/assessment")
    String assess(@PathVariable String key, @ModelAttribute IncidentForms.AssessmentForm form, Model model,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return formAction(key, model, locale, response, redirect, () -> {
            var factors = form.otherFactors() == null ? null
                    : String.join(",", form.otherFactors().stream().sorted().map(Enum::name).toList());
            incidents.assess(key, new Assessment(form.customerImpact(), form.customersSee(), form.affectedScope(),
                    form.affectedCount(), form.supportTicketCount(), factors, form.otherFactorsNote(),
                    form.changeCorrelation(), form.changeReference(), null, null),
                    IncidentForms.instant("startedAt", form.startedAt(), zone()), new Expect(null, form.version()));
        });
    }

    @PostMapping("/incidents/{key}/times")
    String times(@PathVariable String key, @ModelAttribute IncidentForms.TimesForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        return formAction(key, model, locale, response, redirect, () -> incidents.correctTimes(key,
                IncidentForms.instant("impactStartedAt", form.impactStartedAt(), zone()),
                IncidentForms.instant("detectedAt", form.detectedAt(), zone()),
                IncidentForms.instant("resolvedAt", form.resolvedAt(), zone()), form.reason(),
                new Expect(null, form.version())));
    }

    @PostMapping("/incidents/{key}/tickets")
    String linkTicket(@PathVariable String key, @ModelAttribute IncidentForms.TicketForm form, Model model,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return formAction(key, model, locale, response, redirect, () -> links.linkTicket(incidents.get(key),
                form.system(), form.externalId(), form.customer(), form.url()));
    }

    @PostMapping("/incidents/{key}/tickets/{ticketId}/delete")
    String unlinkTicket(@PathVariable String key, @PathVariable UUID ticketId, RedirectAttributes redirect) {
        return act(key, redirect, () -> links.unlinkTicket(incidents.get(key), ticketId));
    }

    @PostMapping("/incidents/{key}/tasks")
    String addTask(@PathVariable String key, @ModelAttribute IncidentForms.TaskForm form, Model model, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        return formAction(key, model, locale, response, redirect, () -> links.addTask(incidents.get(key),
                new IncidentLinks.TaskDraft(form.title(), form.ownerId(), form.dueDate(), null)));
    }

    @PostMapping("/incidents/{key}/tasks/{taskId}")
    String taskStatus(@PathVariable String key, @PathVariable UUID taskId,
            @ModelAttribute IncidentForms.TaskStatusForm form, RedirectAttributes redirect) {
        return act(key, redirect, () -> links.updateTask(incidents.get(key), taskId,
                new IncidentLinks.TaskDraft(null, null, null, form.status()), null, form.version()));
    }

    private String page(Incident incident, Model model, Locale locale, Map<String, String> errors) {
        var entries = timeline.of(incident.id());
        model.addAttribute("incident", incident);
        model.addAttribute("service", catalog.findService(incident.serviceId()).orElse(null));
        model.addAttribute("products", catalog.productsById(incident.productIds()).values());
        model.addAttribute("manager", identity.findUser(incident.incidentManagerId()).orElse(null));
        model.addAttribute("entries", entries);
        model.addAttribute("entryTexts", entries.stream().collect(java.util.stream.Collectors.toMap(e -> e.id(),
                e -> timeline.text(e, locale))));
        model.addAttribute("tickets", links.tickets(incident.id()));
        model.addAttribute("tasks", links.tasks(incident.id()));
        model.addAttribute("people", identity.users().stream().filter(u -> u.active()).toList());
        model.addAttribute("responders", identity.users().stream()
                .filter(u -> u.active() && u.role() != Role.STAKEHOLDER).toList());
        model.addAttribute("entryKinds", EnumSet.complementOf(EnumSet.of(TimelineEntryKind.SYSTEM)));
        model.addAttribute("severityLevels", severities.levels(locale));
        model.addAttribute("times", incident.times());
        model.addAttribute("errors", errors);
        if (!model.containsAttribute("entryForm")) {
            model.addAttribute("entryForm", new IncidentForms.EntryForm(TimelineEntryKind.OBSERVATION, "", "", "", null));
        }
        model.addAttribute("isManager", incident.incidentManagerId() != null
                && CurrentActor.principal().map(p -> p.userId().equals(incident.incidentManagerId())).orElse(false));
        return "incidents/show";
    }

    private String formAction(String key, Model model, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            return "redirect:/incidents/" + incidents.get(key).key();
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(incidents.get(key), model, locale, e.byField());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/incidents/" + incidents.get(key).key();
        }
    }

    private String act(String key, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/incidents/" + incidents.get(key).key();
    }


    private static TocsinPrincipal me() {
        return CurrentActor.principal().orElseThrow();
    }

    private static ZoneId zone() {
        return CurrentActor.principal().map(TocsinPrincipal::zone).orElse(ZoneId.of("UTC"));
    }
}
