package io.tocsin.notify.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.Notifications;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.UiPanel;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The notify parts of the UI: contact methods and notification rules as a panel on the profile page (R12), and the
 * delivery log (yours; anyone's for administrators; per alert or incident).
 */
@Controller
class NotifyUi {

    private final ContactMethods contactMethods;
    private final Notifications notifications;
    private final Identity identity;
    private final MessageSource messages;

    NotifyUi(ContactMethods contactMethods, Notifications notifications, Identity identity, MessageSource messages) {
        this.contactMethods = contactMethods;
        this.notifications = notifications;
        this.identity = identity;
        this.messages = messages;
    }

    @Configuration(proxyBeanMethods = false)
    static class Contributions {

        @Bean
        NavigationItem deliveriesNavigation() {
            return new NavigationItem(Section.PERSONAL, "notify.nav.deliveries", "/notify/deliveries", 20);
        }

        @Bean
        UiPanel contactMethodsPanel(ContactMethods contactMethods) {
            return new UiPanel() {
                @Override
                public String page() {
                    return PROFILE;
                }

                @Override
                public int order() {
                    return 10;
                }

                @Override
                public String template() {
                    return "notify/panels";
                }

                @Override
                public Map<String, Object> model(Context context) {
                    var methods = contactMethods.methodsOf(context.viewerId());
                    return Map.of("methods", methods, "rules", contactMethods.rulesOf(context.viewerId()),
                            "types", java.util.Arrays.stream(ContactMethodType.values())
                                    .filter(t -> t != ContactMethodType.PUSH && t != ContactMethodType.CHAT).toList(),
                            "reachable", methods.stream().anyMatch(m -> m.usable()));
                }
            };
        }
    }

    @PostMapping("/profile/contact-methods")
    String add(@RequestParam ContactMethodType type, @RequestParam(required = false) String name,
            @RequestParam String destination, RedirectAttributes redirect) {
        return act(redirect, () -> contactMethods.add(me(), new ContactMethods.NewContactMethod(type, name,
                destination, false)), "notify.ui.code-sent");
    }

    @PostMapping("/profile/contact-methods/{id}/verify")
    String verify(@PathVariable UUID id, @RequestParam String code, RedirectAttributes redirect) {
        return act(redirect, () -> contactMethods.verify(me(), id, code), "notify.ui.verified");
    }

    @PostMapping("/profile/contact-methods/{id}/resend")
    String resend(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, () -> contactMethods.resendCode(me(), id), "notify.ui.code-sent");
    }

    @PostMapping("/profile/contact-methods/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, () -> contactMethods.delete(me(), id), "notify.ui.deleted");
    }

    @PostMapping("/profile/notification-rules")
    String addRule(@RequestParam UUID contactMethodId, @RequestParam int delayMinutes, RedirectAttributes redirect) {
        return act(redirect, () -> contactMethods.addRule(me(), contactMethodId, delayMinutes), "notify.ui.rule-added");
    }

    @PostMapping("/profile/notification-rules/{id}/delete")
    String deleteRule(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(redirect, () -> contactMethods.deleteRule(me(), id), "notify.ui.deleted");
    }

    @GetMapping("/notify/deliveries")
    String deliveries(@RequestParam(required = false) UUID userId, @RequestParam(required = false) String subjectType,
            @RequestParam(required = false) String subjectId, @RequestParam(required = false) DeliveryKind kind,
            Model model) {
        var viewer = CurrentActor.principal().orElseThrow();
        List<DeliveryView> rows;
        if (subjectType != null && subjectId != null) {
            var type = NotifyRequests.subjectType(subjectType);
            rows = (kind == null ? notifications.forSubject(type, subjectId)
                    : notifications.forSubject(type, subjectId, kind)).stream()
                    .map(d -> DeliveryView.of(d, null).forViewer()).toList();
            model.addAttribute("subjectType", subjectType);
            model.addAttribute("subjectId", subjectId);
            model.addAttribute("kind", kind);
            model.addAttribute("kinds", DeliveryKind.values());
            model.addAttribute("heading", subjectType + " " + rows.stream().map(r -> r.subject().key())
                    .filter(java.util.Objects::nonNull).findFirst().orElse(subjectId));
        } else {
            UUID whose = userId == null ? viewer.userId() : userId;
            if (!whose.equals(viewer.userId()) && viewer.role() != Role.ADMIN) {
                throw new AccessDeniedException("only administrators see other people's deliveries");
            }
            rows = notifications.forUser(whose, 200).stream().map(d -> DeliveryView.of(d, null)).toList();
            model.addAttribute("heading", identity.findUser(whose).map(u -> u.name())
                    .orElseThrow(() -> new NotFoundException("user", whose)));
        }
        var names = identity.usersById(rows.stream().map(DeliveryView::userId).toList());
        model.addAttribute("rows", rows);
        model.addAttribute("names", names);
        return "notify/deliveries";
    }

    private String act(RedirectAttributes redirect, Runnable action, String doneKey) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", text(doneKey));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", e.violations().stream().map(v -> v.field() + ": " + v.message())
                    .reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
        } catch (ConflictException | NotFoundException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/profile#notifications";
    }

    private String text(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private static UUID me() {
        return CurrentActor.principal().map(TocsinPrincipal::userId).orElseThrow();
    }
}
