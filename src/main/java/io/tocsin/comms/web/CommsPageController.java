package io.tocsin.comms.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import io.tocsin.catalog.Catalog;
import io.tocsin.comms.IncidentChannels;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.Subscriptions;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateDraft;
import io.tocsin.comms.UpdateKind;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages and forms of comms: the internal status page (R22), the status document (R17), and the forms of the
 * roles panel and the updates composer on the incident page. Every action is also in the REST API.
 */
@Controller
class CommsPageController {

    private final Incidents incidents;
    private final IncidentRoles roles;
    private final IncidentUpdates updates;
    private final IncidentChannels channels;
    private final Subscriptions subscriptions;
    private final InternalStatus status;
    private final Catalog catalog;
    private final Timeline timeline;
    private final MessageSource messages;

    CommsPageController(Incidents incidents, IncidentRoles roles, IncidentUpdates updates, IncidentChannels channels,
            Subscriptions subscriptions, InternalStatus status, Catalog catalog, Timeline timeline,
            MessageSource messages) {
        this.incidents = incidents;
        this.roles = roles;
        this.updates = updates;
        this.channels = channels;
        this.subscriptions = subscriptions;
        this.status = status;
        this.catalog = catalog;
        this.timeline = timeline;
        this.messages = messages;
    }

    @GetMapping("/status/internal")
    String internalStatus(Locale locale, Model model) {
        model.addAttribute("rows", status.rows(locale));
        model.addAttribute("services", catalog.services());
        model.addAttribute("subscribed", subscriptions.servicesOf(me().userId()));
        return "comms/internal-status";
    }

    @PostMapping("/profile/subscriptions")
    String subscribe(@RequestParam UUID serviceId, @RequestParam(defaultValue = "true") boolean subscribe,
            RedirectAttributes redirect) {
        return act(redirect, "/status/internal", () -> {
            if (subscribe) {
                subscriptions.subscribe(me().userId(), serviceId);
            } else {
                subscriptions.unsubscribe(me().userId(), serviceId);
            }
            return null;
        });
    }

    @GetMapping("/incidents/{key}/status-document")
    String statusDocument(@PathVariable String key, Locale locale, Model model) {
        statusDocumentModel(key, locale, model);
        return "comms/status-document";
    }

    @GetMapping("/incidents/{key}/status-document/part")
    String statusDocumentPart(@PathVariable String key, Locale locale, Model model) {
        statusDocumentModel(key, locale, model);
        return "comms/status-document :: document";
    }

    private void statusDocumentModel(String key, Locale locale, Model model) {
        var incident = incidents.get(key);
        model.addAttribute("incident", incident);
        model.addAttribute("channels", channels.of(incident.key()));
        model.addAttribute("roles", roles.roles(incident.key(), locale).stream().filter(r -> !r.holders().isEmpty()).toList());
        model.addAttribute("latest", updates.latest(incident.id(), UpdateAudience.INTERNAL).orElse(null));
        var entries = timeline.of(incident.id());
        model.addAttribute("entries", entries);
        model.addAttribute("entryTexts", entries.stream().collect(java.util.stream.Collectors.toMap(e -> e.id(),
                e -> timeline.text(e, locale))));
    }

    @PostMapping("/incidents/{key}/roles/assign")
    String assign(@PathVariable String key, @RequestParam String role, @RequestParam UUID userId,
            RedirectAttributes redirect) {
        return act(redirect, "/incidents/" + key, () -> roles.assign(key, role, userId));
    }

    @PostMapping("/incidents/{key}/roles/create")
    String createRole(@PathVariable String key, @RequestParam String name,
            @RequestParam(required = false) String description, RedirectAttributes redirect) {
        return act(redirect, "/incidents/" + key, () -> roles.createRole(key, name, description));
    }

    @PostMapping("/incidents/{key}/roles/handover")
    String handOver(@PathVariable String key, @RequestParam String role, @RequestParam UUID fromUserId,
            @RequestParam UUID toUserId, RedirectAttributes redirect) {
        return act(redirect, "/incidents/" + key, () -> roles.handOver(key, role, fromUserId, toUserId));
    }

    @PostMapping("/incidents/{key}/roles/release")
    String release(@PathVariable String key, @RequestParam UUID assignmentId, RedirectAttributes redirect) {
        return act(redirect, "/incidents/" + key, () -> roles.release(key, assignmentId));
    }

    @PostMapping("/incidents/{key}/updates")
    String postUpdate(@PathVariable String key, UpdateForm form, Locale locale, RedirectAttributes redirect) {
        return act(redirect, "/incidents/" + key, () -> {
            var draft = form.draft(zone());
            // Issue 13: an internal update that reaches nobody by e-mail is posted only when the author says so.
            if (draft.audience() == UpdateAudience.INTERNAL && !Boolean.TRUE.equals(form.confirmNoRecipients())
                    && updates.preview(key, draft).recipientCount() == 0) {
                // The form comes back as it was, with the question: nothing typed is lost.
                redirect.addFlashAttribute("keptUpdate", form);
                throw new InvalidInputException("confirmNoRecipients",
                        messages.getMessage("comms.updates.no-recipients.refused", null, locale));
            }
            var update = updates.post(key, draft);
            redirect.addFlashAttribute("flash", messages.getMessage("comms.updates.sent",
                    new Object[] {update.recipientCount()}, locale));
            return update;
        });
    }

    @PostMapping("/incidents/{key}/updates/check")
    String check(@PathVariable String key, UpdateForm form, Model model) {
        try {
            model.addAttribute("preview", updates.preview(key, form.draft(zone())));
        } catch (InvalidInputException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "comms/updates-panel :: check";
    }

    /** The composer's fields; bullets one per line, the next update as local time in the viewer's zone. */
    /** Kept across the redirect as a flash attribute, so in the session, which lives in the database: serializable. */
    record UpdateForm(String template, String language, String summary, String customerImpact, String affected,
            String rootCause, String expectedRecovery, String currentStatus, String nextSteps, String nextUpdateAt,
            String keyFigures, String additionalRecipients, Boolean acknowledgeGaps, Boolean confirmNoRecipients)
            implements java.io.Serializable {

        UpdateDraft draft(java.time.ZoneId zone) {
            var parts = (template == null ? "INTERNAL/FOLLOW_UP" : template).split("/");
            UpdateAudience audience;
            UpdateKind kind;
            try {
                audience = UpdateAudience.valueOf(parts[0]);
                kind = UpdateKind.valueOf(parts.length > 1 ? parts[1] : "FOLLOW_UP");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("template", "unknown template " + template);
            }
            Instant next = null;
            if (nextUpdateAt != null && !nextUpdateAt.isBlank()) {
                try {
                    next = LocalDateTime.parse(nextUpdateAt).atZone(zone).toInstant();
                } catch (java.time.format.DateTimeParseException e) {
                    throw new InvalidInputException("nextUpdateAt", "not a date and time: " + nextUpdateAt);
                }
            }
            return new UpdateDraft(audience, kind, language == null || language.isBlank() ? null : language, summary,
                    customerImpact, affected, rootCause, expectedRecovery, lines(currentStatus), lines(nextSteps), next,
                    keyFigures, lines(additionalRecipients == null ? null : additionalRecipients.replace(',', '\n')),
                    acknowledgeGaps);
        }

        private static List<String> lines(String text) {
            return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(l -> l.replaceFirst("^\\s*[-*•]\\s*", ""))
                    .toList();
        }
    }

    private static String act(RedirectAttributes redirect, String target, Supplier<Object> action) {
        try {
            action.get();
        } catch (InvalidInputException | ConflictException | NotFoundException | AccessDeniedException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:" + target;
    }

    private static TocsinPrincipal me() {
        return CurrentActor.principal().orElseThrow();
    }

    private static java.time.ZoneId zone() {
        return CurrentActor.principal().map(TocsinPrincipal::zone).orElse(java.time.ZoneId.of("UTC"));
    }
}
