package io.tocsin.notify.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.notify.ContactMethods;
import io.tocsin.notify.NotificationRule;
import io.tocsin.notify.Notifications;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Administrators' view of a person's contact methods, rules and deliveries (the {@code /api/v1/users/**} paths are
 * admin-only). Only here can a webhook to a private or loopback address be allowed.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}")
@Tag(name = "Users' notifications", description = "A person's contact methods, rules and deliveries (admin)")
class UserNotificationsApiController {

    private final ContactMethods contactMethods;
    private final Notifications notifications;
    private final Identity identity;

    UserNotificationsApiController(ContactMethods contactMethods, Notifications notifications, Identity identity) {
        this.contactMethods = contactMethods;
        this.notifications = notifications;
        this.identity = identity;
    }

    @GetMapping("/contact-methods")
    List<ContactMethodView> methods(@PathVariable UUID userId) {
        requireAdmin();
        identity.user(userId);
        return contactMethods.methodsOf(userId).stream().map(ContactMethodView::of).toList();
    }

    @PostMapping("/contact-methods")
    ResponseEntity<ContactMethodView> add(@PathVariable UUID userId,
            @Valid @RequestBody NotifyRequests.NewMethodByAdmin body) {
        var created = contactMethods.add(userId, new ContactMethods.NewContactMethod(body.type(), body.name(),
                body.destination(), Boolean.TRUE.equals(body.allowPrivateTarget())));
        return ResponseEntity.created(URI.create("/api/v1/users/" + userId + "/contact-methods/" + created.method().id()))
                .body(ContactMethodView.of(created.method(), created.webhookSecret()));
    }

    /** Reads are open to everyone signed in under /api/v1/users; people's contact details are not. */
    private static void requireAdmin() {
        if (CurrentActor.principal().map(p -> p.role() != Role.ADMIN).orElse(true)) {
            throw new AccessDeniedException("only administrators see other people's contact methods and deliveries");
        }
    }

    @DeleteMapping("/contact-methods/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID userId, @PathVariable UUID id) {
        contactMethods.delete(userId, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/notification-rules")
    List<NotificationRule> rules(@PathVariable UUID userId) {
        requireAdmin();
        identity.user(userId);
        return contactMethods.rulesOf(userId);
    }

    @GetMapping("/deliveries")
    List<DeliveryView> deliveries(@PathVariable UUID userId, @RequestParam(defaultValue = "100") int limit) {
        requireAdmin();
        identity.user(userId);
        return notifications.forUser(userId, limit).stream().map(d -> DeliveryView.of(d, null)).toList();
    }
}
