package io.tocsin.escalation.web;

import java.util.Map;
import java.util.UUID;

import io.tocsin.escalation.internal.Runs;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.PersonalData;
import io.tocsin.identity.User;
import io.tocsin.incidents.Incident;
import io.tocsin.notify.SubjectType;
import io.tocsin.shared.UiPanel;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The escalation box on the incident page (issue point 9): who is being paged, at which level, who answered, the
 * acknowledge and resolve buttons, and a link to the delivery log. Alerts' own page has its buttons already; they
 * stop the runs through {@code AlertAcknowledged}/{@code AlertResolved}.
 */
@Controller
class EscalationUi implements UiPanel {

    private final Runs runs;
    private final MessageSource messages;
    private final Identity identity;
    private final PersonalData personalData;

    EscalationUi(Runs runs, MessageSource messages, Identity identity, PersonalData personalData) {
        this.runs = runs;
        this.messages = messages;
        this.identity = identity;
        this.personalData = personalData;
    }

    @Override
    public String page() {
        return UiPanel.INCIDENT_SIDE;
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public String template() {
        return "escalation/panel";
    }

    @Override
    public Map<String, Object> model(Context context) {
        if (!(context.subject() instanceof Incident incident)) {
            return Map.of("runs", java.util.List.of());
        }
        var list = runs.ofIncident(incident.id()).stream()
                .map(r -> EscalationViews.RunView.of(r, runs.pages(r.id()))).toList();
        // Phone and e-mail of the people paged, for whoever may see them (issue 15 point 3): the responders of the
        // open incident call them directly; everyone else sees the names only.
        var visible = personalData.visibleToViewer();
        var paged = list.stream().flatMap(r -> r.pages().stream()).map(EscalationViews.PageView::userId)
                .filter(visible).distinct().toList();
        Map<UUID, User> contacts = identity.usersById(paged);
        return Map.of("runs", list, "incidentKey", incident.key(), "contacts", contacts);
    }

    @PostMapping("/escalation-runs/{id}/acknowledge")
    String acknowledge(@PathVariable UUID id, RedirectAttributes redirect) {
        return answer(id, false, redirect);
    }

    @PostMapping("/escalation-runs/{id}/resolve")
    String resolve(@PathVariable UUID id, RedirectAttributes redirect) {
        return answer(id, true, redirect);
    }

    private String answer(UUID id, boolean resolve, RedirectAttributes redirect) {
        var outcome = runs.answer(id, resolve, CurrentActor.get());
        redirect.addFlashAttribute("flash", messages.getMessage("escalation.ui." + outcome.name(), null,
                LocaleContextHolder.getLocale()));
        var run = runs.run(id);
        return "redirect:" + (run.subject().type() == SubjectType.INCIDENT ? "/incidents/" + run.subject().key()
                : "/alerts/" + run.subject().id());
    }
}
