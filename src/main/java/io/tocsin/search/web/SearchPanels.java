package io.tocsin.search.web;

import java.util.Map;

import io.tocsin.incidents.Incident;
import io.tocsin.shared.UiPanel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The incident page's box of similar past incidents: right under the known-error workaround (order 1). */
@Configuration(proxyBeanMethods = false)
class SearchPanels {

    @Bean
    UiPanel similarIncidentsPanel() {
        return UiPanel.of(UiPanel.INCIDENT_SIDE, 2, "search/similar-panel",
                c -> c.subject() instanceof Incident i ? Map.of("key", i.key()) : Map.of());
    }
}
