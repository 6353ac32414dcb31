package io.tocsin.notify.web;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.Identity;
import io.tocsin.identity.PersonalData;
import io.tocsin.identity.User;
import io.tocsin.notify.ContactMethods;
import io.tocsin.notify.Delivery;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.Notifications;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of an alert or incident, one delivery with its attempts, and who cannot be reached at all. */
@RestController
@RequestMapping("/api/v1/notify")
@Tag(name = "Delivery log", description = "Who was notified how and when, with provider ids, retries and errors")
class DeliveryLogApiController {

    private final Notifications notifications;
    private final ContactMethods contactMethods;
    private final Identity identity;
    private final PersonalData personalData;

    DeliveryLogApiController(Notifications notifications, ContactMethods contactMethods, Identity identity,
            PersonalData personalData) {
        this.notifications = notifications;
        this.contactMethods = contactMethods;
        this.identity = identity;
        this.personalData = personalData;
    }

    /** Everything sent about an alert or incident, or only one kind of it (e.g. {@code kind=UPDATE}: stakeholder mail). */
    @GetMapping("/deliveries")
    @Operation(summary = "Deliveries about an alert or incident (subjectType narrows it to one kind of subject, kind"
            + " to one kind of message, e.g. UPDATE for stakeholder mail)")
    List<DeliveryView> forSubject(@RequestParam(required = false) String subjectType, @RequestParam String subjectId,
            @RequestParam(required = false) DeliveryKind kind) {
        List<Delivery> deliveries;
        if (subjectType == null || subjectType.isBlank()) {
            deliveries = notifications.forSubjectId(subjectId).stream().filter(d -> kind == null || d.kind() == kind).toList();
        } else {
            var type = NotifyRequests.subjectType(subjectType);
            deliveries = kind == null ? notifications.forSubject(type, subjectId)
                    : notifications.forSubject(type, subjectId, kind);
        }
        return deliveries.stream()
                .map(d -> DeliveryView.of(d, notifications.attempts(d.id())).forViewer()).toList();
    }

    @GetMapping("/deliveries/{id}")
    DeliveryView delivery(@PathVariable UUID id) {
        return DeliveryView.of(notifications.delivery(id), notifications.attempts(id)).forViewer();
    }

    record Unreachable(UUID id, String name, String email) {
    }

    /**
     * Active people with no verified contact method: a page could not reach them. Their e-mail address only where
     * the viewer may see it (issue 15 point 3).
     */
    @GetMapping("/unreachable-users")
    List<Unreachable> unreachable() {
        var visible = personalData.visibleToViewer();
        Collection<User> active = identity.users().stream().filter(User::active).toList();
        var ids = contactMethods.usersWithoutVerifiedMethod(active.stream().map(User::id).toList());
        return active.stream().filter(u -> ids.contains(u.id()))
                .map(u -> new Unreachable(u.id(), u.name(), visible.test(u.id()) ? u.email() : null)).toList();
    }
}
