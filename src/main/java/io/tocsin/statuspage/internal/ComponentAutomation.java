package io.tocsin.statuspage.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.UUID;

import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.IncidentSummary;
import io.tocsin.incidents.Incidents;
import io.tocsin.statuspage.ComponentStatus;
import io.tocsin.statuspage.StatusPages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.tocsin.shared.BackgroundListener;
import org.springframework.stereotype.Component;

/**
 * Components follow their services' open incidents (issue 11 point 2) unless a person set them by hand or an open
 * public incident moved them; each change is recorded with the incidents that caused it. The severity mapping is
 * configurable ({@code tocsin.statuspage.follow.severity-1..3}).
 */
@Component
class ComponentAutomation {

    private final StatusPages pages;
    private final Incidents incidents;
    private final JdbcClient jdbc;
    private final Map<Integer, ComponentStatus> mapping;

    ComponentAutomation(StatusPages pages, Incidents incidents, JdbcClient jdbc,
            @Value("${tocsin.statuspage.follow.severity-1:MAJOR_OUTAGE}") ComponentStatus one,
            @Value("${tocsin.statuspage.follow.severity-2:PARTIAL_OUTAGE}") ComponentStatus two,
            @Value("${tocsin.statuspage.follow.severity-3:DEGRADED_PERFORMANCE}") ComponentStatus three) {
        this.pages = pages;
        this.incidents = incidents;
        this.jdbc = jdbc;
        this.mapping = Map.of(1, one, 2, two, 3, three);
    }

    @BackgroundListener
    void on(IncidentEvents.Declared e) {
        follow(e.serviceId());
    }

    @BackgroundListener
    void on(IncidentEvents.SeverityChanged e) {
        incidents.find(e.incidentId()).ifPresent(i -> follow(i.serviceId()));
    }

    @BackgroundListener
    void on(IncidentEvents.StatusChanged e) {
        incidents.find(e.incidentId()).ifPresent(i -> follow(i.serviceId()));
    }

    @BackgroundListener
    void on(IncidentEvents.Updated e) {
        // The faulty service may have changed: both the old and the new service's components are looked at.
        jdbc.sql("select distinct service_id from status_component_service").query(UUID.class).list()
                .forEach(this::follow);
    }

    void follow(UUID serviceId) {
        if (serviceId == null) {
            return;
        }
        var pinned = new HashSet<>(jdbc.sql("""
                select distinct c.component_id from status_incident_component c
                join status_incident_update u on u.id = c.update_id
                join status_incident i on i.id = u.status_incident_id where i.resolved_at is null""")
                .query(UUID.class).list());
        for (var component : pages.componentsOfService(serviceId)) {
            if (!component.automatic() || pinned.contains(component.id())) {
                continue;
            }
            var open = new ArrayList<IncidentSummary>();
            for (var service : component.serviceIds()) {
                open.addAll(incidents.openForService(service));
            }
            var state = ComponentFollowing.stateFor(open.stream().map(IncidentSummary::severity).toList(), mapping);
            String cause = open.isEmpty() ? "no open incident on its services"
                    : "open incidents: " + String.join(", ", open.stream().map(IncidentSummary::key).toList());
            pages.apply(component, state, cause, true);
        }
    }
}
