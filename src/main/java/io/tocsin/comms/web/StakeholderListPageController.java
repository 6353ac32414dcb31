package io.tocsin.comms.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.comms.StakeholderLists;
import io.tocsin.identity.Identity;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Distribution lists of stakeholders per service or for the whole organisation (R24). */
@Controller
class StakeholderListPageController {

    private final StakeholderLists lists;
    private final Catalog catalog;
    private final Identity identity;

    StakeholderListPageController(StakeholderLists lists, Catalog catalog, Identity identity) {
        this.lists = lists;
        this.catalog = catalog;
        this.identity = identity;
    }

    @Bean
    static NavigationItem stakeholdersNavigation() {
        return new NavigationItem(Section.COMMUNICATION, "nav.stakeholders", "/stakeholders", 20);
    }

    record Draft(String name, UUID serviceId, List<UUID> userIds, String emails) {
    }

    @GetMapping("/stakeholders")
    String page(Model model) {
        return page(model, new Draft("", null, List.of(), ""), Map.of());
    }

    @PostMapping("/stakeholders")
    String create(@RequestParam String name, @RequestParam(required = false) UUID serviceId,
            @RequestParam(required = false) List<UUID> userIds, @RequestParam(defaultValue = "") String emails,
            Model model, HttpServletResponse response) {
        var members = new ArrayList<StakeholderLists.Member>();
        if (userIds != null) {
            userIds.forEach(id -> members.add(new StakeholderLists.Member(id, null)));
        }
        Arrays.stream(emails.split("[\\r\\n,;]+")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(address -> members.add(new StakeholderLists.Member(null, address)));
        try {
            lists.create(name, serviceId, members);
            return "redirect:/stakeholders";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(model, new Draft(name, serviceId, userIds == null ? List.of() : userIds, emails), e.byField());
        }
    }

    @PostMapping("/stakeholders/{id}/delete")
    String delete(@PathVariable UUID id) {
        lists.delete(id);
        return "redirect:/stakeholders";
    }

    private String page(Model model, Draft draft, Map<String, String> errors) {
        var services = catalog.services();
        model.addAttribute("lists", lists.all());
        model.addAttribute("serviceNames", services.stream()
                .collect(java.util.stream.Collectors.toMap(s -> s.id(), s -> s.name())));
        model.addAttribute("services", services);
        model.addAttribute("people", identity.users().stream().filter(u -> u.active()).toList());
        model.addAttribute("draft", draft);
        model.addAttribute("errors", errors);
        // Member errors name the position (members[3].email); show them all next to the address field.
        model.addAttribute("memberErrors", errors.entrySet().stream().filter(e -> e.getKey().startsWith("members"))
                .map(e -> e.getValue()).toList());
        return "comms/stakeholders";
    }
}
