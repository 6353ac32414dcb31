package io.tocsin.identity.web;

import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in person's own profile, password and API tokens. */
@Controller
class ProfileController {

    private final Identity identity;
    private final ApiTokens tokens;

    ProfileController(Identity identity, ApiTokens tokens) {
        this.identity = identity;
        this.tokens = tokens;
    }

    @GetMapping("/profile")
    String profile(Model model) {
        return page(model, Map.of());
    }

    @PostMapping("/profile")
    String update(@RequestParam String name, @RequestParam String email, @RequestParam(required = false) String phone,
            @RequestParam String timeZone, @RequestParam String locale, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            identity.updateProfile(me(), new Identity.UserProfile(name, email, timeZone, locale, phone));
            redirect.addFlashAttribute("flash", "✓");
            return "redirect:/profile?lang=" + locale;
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(model, e.byField());
        } catch (ConflictException e) {
            response.setStatus(409);
            return page(model, Map.of("email", e.getMessage()));
        }
    }

    @PostMapping("/profile/password")
    String password(@RequestParam String currentPassword, @RequestParam String newPassword, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            identity.changePassword(me(), currentPassword, newPassword, true);
            redirect.addFlashAttribute("flash", "✓");
            return "redirect:/profile";
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(model, e.byField());
        }
    }

    @PostMapping("/profile/tokens")
    String createToken(@RequestParam String name, Model model, HttpServletResponse response) {
        try {
            var created = tokens.create(me(), name);
            // Rendered directly (not redirected) so the secret never travels in a URL or a session.
            model.addAttribute("newToken", created.token());
            return page(model, Map.of());
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(model, e.byField());
        }
    }

    @PostMapping("/profile/tokens/{id}/revoke")
    String revoke(@PathVariable UUID id) {
        tokens.revoke(me(), id);
        return "redirect:/profile#api-tokens";
    }

    private String page(Model model, Map<String, String> errors) {
        model.addAttribute("user", identity.user(me()));
        model.addAttribute("tokens", tokens.of(me()));
        model.addAttribute("zones", ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/")).sorted().toList());
        model.addAttribute("errors", errors);
        return "identity/profile";
    }

    private static UUID me() {
        return CurrentActor.principal().orElseThrow().userId();
    }

}
