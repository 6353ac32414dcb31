package io.tocsin.assist.web;

import java.util.LinkedHashMap;
import java.util.Locale;

import io.tocsin.assist.AssistException;
import io.tocsin.assist.internal.Drafts;
import io.tocsin.comms.UpdateTemplate;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Draft with assistant" buttons (issue 18 point 3): each asks for a draft and puts it into the normal
 * composer, the update form on the incident page ({@code keptUpdate}, the same values the form keeps after a
 * refused send) or the postmortem's section forms ({@code draftValues}). Nothing is posted or saved: the person
 * reads, edits and sends it with the composer's own button.
 */
@Controller
class AssistPageController {

    private final Drafts drafts;
    private final MessageSource messages;

    AssistPageController(Drafts drafts, MessageSource messages) {
        this.drafts = drafts;
        this.messages = messages;
    }

    /**
     * What the update composer shows in its fields (the accessors its template reads); serializable, since flash
     * attributes live in the sessions shared across nodes.
     */
    record ComposerValues(String template, String language, String summary, String customerImpact, String affected,
            String rootCause, String expectedRecovery, String currentStatus, String nextSteps, String nextUpdateAt,
            String keyFigures) implements java.io.Serializable {
    }

    @PostMapping("/incidents/{key}/assist/update-draft")
    String updateDraft(@PathVariable String key, @RequestParam(required = false) String template,
            @RequestParam(required = false) String language, Locale locale, RedirectAttributes redirect) {
        String chosen = template == null || template.isBlank() ? "INTERNAL/FOLLOW_UP" : template;
        return act(key, locale, redirect, "/incidents/" + key + "#updates", () -> {
            var t = UpdateTemplate.parse(chosen);
            var d = drafts.update(key, t.audience(), t.kind(), language, locale).draft();
            redirect.addFlashAttribute("keptUpdate", new ComposerValues(chosen, language == null ? "" : language,
                    d.summary(), d.customerImpact(), d.affected(), d.rootCause(), d.expectedRecovery(),
                    String.join("\n", d.currentStatus()), String.join("\n", d.nextSteps()), null, null));
            redirect.addFlashAttribute("flash", messages.getMessage("assist.drafted.update", null, locale));
        });
    }

    @PostMapping("/incidents/{key}/assist/catch-up")
    String catchUp(@PathVariable String key, Locale locale, RedirectAttributes redirect) {
        return act(key, locale, redirect, "/incidents/" + key + "#assist", () -> {
            var c = drafts.catchUp(key, locale, zone());
            redirect.addFlashAttribute("assistCatchUp", c);
            String summary = c.text().length() <= 1000 ? c.text() : c.text().substring(0, 999) + "…";
            redirect.addFlashAttribute("keptUpdate", new ComposerValues("INTERNAL/FOLLOW_UP", "", summary, null, null,
                    null, null, null, null, null, null));
        });
    }

    @PostMapping("/incidents/{key}/assist/severity")
    String severity(@PathVariable String key, Locale locale, RedirectAttributes redirect) {
        return act(key, locale, redirect, "/incidents/" + key + "#assist",
                () -> redirect.addFlashAttribute("assistSeverity", drafts.severity(key, locale)));
    }

    @PostMapping("/incidents/{key}/postmortem/assist")
    String postmortem(@PathVariable String key, Locale locale, RedirectAttributes redirect) {
        return act(key, locale, redirect, "/incidents/" + key + "/postmortem", () -> {
            var values = new LinkedHashMap<String, String>();
            drafts.postmortem(key).sections().forEach((code, body) -> values.put("section." + code, body));
            redirect.addFlashAttribute("draftValues", values);
            redirect.addFlashAttribute("flash", messages.getMessage("assist.drafted.postmortem", null, locale));
        });
    }

    private String act(String key, Locale locale, RedirectAttributes redirect, String target, Runnable action) {
        try {
            action.run();
        } catch (AssistException e) {
            redirect.addFlashAttribute("flashError", messages.getMessage("assist.problem." + e.reason().type, null,
                    locale) + " (" + e.getMessage() + ")");
        } catch (InvalidInputException | NotFoundException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:" + target;
    }

    private static java.time.ZoneId zone() {
        return CurrentActor.principal().map(TocsinPrincipal::zone).orElse(java.time.ZoneId.of("UTC"));
    }
}
