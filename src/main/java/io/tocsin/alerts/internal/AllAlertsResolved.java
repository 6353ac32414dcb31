package io.tocsin.alerts.internal;

import java.time.Clock;
import java.util.List;

import io.tocsin.identity.Actor;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.shared.TransactionMemo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * After an alert resolved: tells its incident when none of its alerts is open any more, and resolves the incident
 * when the service's rule says so (and someone has taken it). Runs in the resolve's transaction.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class AllAlertsResolved {

    private final Incidents incidents;
    private final Timeline timeline;
    private final AlertRules rules;
    private final JdbcClient jdbc;
    private final Clock clock;

    AllAlertsResolved(Incidents incidents, Timeline timeline, AlertRules rules, JdbcClient jdbc, Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.rules = rules;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void afterResolve(Alert alert) {
        if (alert.incidentId() == null) {
            return;
        }
        // Resolves of one incident's alerts take turns on the incident row, and count only after their turn came:
        // counted at once, each of several concurrent resolves would see the others' alerts still open (not yet
        // committed), and none would record that all are resolved.
        var incident = incidents.lock(alert.incidentId()).orElse(null);
        if (incident == null || !incident.status().open()) {
            return;
        }
        long stillOpen = jdbc.sql("select count(*) from alert where incident_id = ? and status <> 'RESOLVED'")
                .param(alert.incidentId()).query(Long.class).single();
        if (stillOpen > 0) {
            return;
        }
        var now = clock.instant();
        timeline.recordSystem(incident.id(), incident.key(), "alerts.all-resolved", List.of(TimelineArg.text(alert.summary())),
                Actor.SYSTEM, now);
        if (!rules.of(alert.serviceId()).resolveIncidentWithAlerts()) {
            return;
        }
        if (incident.status() == IncidentStatus.FIXING) {
            timeline.recordSystem(incident.id(), incident.key(), "alerts.auto-resolving", List.of(), Actor.SYSTEM, now);
            incidents.resolve(incident.id().toString(), now, "All alerts resolved (rule of the service)",
                    Incidents.Expect.ANY);
            TransactionMemo.forget(IncidentLinker.OPEN_INCIDENT, alert.serviceId());
        } else {
            timeline.recordSystem(incident.id(), incident.key(), "alerts.auto-resolve-skipped",
                    List.of(TimelineArg.code("status." + incident.status().name())), Actor.SYSTEM, now);
        }
    }
}
