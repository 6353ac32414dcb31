package io.tocsin.alerts.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.AlertStatus;
import io.tocsin.alerts.internal.Alerts;
import io.tocsin.alerts.internal.format.Adjustments;
import io.tocsin.alerts.internal.format.Json;
import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The alert pages (R4): list with search and filters, and one alert with its history and actions. */
@Controller
class AlertPageController {

    private final Alerts alerts;
    private final Catalog catalog;
    private final Incidents incidents;
    private final JsonMapper json;

    AlertPageController(Alerts alerts, Catalog catalog, Incidents incidents, JsonMapper json) {
        this.alerts = alerts;
        this.catalog = catalog;
        this.incidents = incidents;
        this.json = json;
    }

    @Configuration(proxyBeanMethods = false)
    static class Navigation {
        @Bean
        NavigationItem alertsNavigation() {
            return new NavigationItem(Section.MAIN, "nav.alerts", "/alerts", 20);
        }
    }

    @GetMapping("/alerts")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) Set<AlertStatus> status,
            @RequestParam(required = false) Set<AlertSeverity> severity, @RequestParam(required = false) UUID serviceId,
            Model model) {
        var found = alerts.list(new Alerts.Filter(status, severity, serviceId, null, q, null, null, 200, 0));
        model.addAttribute("alerts", found);
        model.addAttribute("serviceNames", catalog.services().stream()
                .collect(Collectors.toMap(Service::id, Service::name, (a, b) -> a)));
        model.addAttribute("services", catalog.services());
        model.addAttribute("q", q);
        model.addAttribute("statuses", status == null ? Set.of() : status);
        model.addAttribute("severities", severity == null ? Set.of() : severity);
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("allStatuses", EnumSet.allOf(AlertStatus.class));
        model.addAttribute("allSeverities", EnumSet.allOf(AlertSeverity.class));
        return "alerts/list";
    }

    @GetMapping("/alerts/{id}")
    String show(@PathVariable UUID id, Model model) {
        var alert = alerts.get(id);
        model.addAttribute("alert", alert);
        model.addAttribute("sources", alerts.sources(id));
        model.addAttribute("history", alerts.history(id));
        model.addAttribute("members", alerts.members(id));
        model.addAttribute("adjustments", adjustments(alert.details()));
        model.addAttribute("serviceName", catalog.findService(alert.serviceId()).map(Service::name).orElse("?"));
        model.addAttribute("incident", alert.incidentId() == null ? null
                : incidents.find(alert.incidentId()).orElse(null));
        return "alerts/show";
    }

    @PostMapping("/alerts/{id}/acknowledge")
    String acknowledge(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, a -> alerts.acknowledge(a));
    }

    @PostMapping("/alerts/{id}/resolve")
    String resolve(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, a -> alerts.resolve(a));
    }

    @PostMapping("/alerts/{id}/promote")
    String promote(@PathVariable UUID id, @RequestParam(defaultValue = "3") int severity, RedirectAttributes redirect) {
        try {
            var incident = alerts.promote(id, severity, null);
            return "redirect:/incidents/" + incident.key();
        } catch (ConflictException | InvalidInputException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/alerts/" + id;
        }
    }

    /** What Tocsin changed to store the alert (issue 17), as its details record it under {@code tocsin.adjusted}. */
    private List<Adjustments.Adjustment> adjustments(String details) {
        if (details == null || !details.contains("\"" + Json.TOCSIN + "\"")) {
            return List.of();
        }
        var adjusted = json.readTree(details).path(Json.TOCSIN).path("adjusted");
        var list = new ArrayList<Adjustments.Adjustment>();
        for (var a : adjusted) {
            var kind = a.path("kind").asString("");
            if (EnumSet.allOf(Adjustments.Kind.class).stream().noneMatch(k -> k.name().equals(kind))) {
                continue;
            }
            list.add(new Adjustments.Adjustment(a.path("field").asString(""), Adjustments.Kind.valueOf(kind),
                    a.path("length").isNumber() ? a.path("length").asInt() : null,
                    a.path("kept").isNumber() ? a.path("kept").asInt() : null,
                    a.path("reason").isString() ? a.path("reason").asString() : null));
        }
        return list;
    }

    private String act(UUID id, RedirectAttributes redirect, Function<UUID, Object> action) {
        try {
            action.apply(id);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/alerts/" + id;
    }

}
