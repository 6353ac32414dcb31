package io.tocsin.web;

import java.util.Set;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A page per service: what it is, who owns it, its open and recent incidents, and what modules add. */
@Controller
class ServicePageController {

    private final Catalog catalog;
    private final Identity identity;
    private final Incidents incidents;
    private final IncidentRows rows;

    @Bean
    static NavigationItem servicesNavigation() {
        return new NavigationItem(Section.CONFIGURATION, "nav.services", "/services", 10);
    }

    ServicePageController(Catalog catalog, Identity identity, Incidents incidents, IncidentRows rows) {
        this.catalog = catalog;
        this.identity = identity;
        this.incidents = incidents;
        this.rows = rows;
    }

    @GetMapping("/services")
    String services(Model model) {
        var teams = identity.teams().stream().collect(java.util.stream.Collectors.toMap(t -> t.id(), t -> t.name()));
        model.addAttribute("services", catalog.services());
        model.addAttribute("teamNames", teams);
        model.addAttribute("teams", identity.teams());
        model.addAttribute("products", catalog.products());
        return "services/list";
    }

    @GetMapping("/services/{id}")
    String service(@PathVariable UUID id, Model model) {
        var service = catalog.service(id);
        model.addAttribute("service", service);
        model.addAttribute("team", identity.findTeam(service.owningTeamId()).orElse(null));
        model.addAttribute("open", rows.of(incidents.list(new IncidentFilter(
                Set.of(IncidentStatus.NEW, IncidentStatus.FIXING), Set.of(), id, null, null, null, 100, 0))));
        model.addAttribute("recent", rows.of(incidents.list(new IncidentFilter(
                Set.of(IncidentStatus.RESOLVED, IncidentStatus.CLOSED), Set.of(), id, null, null, null, 10, 0))));
        return "services/show";
    }
}
