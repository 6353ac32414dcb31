package io.tocsin.assist.web;

import java.util.Map;

import io.tocsin.assist.internal.AssistSettingsStore;
import io.tocsin.incidents.Incident;
import io.tocsin.shared.UiPanel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the assistant's buttons appear: in the update composer, in the postmortem, and a box on the incident page
 * with the catch-up and the severity suggestion. Shown only while the organisation has the assistant on.
 */
@Configuration
class AssistPanels {

    @Bean
    UiPanel assistComposerActions(AssistSettingsStore settings) {
        return UiPanel.of(UiPanel.UPDATE_COMPOSER, 10, "assist/panels",
                c -> Map.of("on", settings.current().enabled() && settings.current().hasEndpoint(), "key",
                        String.valueOf(c.subject())));
    }

    @Bean
    UiPanel assistPostmortemActions(AssistSettingsStore settings) {
        return UiPanel.of(UiPanel.POSTMORTEM_ACTIONS, 10, "assist/postmortem-panel", c -> Map.of("on",
                settings.current().enabled() && settings.current().hasEndpoint(), "key", String.valueOf(c.subject())));
    }

    @Bean
    UiPanel assistIncidentPanel(AssistSettingsStore settings) {
        return UiPanel.of(UiPanel.INCIDENT_SIDE, 5, "assist/incident-panel", c -> {
            var s = settings.current();
            return c.subject() instanceof Incident incident
                    ? Map.of("on", s.enabled(), "model", s.hasEndpoint(), "key", incident.key())
                    : Map.of("on", false);
        });
    }
}
