package io.tocsin.comms.web;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;

import io.tocsin.comms.IncidentUpdates;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.UiPanel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "Overdue updates" on the dashboard (issue 13): open incidents whose next internal update is past due. */
@Configuration(proxyBeanMethods = false)
class OverdueUpdatesPanel {

    /** An incident and when its update was due. */
    record Overdue(String key, String summary, java.time.Instant dueAt) {
    }

    @Bean
    UiPanel overdueUpdatesDashboardPanel(Incidents incidents, IncidentUpdates updates, Clock clock) {
        return UiPanel.of(UiPanel.DASHBOARD, 30, "comms/overdue-panel", context -> {
            var now = clock.instant();
            var overdue = incidents.list(new IncidentFilter(EnumSet.of(IncidentStatus.NEW, IncidentStatus.FIXING),
                    null, null, null, null, null, 200, 0)).stream()
                    .flatMap(i -> updates.nextDue(i.id()).filter(due -> due.isBefore(now))
                            .map(due -> new Overdue(i.key(), i.summary(), due)).stream())
                    .toList();
            return Map.of("overdue", overdue);
        });
    }
}
