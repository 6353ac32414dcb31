package io.tocsin.notify.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.notify.ContactMethods;
import io.tocsin.notify.NotificationRule;
import io.tocsin.notify.Notifications;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Your own contact methods, notification rules and delivery log (R12). */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "My notifications", description = "Your contact methods (verified by a code), notification rules and delivery log")
class MyNotificationsApiController {

    private final ContactMethods contactMethods;
    private final Notifications notifications;

    MyNotificationsApiController(ContactMethods contactMethods, Notifications notifications) {
        this.contactMethods = contactMethods;
        this.notifications = notifications;
    }

    @GetMapping("/contact-methods")
    List<ContactMethodView> methods() {
        return contactMethods.methodsOf(me()).stream().map(ContactMethodView::of).toList();
    }

    /**
     * Adds a method and sends it a verification code. Webhooks to private addresses need an administrator. A
     * browser's push subscription is added as {@code {"type": "PUSH", "destination": <endpoint>, "keys": {"p256dh",
     * "auth"}}}, its code arriving as a notification on the device.
     */
    @PostMapping("/contact-methods")
    ResponseEntity<ContactMethodView> add(@Valid @RequestBody NotifyRequests.NewMethod body) {
        var created = contactMethods.add(me(), new ContactMethods.NewContactMethod(body.type(), body.name(),
                body.destination(), false, body.keys() == null ? null : body.keys().toKeys()));
        return ResponseEntity.created(URI.create("/api/v1/me/contact-methods/" + created.method().id()))
                .body(ContactMethodView.of(created.method(), created.webhookSecret()));
    }

    @GetMapping("/contact-methods/{id}")
    ContactMethodView method(@PathVariable UUID id) {
        return ContactMethodView.of(contactMethods.method(me(), id));
    }

    @PostMapping("/contact-methods/{id}/verification")
    ResponseEntity<ContactMethodView> resend(@PathVariable UUID id) {
        return ResponseEntity.accepted().body(ContactMethodView.of(contactMethods.resendCode(me(), id)));
    }

    @PostMapping("/contact-methods/{id}/verify")
    ContactMethodView verify(@PathVariable UUID id, @Valid @RequestBody NotifyRequests.Code body) {
        return ContactMethodView.of(contactMethods.verify(me(), id, body.code()));
    }

    @DeleteMapping("/contact-methods/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        contactMethods.delete(me(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/notification-rules")
    List<NotificationRule> rules() {
        return contactMethods.rulesOf(me());
    }

    @PostMapping("/notification-rules")
    ResponseEntity<NotificationRule> addRule(@Valid @RequestBody NotifyRequests.NewRule body) {
        var rule = contactMethods.addRule(me(), body.contactMethodId(), body.delayMinutes());
        return ResponseEntity.created(URI.create("/api/v1/me/notification-rules/" + rule.id())).body(rule);
    }

    @DeleteMapping("/notification-rules/{id}")
    ResponseEntity<Void> deleteRule(@PathVariable UUID id) {
        contactMethods.deleteRule(me(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/deliveries")
    List<DeliveryView> deliveries(@RequestParam(defaultValue = "100") int limit) {
        return notifications.forUser(me(), limit).stream().map(d -> DeliveryView.of(d, null)).toList();
    }

    private static UUID me() {
        return CurrentActor.principal().map(TocsinPrincipal::userId).orElseThrow();
    }
}
