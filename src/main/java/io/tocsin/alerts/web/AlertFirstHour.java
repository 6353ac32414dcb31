package io.tocsin.alerts.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.tocsin.alerts.AlertStatus;
import io.tocsin.alerts.internal.Alerts;
import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Team;
import io.tocsin.shared.SetupStep;
import io.tocsin.shared.UiPanel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alerts module's parts of the first hour (issue 13): the "Getting started" item (some service has an
 * integration), and the dashboard's open alerts on the services of the viewer's teams.
 */
@Configuration(proxyBeanMethods = false)
class AlertFirstHour {

    @Bean
    UiPanel myTeamsAlertsDashboardPanel(Alerts alerts, Catalog catalog, Identity identity) {
        return UiPanel.of(UiPanel.DASHBOARD, 15, "alerts/dashboard-panel", context -> {
            if (context.viewerId() == null) {
                return Map.of();
            }
            var teams = identity.teamsOf(context.viewerId()).stream().map(Team::id).collect(Collectors.toSet());
            var services = catalog.services().stream().filter(s -> teams.contains(s.owningTeamId()))
                    .collect(Collectors.toMap(Service::id, Service::name, (a, b) -> a));
            var open = services.isEmpty() ? List.<io.tocsin.alerts.internal.Alert>of()
                    : alerts.list(new Alerts.Filter(EnumSet.of(AlertStatus.TRIGGERED, AlertStatus.ACKNOWLEDGED), null,
                            null, null, null, null, null, 500, 0)).stream()
                            .filter(a -> services.containsKey(a.serviceId())).limit(20).toList();
            return Map.of("alerts", open, "serviceNames", services);
        });
    }

    @Bean
    SetupStep integrationStep(JdbcClient jdbc) {
        return SetupStep.of(30, "setup.integration", "setup.integration.hint", "/services", () ->
                jdbc.sql("select count(*) from alert_integration").query(Long.class).single() > 0);
    }
}
