package io.tocsin.learning.web;

import java.util.HashMap;
import java.util.Map;

import io.tocsin.incidents.Incident;
import io.tocsin.learning.ActionItems;
import io.tocsin.learning.Postmortems;
import io.tocsin.learning.Problems;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.UiPanel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The learning module on other pages: the known-error workaround and the postmortem's state on the incident page,
 * one's overdue postmortems and action items on the dashboard, and its pages in the navigation.
 */
@Configuration(proxyBeanMethods = false)
class LearningPanels {

    @Bean
    NavigationItem postmortemsNavigation() {
        return new NavigationItem(Section.COMMUNICATION, "nav.postmortems", "/postmortems", 40);
    }

    @Bean
    NavigationItem actionItemsNavigation() {
        return new NavigationItem(Section.COMMUNICATION, "nav.action-items", "/action-items", 41);
    }

    @Bean
    NavigationItem problemsNavigation() {
        return new NavigationItem(Section.COMMUNICATION, "nav.problems", "/problems", 42);
    }

    /** First on the side: what helped last time is what a responder needs first. */
    @Bean
    UiPanel knownErrorPanel(Problems problems) {
        return UiPanel.of(UiPanel.INCIDENT_SIDE, 1, "learning/workaround-panel", c -> c.subject() instanceof Incident i
                ? Map.of("problems", problems.workaroundsFor(i.serviceId())) : Map.of());
    }

    @Bean
    UiPanel postmortemPanel(Postmortems postmortems) {
        return UiPanel.of(UiPanel.INCIDENT_SIDE, 5, "learning/postmortem-panel", c -> {
            if (!(c.subject() instanceof Incident i)) {
                return Map.of();
            }
            var model = new HashMap<String, Object>();
            var p = postmortems.forIncident(i.id()).orElse(null);
            model.put("key", i.key());
            model.put("postmortem", p);
            model.put("overdue", p != null && p.overdue(postmortems.today()));
            return model;
        });
    }

    @Bean
    UiPanel followUpsPanel(Postmortems postmortems, ActionItems items) {
        return UiPanel.of(UiPanel.DASHBOARD, 30, "learning/dashboard-panel", c -> {
            if (c.viewerId() == null) {
                return Map.of();
            }
            var today = postmortems.today();
            return Map.of("postmortems", postmortems.ownedBy(c.viewerId()).stream().filter(p -> p.overdue(today)).toList(),
                    "items", items.list(new ActionItems.Filter(c.viewerId(), null, null, true, true)));
        });
    }
}
