package io.tocsin.web;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The first page at 3 a.m.: open incidents, major first, then the longest-running; then whatever modules add
 * (alerts, who is on call).
 */
@Controller
class DashboardController {

    private final Incidents incidents;
    private final IncidentRows rows;
    private final Catalog catalog;

    @Bean
    static NavigationItem dashboardNavigation() {
        return new NavigationItem(Section.MAIN, "nav.dashboard", "/", 0);
    }

    DashboardController(Incidents incidents, IncidentRows rows, Catalog catalog) {
        this.incidents = incidents;
        this.rows = rows;
        this.catalog = catalog;
    }

    @GetMapping("/")
    String dashboard(@RequestParam(required = false) Set<IncidentStatus> status,
            @RequestParam(required = false) Set<Integer> severity, @RequestParam(required = false) UUID serviceId,
            Model model) {
        Set<IncidentStatus> statuses = status == null || status.isEmpty()
                ? EnumSet.of(IncidentStatus.NEW, IncidentStatus.FIXING) : status;
        var filter = new IncidentFilter(statuses, severity, serviceId, null, null, null, 200, 0);
        var shown = rows.of(incidents.list(filter));
        model.addAttribute("rows", shown);
        // Issue 13: what is wrong and who has it, before the full list: all major incidents, and the viewer's own.
        var open = status == null && severity == null && serviceId == null ? shown
                : rows.of(incidents.list(new IncidentFilter(EnumSet.of(IncidentStatus.NEW, IncidentStatus.FIXING),
                        null, null, null, null, null, 200, 0)));
        var me = io.tocsin.identity.CurrentActor.principal().map(io.tocsin.identity.TocsinPrincipal::userId).orElse(null);
        model.addAttribute("majorRows", open.stream().filter(r -> r.incident().major()).toList());
        model.addAttribute("myRows", open.stream().filter(r -> me != null && me.equals(r.incident().incidentManagerId()))
                .toList());
        model.addAttribute("statuses", statuses);
        model.addAttribute("severities", severity == null ? Set.of() : severity);
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("services", catalog.services());
        model.addAttribute("allStatuses", IncidentStatus.values());
        return "dashboard";
    }
}
