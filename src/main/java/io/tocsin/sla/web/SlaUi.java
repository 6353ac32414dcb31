package io.tocsin.sla.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentSummary;
import io.tocsin.incidents.Priority;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.UiPanel;
import io.tocsin.sla.SlaCalendar;
import io.tocsin.sla.SlaCompliance;
import io.tocsin.sla.internal.SlaPolicies;
import io.tocsin.sla.internal.SlaPolicy;
import io.tocsin.sla.internal.SlaWatch;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The SLA pages (issue 16): the SLA page with the policies editor (administrators) and the compliance table with
 * its CSV download; on the incident page the clocks with the pause control; in the incident list a badge per
 * running clock (time left, or breached).
 */
@Controller
class SlaUi {

    private final SlaPolicies policies;
    private final SlaWatch watch;
    private final SlaCompliance compliance;
    private final Catalog catalog;
    private final io.tocsin.escalation.IncidentPaging paging;
    private final Clock clock;

    SlaUi(SlaPolicies policies, SlaWatch watch, SlaCompliance compliance, Catalog catalog,
            io.tocsin.escalation.IncidentPaging paging, Clock clock) {
        this.policies = policies;
        this.watch = watch;
        this.compliance = compliance;
        this.catalog = catalog;
        this.paging = paging;
        this.clock = clock;
    }

    @Bean
    static NavigationItem slaNavigation() {
        return new NavigationItem(Section.CONFIGURATION, "nav.sla", "/sla", 40);
    }

    @Bean
    static UiPanel slaIncidentPanel(SlaWatch watch) {
        return UiPanel.of(UiPanel.INCIDENT_SIDE, 2, "sla/incident-panel", c -> {
            if (!(c.subject() instanceof Incident incident)) {
                return Map.of();
            }
            var model = new HashMap<String, Object>();
            model.put("key", incident.key());
            model.put("open", incident.status().open());
            model.put("sla", watch.of(incident.id(), incident.key()));
            return model;
        });
    }

    @Bean
    static UiPanel slaIncidentRowBadge(SlaWatch watch) {
        return UiPanel.of(UiPanel.INCIDENT_ROW, 10, "sla/row-badge", c -> c.subject() instanceof IncidentSummary i
                ? Map.of("clocks", watch.clocksOf(List.of(i.id())).getOrDefault(i.id(), List.of()))
                : Map.of("clocks", List.of()));
    }

    @PostMapping("/incidents/{key}/sla/pause")
    String pause(@PathVariable String key, @RequestParam(required = false) String waitingOn,
            @RequestParam(required = false) String reason, RedirectAttributes flash) {
        try {
            watch.pause(key, waitingOn, reason);
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("slaError", e instanceof InvalidInputException i
                    ? String.join("; ", i.byField().values()) : e.getMessage());
            flash.addFlashAttribute("slaReason", reason);
        }
        return "redirect:/incidents/" + key;
    }

    @PostMapping("/incidents/{key}/sla/resume")
    String resume(@PathVariable String key, RedirectAttributes flash) {
        try {
            watch.resume(key);
        } catch (ConflictException e) {
            flash.addFlashAttribute("slaError", e.getMessage());
        }
        return "redirect:/incidents/" + key;
    }

    @GetMapping("/sla")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) UUID edit, Model model) {
        Map<String, String> form = new HashMap<>();
        if (edit != null) {
            form = values(policies.get(edit));
        }
        return page(from, to, edit, form, Map.of(), model);
    }

    @PostMapping("/sla/policies")
    String create(@RequestParam MultiValueMap<String, String> form, Model model, HttpServletResponse response) {
        requireAdmin();
        try {
            policies.create(draft(form));
            return "redirect:/sla";
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(422);
            return page(null, null, null, form.toSingleValueMap(), errors(e), model);
        }
    }

    @PostMapping("/sla/policies/{id}")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
            HttpServletResponse response) {
        requireAdmin();
        try {
            policies.update(id, draft(form));
            return "redirect:/sla";
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(422);
            return page(null, null, id, form.toSingleValueMap(), errors(e), model);
        }
    }

    @PostMapping("/sla/policies/{id}/delete")
    String delete(@PathVariable UUID id) {
        requireAdmin();
        policies.delete(id);
        return "redirect:/sla";
    }

    private String page(String from, String to, UUID editing, Map<String, String> form, Map<String, String> errors,
            Model model) {
        var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String fromValue = from == null || from.isBlank() ? today.minusDays(29).toString() : from;
        String toValue = to == null || to.isBlank() ? today.toString() : to;
        SlaCompliance.Report report = null;
        String periodError = null;
        try {
            report = compliance.compute(SlaApiController.filter(fromValue, toValue, null, null, null, null));
        } catch (InvalidInputException e) {
            periodError = String.join("; ", e.byField().values());
        }
        var services = catalog.services();
        var serviceNames = new LinkedHashMap<UUID, String>();
        services.forEach(s -> serviceNames.put(s.id(), s.name()));
        var productNames = new LinkedHashMap<UUID, String>();
        catalog.products().forEach(p -> productNames.put(p.id(), p.name()));
        model.addAttribute("policies", policies.all());
        model.addAttribute("serviceNames", serviceNames);
        model.addAttribute("productNames", productNames);
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("calendars", SlaCalendar.values());
        model.addAttribute("escalationPolicies", paging.policyNames());
        model.addAttribute("admin", CurrentActor.principal().map(p -> p.role() == Role.ADMIN).orElse(false));
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("from", fromValue);
        model.addAttribute("to", toValue);
        model.addAttribute("report", report);
        model.addAttribute("periodError", periodError);
        return "sla/page";
    }

    private static void requireAdmin() {
        if (CurrentActor.principal().map(p -> p.role() != Role.ADMIN).orElse(true)) {
            throw new AccessDeniedException("only administrators change SLA policies");
        }
    }

    private static SlaPolicies.Draft draft(MultiValueMap<String, String> form) {
        String scope = blank(form.getFirst("scope"));
        UUID serviceId = null;
        UUID productId = null;
        if (scope != null) {
            try {
                if (scope.startsWith("service:")) {
                    serviceId = UUID.fromString(scope.substring(8));
                } else if (scope.startsWith("product:")) {
                    productId = UUID.fromString(scope.substring(8));
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("scope", "choose a service or a product from the list");
            }
        }
        UUID escalation = null;
        if (blank(form.getFirst("escalationPolicyId")) != null) {
            try {
                escalation = UUID.fromString(form.getFirst("escalationPolicyId").strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("escalationPolicyId", "choose an escalation policy from the list");
            }
        }
        return new SlaPolicies.Draft(form.getFirst("name"), form.getFirst("priority"), serviceId, productId,
                number(form.getFirst("acknowledgeMinutes"), "acknowledgeMinutes"),
                number(form.getFirst("resolveMinutes"), "resolveMinutes"), form.getFirst("calendar"),
                number(form.getFirst("warningPercent"), "warningPercent"), escalation);
    }

    private static Integer number(String value, String field) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Map<String, String> values(SlaPolicy p) {
        var m = new HashMap<String, String>();
        m.put("name", p.name());
        m.put("priority", p.priority().name());
        m.put("scope", p.serviceId() != null ? "service:" + p.serviceId() : p.productId() != null ? "product:" + p.productId() : "");
        m.put("acknowledgeMinutes", p.acknowledgeMinutes() == null ? "" : p.acknowledgeMinutes().toString());
        m.put("resolveMinutes", p.resolveMinutes() == null ? "" : p.resolveMinutes().toString());
        m.put("calendar", p.calendar().name());
        m.put("warningPercent", Integer.toString(p.warningPercent()));
        m.put("escalationPolicyId", p.escalationPolicyId() == null ? "" : p.escalationPolicyId().toString());
        return m;
    }

    private static Map<String, String> errors(RuntimeException e) {
        if (e instanceof InvalidInputException i) {
            return i.byField();
        }
        return Map.of("name", e.getMessage());
    }
}
