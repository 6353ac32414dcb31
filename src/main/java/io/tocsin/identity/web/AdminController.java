package io.tocsin.identity.web;

import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.shared.ConflictException;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration of people and teams (role admin). */
@Controller
class AdminController {

    private final Identity identity;

    @Bean
    static NavigationItem peopleNavigation() {
        return new NavigationItem(Section.ADMINISTRATION, "nav.admin", "/admin/users", 10, Role.ADMIN.name());
    }

    AdminController(Identity identity) {
        this.identity = identity;
    }

    @GetMapping("/admin/users")
    String page(Model model) {
        return page(model, Map.of());
    }

    @PostMapping("/admin/users")
    String createUser(@RequestParam String name, @RequestParam String email, @RequestParam Role role,
            @RequestParam(required = false) String timeZone, @RequestParam(required = false) String locale,
            @RequestParam(required = false) String password, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            identity.createUser(new Identity.NewUser(name, email, timeZone, locale, role,
                    password == null || password.isBlank() ? null : password));
            redirect.addFlashAttribute("flash", "✓ " + name);
            return "redirect:/admin/users";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(model, e.byField());
        } catch (ConflictException e) {
            response.setStatus(409);
            return page(model, Map.of("email", e.getMessage()));
        }
    }

    @PostMapping("/admin/users/{id}/role")
    String role(@PathVariable UUID id, @RequestParam Role role) {
        identity.changeRole(id, role);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/teams")
    String createTeam(@RequestParam String name, @RequestParam(required = false) String description,
            RedirectAttributes redirect) {
        try {
            identity.createTeam(name, description);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/teams/{id}/members")
    String addMember(@PathVariable UUID id, @RequestParam UUID userId,
            @RequestParam(defaultValue = "false") boolean lead) {
        identity.putMember(id, userId, lead);
        return "redirect:/admin/users";
    }

    private String page(Model model, Map<String, String> errors) {
        var users = identity.users();
        model.addAttribute("users", users);
        model.addAttribute("usersById", users.stream().collect(java.util.stream.Collectors.toMap(u -> u.id(), u -> u)));
        model.addAttribute("teams", identity.teams());
        model.addAttribute("roles", Role.values());
        model.addAttribute("teamRoles", io.tocsin.identity.TeamRole.values());
        model.addAttribute("errors", errors);
        return "identity/admin";
    }
}
