package io.tocsin.comms.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.tocsin.comms.IncidentChannels;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateKind;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.UiPanel;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The incident page's roles, channels and updates panels, and the internal status page in the navigation. */
@Configuration
class CommsPanels {

    record Panel(String page, int order, String template, Function<UiPanel.Context, Map<String, Object>> content)
            implements UiPanel {

        @Override
        public Map<String, Object> model(Context context) {
            return context.subject() instanceof Incident ? content.apply(context) : Map.of();
        }
    }

    @Bean
    NavigationItem internalStatusNavigation() {
        return new NavigationItem(Section.COMMUNICATION, "nav.internal-status", "/status/internal", 10);
    }

    @Bean
    UiPanel channelsPanel(IncidentChannels channels) {
        return new Panel(UiPanel.INCIDENT_SIDE, 10, "comms/channels-panel",
                c -> Map.of("channels", channels.of(((Incident) c.subject()).key())));
    }

    @Bean
    UiPanel rolesPanel(IncidentRoles roles, Identity identity) {
        return new Panel(UiPanel.INCIDENT_SIDE, 20, "comms/roles-panel", c -> {
            var incident = (Incident) c.subject();
            var model = new HashMap<String, Object>();
            model.put("key", incident.key());
            model.put("roles", roles.roles(incident.key(), c.locale()));
            model.put("responders", roles.responders(incident.id()));
            model.put("fatigueAfter", roles.fatigueAfter());
            model.put("people", identity.users().stream().filter(u -> u.active()).toList());
            model.put("open", incident.status().name().equals("NEW") || incident.status().name().equals("FIXING")
                    || incident.status().name().equals("RESOLVED"));
            return model;
        });
    }

    @Bean
    UiPanel updatesPanel(IncidentUpdates updates, Clock clock) {
        return new Panel(UiPanel.INCIDENT_MAIN, 10, "comms/updates-panel", c -> {
            var incident = (Incident) c.subject();
            var model = new HashMap<String, Object>();
            model.put("key", incident.key());
            model.put("updates", updates.of(incident.id()).stream().limit(10).toList());
            var due = updates.nextDue(incident.id()).orElse(null);
            model.put("nextDue", due);
            model.put("overdue", due != null && due.isBefore(clock.instant()));
            model.put("cadence", updates.cadence(incident.severity()));
            model.put("templates", templateChoices());
            model.put("customerImpact", incident.assessment() == null ? null : incident.assessment().customerImpact());
            model.put("open", !incident.status().name().equals("CLOSED"));
            model.put("suggested", incident.status().name().equals("RESOLVED") ? "INTERNAL/FINAL"
                    : updates.latest(incident.id(), UpdateAudience.INTERNAL).isEmpty() ? "INTERNAL/INITIAL" : "INTERNAL/FOLLOW_UP");
            return model;
        });
    }

    static List<String> templateChoices() {
        return java.util.Arrays.stream(UpdateAudience.values()).flatMap(a -> java.util.Arrays.stream(UpdateKind.values())
                .map(k -> a.name() + "/" + k.name())).toList();
    }

}
