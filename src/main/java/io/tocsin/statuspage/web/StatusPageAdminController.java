package io.tocsin.statuspage.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.UiPanel;
import io.tocsin.statuspage.ComponentStatus;
import io.tocsin.statuspage.PublicIncidentStatus;
import io.tocsin.statuspage.PublicIncidents;
import io.tocsin.statuspage.StatusPages;
import io.tocsin.statuspage.Visibility;
import io.tocsin.statuspage.internal.Indicator;
import io.tocsin.statuspage.internal.PageModel;
import io.tocsin.statuspage.internal.PublicRenderer;
import io.tocsin.statuspage.internal.Snapshots;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The status pages in the UI (issue 11): administrators set pages, groups and components up; responders move
 * component states, publish from an incident in one step (the external template's text as the draft, the affected
 * components and their states, a preview exactly as visitors will see it) and post later updates.
 */
@Controller
class StatusPageAdminController {

    private final StatusPages pages;
    private final PublicIncidents publicIncidents;
    private final Incidents incidents;
    private final Catalog catalog;
    private final Snapshots snapshots;
    private final PublicRenderer renderer;
    private final java.time.Clock clock;

    StatusPageAdminController(StatusPages pages, PublicIncidents publicIncidents, Incidents incidents, Catalog catalog,
            Snapshots snapshots, PublicRenderer renderer, java.time.Clock clock) {
        this.pages = pages;
        this.publicIncidents = publicIncidents;
        this.incidents = incidents;
        this.catalog = catalog;
        this.snapshots = snapshots;
        this.renderer = renderer;
        this.clock = clock;
    }

    @Bean
    static NavigationItem statusPagesNavigation() {
        return new NavigationItem(Section.COMMUNICATION, "nav.status-pages", "/status-pages", 15);
    }

    /** On the incident page: publish to a page, and the public incidents this incident already feeds. */
    @Bean
    static UiPanel statusPagePanel(StatusPages pages, PublicIncidents publicIncidents) {
        return UiPanel.of(UiPanel.INCIDENT_SIDE, 30, "statuspage/incident-panel", c -> {
            if (!(c.subject() instanceof Incident incident)) {
                return Map.of();
            }
            var model = new HashMap<String, Object>();
            model.put("key", incident.key());
            model.put("pages", pages.pages());
            model.put("published", publicIncidents.ofIncident(incident.id()));
            model.put("resolved", incident.status() == IncidentStatus.RESOLVED || incident.status() == IncidentStatus.CLOSED);
            return model;
        });
    }

    @GetMapping("/status-pages")
    String list(Model model) {
        model.addAttribute("pages", pages.pages());
        model.addAttribute("errors", Map.of());
        model.addAttribute("draft", Map.of());
        return "statuspage/list";
    }

    @PostMapping("/admin/status-pages")
    String create(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        try {
            var page = pages.create(draft(form));
            return "redirect:/status-pages/" + page.id();
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(422);
            model.addAttribute("pages", pages.pages());
            model.addAttribute("errors", errors(e));
            model.addAttribute("draft", form.toSingleValueMap());
            return "statuspage/list";
        }
    }

    @GetMapping("/status-pages/{id}")
    String show(@PathVariable UUID id, Model model) {
        return show(id, model, Map.of(), null);
    }

    private String show(UUID id, Model model, Map<String, String> errors, Map<String, String> form) {
        var page = pages.page(id);
        model.addAttribute("page", page);
        model.addAttribute("form", form != null ? form : settings(page));
        model.addAttribute("groups", pages.groups(id));
        model.addAttribute("components", pages.components(id));
        model.addAttribute("services", catalog.services());
        model.addAttribute("states", ComponentStatus.values());
        model.addAttribute("incidentStates", List.of(PublicIncidentStatus.INVESTIGATING, PublicIncidentStatus.IDENTIFIED,
                PublicIncidentStatus.MONITORING, PublicIncidentStatus.RESOLVED));
        model.addAttribute("maintenanceStates", List.of(PublicIncidentStatus.SCHEDULED, PublicIncidentStatus.IN_PROGRESS,
                PublicIncidentStatus.VERIFYING, PublicIncidentStatus.COMPLETED));
        model.addAttribute("publicIncidents", publicIncidents.ofPage(id));
        model.addAttribute("errors", errors);
        return "statuspage/show";
    }

    @PostMapping("/admin/status-pages/{id}")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
            HttpServletResponse response) {
        try {
            pages.update(id, draft(form));
            return "redirect:/status-pages/" + id;
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(422);
            return show(id, model, errors(e), form.toSingleValueMap());
        }
    }

    @PostMapping("/admin/status-pages/{id}/groups")
    String createGroup(@PathVariable UUID id, @RequestParam(defaultValue = "") String name, Model model,
            HttpServletResponse response) {
        try {
            pages.createGroup(id, new StatusPages.GroupDraft(name, null));
            return "redirect:/status-pages/" + id;
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return show(id, model, prefixed("group.", e), null);
        }
    }

    @PostMapping("/admin/status-pages/{id}/components")
    String createComponent(@PathVariable UUID id, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String description, @RequestParam(required = false) UUID groupId,
            @RequestParam(required = false) List<UUID> serviceIds, Model model, HttpServletResponse response) {
        try {
            pages.createComponent(id, new StatusPages.ComponentDraft(name, description, groupId, null,
                    serviceIds == null ? List.of() : serviceIds, false));
            return "redirect:/status-pages/" + id;
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return show(id, model, prefixed("component.", e), null);
        }
    }

    @PostMapping("/status-pages/{id}/components/{componentId}/status")
    String setStatus(@PathVariable UUID id, @PathVariable UUID componentId, @RequestParam String status) {
        pages.setStatus(id, componentId, status.equals("AUTOMATIC") ? null : ComponentStatus.valueOf(status), null);
        return "redirect:/status-pages/" + id;
    }

    @GetMapping("/status-pages/{id}/publish")
    String publishForm(@PathVariable UUID id, @RequestParam String incident, @RequestParam(required = false) String language,
            Model model) {
        var page = pages.page(id);
        var source = incidents.get(incident);
        String lang = language != null && StatusPages.LANGUAGES.contains(language) ? language : page.language();
        var draft = publicIncidents.draft(source.key(), lang, false);
        var form = new LinkedHashMap<String, String>();
        form.put("name", draft.name());
        form.put("body", draft.body());
        form.put("status", PublicIncidentStatus.INVESTIGATING.name());
        return publishPage(page, source, form, Map.of(), model);
    }

    @PostMapping("/status-pages/{id}/publish")
    Object publish(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(defaultValue = "publish") String action, Model model, HttpServletResponse response) {
        var page = pages.page(id);
        var source = incidents.get(form.getFirst("incident"));
        var publication = new PublicIncidents.Publication(List.of(source.key()), form.getFirst("name"),
                status(form.getFirst("status")), form.getFirst("body"), chosen(form), null, null, null, null);
        if (action.equals("preview")) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML)
                    .header("Content-Security-Policy", "default-src 'self'; img-src 'self' https: data:; script-src 'self'; style-src 'self'")
                    .body(renderer.html(preview(page, publication), page.language(), true));
        }
        try {
            publicIncidents.publish(id, publication);
            return "redirect:/incidents/" + source.key();
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return publishPage(page, source, form.toSingleValueMap(), e.byField(), model);
        }
    }

    @PostMapping("/status-pages/{id}/public-incidents/{publicIncidentId}/updates")
    String postUpdate(@PathVariable UUID id, @PathVariable UUID publicIncidentId,
            @RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        try {
            publicIncidents.update(id, publicIncidentId, new PublicIncidents.Next(status(form.getFirst("status")),
                    form.getFirst("body"), chosen(form)));
            return "redirect:/status-pages/" + id;
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(422);
            return show(id, model, prefixed("update." + publicIncidentId + ".", e), null);
        }
    }

    private String publishPage(StatusPages.Page page, Incident source, Map<String, String> form,
            Map<String, String> errors, Model model) {
        model.addAttribute("page", page);
        model.addAttribute("incident", source);
        model.addAttribute("form", form);
        model.addAttribute("components", pages.components(page.id()));
        model.addAttribute("states", ComponentStatus.values());
        model.addAttribute("incidentStates", List.of(PublicIncidentStatus.INVESTIGATING, PublicIncidentStatus.IDENTIFIED,
                PublicIncidentStatus.MONITORING));
        model.addAttribute("errors", errors);
        return "statuspage/publish";
    }

    /** The page as visitors would see it with this publication: the same renderer as the snapshot's. */
    private PageModel preview(StatusPages.Page page, PublicIncidents.Publication p) {
        var now = clock.instant();
        var current = snapshots.current().bySlug().get(page.slug());
        var base = current != null ? current.model() : snapshots.model(page, publicIncidents.ofPage(page.id()), now);
        var affected = new ArrayList<PublicIncidents.Affected>();
        var views = base.components().stream().map(v -> {
            var to = p.components().get(v.component().id());
            if (to == null) {
                return v;
            }
            var c = v.component();
            affected.add(new PublicIncidents.Affected(c.id(), c.status(), to));
            return new PageModel.ComponentView(new StatusPages.Component(c.id(), c.pageId(), c.groupId(), c.name(),
                    c.description(), c.position(), to, c.automatic(), c.onlyShowIfDegraded(), c.serviceIds(),
                    c.createdAt(), now), v.days(), v.uptime());
        }).toList();
        var status = p.status() == null ? PublicIncidentStatus.INVESTIGATING : p.status();
        var draft = new PublicIncidents.PublicIncident(UUID.randomUUID(), page.id(),
                p.name() == null ? "" : p.name(), status, "none", false, null, null, now, now, null, null, List.of(),
                List.of(new PublicIncidents.Update(UUID.randomUUID(), status, p.body() == null ? "" : p.body(), now, now,
                        affected)), List.of());
        var all = new ArrayList<PublicIncidents.PublicIncident>();
        all.add(draft);
        all.addAll(base.incidents());
        var indicator = Indicator.of(views.stream().map(v -> v.component().status()).toList(),
                all.stream().filter(i -> !i.maintenance() && !i.status().ends()).map(PublicIncidents.PublicIncident::impact)
                        .toList());
        return new PageModel(base.page(), base.url(), base.groups(), views, all, indicator, now, now);
    }

    private static Map<UUID, ComponentStatus> chosen(MultiValueMap<String, String> form) {
        var result = new LinkedHashMap<UUID, ComponentStatus>();
        form.forEach((name, values) -> {
            if (name.startsWith("component.") && !values.isEmpty() && !values.getFirst().isBlank()
                    && !values.getFirst().equals("UNCHANGED")) {
                result.put(UUID.fromString(name.substring("component.".length())), ComponentStatus.valueOf(values.getFirst()));
            }
        });
        return result;
    }

    private static PublicIncidentStatus status(String value) {
        return value == null || value.isBlank() ? null : PublicIncidentStatus.valueOf(value);
    }

    private static StatusPages.PageDraft draft(MultiValueMap<String, String> f) {
        String domains = f.getFirst("allowedDomains");
        return new StatusPages.PageDraft(f.getFirst("slug"), f.getFirst("name"),
                "PRIVATE".equals(f.getFirst("visibility")) ? Visibility.PRIVATE : Visibility.PUBLIC,
                domains == null || domains.isBlank() ? List.of() : List.of(domains.split("[\\s,;]+")),
                f.getFirst("logoUrl"), f.getFirst("accentColor"), f.getFirst("headerText"), f.getFirst("footerText"),
                f.getFirst("supportUrl"), f.getFirst("language"), f.getFirst("timeZone"), f.getFirst("customHost"));
    }

    private static Map<String, String> settings(StatusPages.Page p) {
        var m = new HashMap<String, String>();
        m.put("slug", p.slug());
        m.put("name", p.name());
        m.put("visibility", p.visibility().name());
        m.put("allowedDomains", String.join(", ", p.allowedDomains()));
        m.put("logoUrl", p.logoUrl());
        m.put("accentColor", p.accentColor());
        m.put("headerText", p.headerText());
        m.put("footerText", p.footerText());
        m.put("supportUrl", p.supportUrl());
        m.put("language", p.language());
        m.put("timeZone", p.timeZone());
        m.put("customHost", p.customHost());
        return m;
    }

    private static Map<String, String> errors(RuntimeException e) {
        return e instanceof InvalidInputException i ? i.byField() : Map.of("slug", e.getMessage());
    }

    private static Map<String, String> prefixed(String prefix, RuntimeException e) {
        var result = new HashMap<String, String>();
        errors(e).forEach((k, v) -> result.put(prefix + k, v));
        if (e instanceof ConflictException) {
            result.put(prefix + "body", e.getMessage());
        }
        return result;
    }
}
