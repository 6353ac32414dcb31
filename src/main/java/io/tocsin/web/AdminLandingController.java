package io.tocsin.web;

import java.util.Comparator;
import java.util.List;

import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.SetupStep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /admin} (issue 13): the administrators' landing page. "Getting started" ticks itself from what the modules
 * report ({@link SetupStep}), then the administration and configuration pages, one click away.
 */
@Controller
class AdminLandingController {

    private final List<SetupStep> steps;
    private final List<NavigationItem> navigation;

    AdminLandingController(List<SetupStep> steps, List<NavigationItem> navigation) {
        this.steps = steps.stream().sorted(Comparator.comparingInt(SetupStep::order)).toList();
        this.navigation = navigation;
    }

    @Configuration(proxyBeanMethods = false)
    static class Contributions {

        @Bean
        NavigationItem adminLandingNavigation() {
            return new NavigationItem(Section.ADMINISTRATION, "nav.admin-home", "/admin", 5, Role.ADMIN.name());
        }

        @Bean
        SetupStep teamStep(Identity identity) {
            return SetupStep.of(10, "setup.team", "setup.team.hint", "/admin/users", () -> !identity.teams().isEmpty());
        }

        @Bean
        SetupStep serviceStep(Catalog catalog) {
            return SetupStep.of(20, "setup.service", "setup.service.hint", "/services", () -> catalog.services().stream()
                    .anyMatch(s -> !Service.UNKNOWN_ID.equals(s.id())));
        }
    }

    /** One line of the checklist, as shown. */
    record Item(SetupStep step, boolean done) {
    }

    @GetMapping("/admin")
    String landing(Model model) {
        var items = steps.stream().map(s -> new Item(s, s.done())).toList();
        model.addAttribute("steps", items);
        model.addAttribute("stepsDone", items.stream().filter(Item::done).count());
        model.addAttribute("pages", navigation.stream()
                .filter(n -> (n.section() == Section.ADMINISTRATION || n.section() == Section.CONFIGURATION)
                        && !n.path().equals("/admin"))
                .sorted(Comparator.comparing(NavigationItem::section).thenComparingInt(NavigationItem::order)).toList());
        return "admin";
    }
}
