package io.tocsin.alerts.internal;

import static io.tocsin.incidents.TimelineArg.text;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.IncidentSummary;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.shared.TransactionMemo;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Carries out {@link IncidentDecision}s: attaches alerts to the service's open incident, opens incidents, and
 * tells the incident when all its alerts are resolved. Every automatic decision lands on the incident timeline
 * (message {@code timeline.event.alerts.*}) and in the alert's own history, each with its reason.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class IncidentLinker {

    private static final Duration CHANGE_LOOKBACK = Duration.ofHours(1);
    private static final String OPEN_INCIDENT = "alerts.open-incident";

    private final Incidents incidents;
    private final Timeline timeline;
    private final AlertRules rules;
    private final AlertEventLog log;
    private final JdbcClient jdbc;
    private final Clock clock;

    IncidentLinker(Incidents incidents, Timeline timeline, AlertRules rules, AlertEventLog log, JdbcClient jdbc,
            Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.rules = rules;
        this.log = log;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Decides for a new alert not yet saved; history entries are returned for the caller to write after saving. */
    List<String[]> onNewAlert(Alert alert, AlertRule rule) {
        var now = clock.instant();
        if (alert.inMaintenance()) {
            return List.<String[]>of(new String[] {"SUPPRESSED", "inside a maintenance window: no incident, no page"});
        }
        var open = TransactionMemo.get(OPEN_INCIDENT, alert.serviceId(), () -> firstOpen(alert.serviceId()));
        long recent = 0;
        if (open == null && alert.severity() != io.tocsin.alerts.AlertSeverity.CRITICAL && rule.thresholdCount() > 0) {
            recent = recentAlerts(alert.serviceId(), rule.thresholdMinutes(), now) + 1;
        }
        var decision = IncidentDecision.decide(rule, alert.severity(), false, open == null ? null : open.id(), recent);
        if (decision.kind() == IncidentDecision.Kind.OPEN) {
            // Serialise the incident-opening decision per service, then look again: another alert may have won.
            rule = rules.lock(alert.serviceId());
            open = firstOpen(alert.serviceId());
            TransactionMemo.forget(OPEN_INCIDENT, alert.serviceId());
            if (open != null && rule.attachToOpenIncident()) {
                decision = IncidentDecision.decide(rule, alert.severity(), false, open.id(), recent);
            }
        }
        return switch (decision.kind()) {
            case ATTACH -> {
                attach(alert, open.id(), open.key(), now);
                yield List.<String[]>of(new String[] {"ATTACHED", "joined open incident " + open.key()});
            }
            case OPEN -> {
                var incident = open(alert, decision, now);
                TransactionMemo.forget(OPEN_INCIDENT, alert.serviceId());
                yield List.<String[]>of(new String[] {"INCIDENT_OPENED", "opened incident " + incident.key()
                        + " at severity " + incident.severity() + " (" + reasonText(decision) + ")"});
            }
            case SUPPRESSED -> List.<String[]>of(new String[] {"SUPPRESSED", "inside a maintenance window"});
            case ALERT_ONLY -> List.<String[]>of(new String[] {"KEPT_AS_ALERT", alert.severity() == io.tocsin.alerts.AlertSeverity.CRITICAL
                    ? "critical alerts do not open incidents on this service"
                    : "below the threshold of " + rule.thresholdCount() + " alerts in " + rule.thresholdMinutes()
                            + " minutes"});
        };
    }

    /** A person turns an alert into an incident (R3). */
    Incident promote(Alert alert, int severity, String summary) {
        var actor = CurrentActor.get();
        var now = clock.instant();
        var incident = incidents.declare(new Incident.Declaration(trim(summary != null ? summary : alert.summary()),
                "Promoted from alert: " + alert.summary(), null, severity, alert.serviceId(), Set.of(), null, null,
                null, "alert:" + alert.origin(), alert.firstSeenAt(), alert.firstSeenAt()), actor);
        alert.linkTo(incident.id(), incident.key(), now);
        timeline.recordSystem(incident.id(), incident.key(), "alerts.promoted",
                List.of(text(alert.summary()), text(alert.origin())), actor, now);
        recordRecentChanges(incident.id(), incident.key(), alert.serviceId(), now);
        return incident;
    }

    /** After an alert resolved: tells its incident when none of its alerts is open any more. */
    void afterResolve(Alert alert) {
        if (alert.incidentId() == null) {
            return;
        }
        long stillOpen = jdbc.sql("select count(*) from alert where incident_id = ? and status <> 'RESOLVED'")
                .param(alert.incidentId()).query(Long.class).single();
        if (stillOpen > 0) {
            return;
        }
        var incident = incidents.find(alert.incidentId()).orElse(null);
        if (incident == null || !incident.status().open()) {
            return;
        }
        var now = clock.instant();
        timeline.recordSystem(incident.id(), incident.key(), "alerts.all-resolved", List.of(text(alert.summary())),
                Actor.SYSTEM, now);
        var rule = rules.of(alert.serviceId());
        if (!rule.resolveIncidentWithAlerts()) {
            return;
        }
        if (incident.status() == IncidentStatus.FIXING) {
            timeline.recordSystem(incident.id(), incident.key(), "alerts.auto-resolving", List.of(), Actor.SYSTEM, now);
            incidents.resolve(incident.id().toString(), now, "All alerts resolved (rule of the service)",
                    Incidents.Expect.ANY);
            TransactionMemo.forget(OPEN_INCIDENT, alert.serviceId());
        } else {
            timeline.recordSystem(incident.id(), incident.key(), "alerts.auto-resolve-skipped",
                    List.of(TimelineArg.code("status." + incident.status().name())), Actor.SYSTEM, now);
        }
    }

    private void attach(Alert alert, UUID incidentId, String key, Instant now) {
        alert.linkTo(incidentId, key, now);
        timeline.recordSystem(incidentId, key, "alerts.attached", List.of(text(alert.summary()), text(alert.origin())),
                Actor.SYSTEM, now);
    }

    private Incident open(Alert alert, IncidentDecision decision, Instant now) {
        var incident = incidents.declare(new Incident.Declaration(trim(alert.summary()),
                "Opened automatically from an alert (" + alert.origin() + "): " + alert.summary(), null,
                decision.incidentSeverity(), alert.serviceId(), Set.of(), null, null, null, "alert:" + alert.origin(),
                alert.firstSeenAt(), alert.firstSeenAt()), Actor.SYSTEM);
        alert.linkTo(incident.id(), incident.key(), now);
        var args = new java.util.ArrayList<TimelineArg>();
        args.add(text(alert.summary()));
        args.add(text(alert.origin()));
        decision.args().forEach(a -> args.add(text(a)));
        timeline.recordSystem(incident.id(), incident.key(), "alerts.opened." + decision.reason(), args, Actor.SYSTEM,
                now);
        if (decision.reason().equals("threshold")) {
            // The alerts that made up the threshold belong to the incident too.
            int earlier = jdbc.sql("""
                    update alert set incident_id = ?, version = version + 1
                    where service_id = ? and incident_id is null and status <> 'RESOLVED' and in_maintenance = false
                      and first_seen_at >= ?""")
                    .params(incident.id(), alert.serviceId(),
                            Timestamp.from(now.minus(Duration.ofMinutes(decision.args().isEmpty() ? 0
                                    : Long.parseLong(decision.args().get(1))))))
                    .update();
            if (earlier > 0) {
                timeline.recordSystem(incident.id(), incident.key(), "alerts.attached-earlier",
                        List.of(TimelineArg.count(earlier)), Actor.SYSTEM, now);
            }
        }
        recordRecentChanges(incident.id(), incident.key(), alert.serviceId(), now);
        return incident;
    }

    /** Deployments shortly before an incident are the first suspects: put them on its timeline. */
    private void recordRecentChanges(UUID incidentId, String key, UUID serviceId, Instant now) {
        jdbc.sql("select summary, source, occurred_at from change_event where service_id = ? and occurred_at >= ?"
                + " order by occurred_at").params(serviceId, Timestamp.from(now.minus(CHANGE_LOOKBACK)))
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()})
                .list()
                .forEach(c -> timeline.recordSystem(incidentId, key, "alerts.recent-change",
                        List.of(text((String) c[0]), text((String) c[1]), TimelineArg.at((Instant) c[2])), Actor.SYSTEM,
                        (Instant) c[2]));
    }

    /** Records a change event on every open incident of the service. */
    void onChange(UUID serviceId, String summary, String source, Instant occurredAt) {
        for (var incident : incidents.openForService(serviceId)) {
            timeline.recordSystem(incident.id(), incident.key(), "alerts.change",
                    List.of(text(summary), text(source)), Actor.SYSTEM, occurredAt);
        }
    }

    private IncidentSummary firstOpen(UUID serviceId) {
        var open = incidents.openForService(serviceId);
        return open.isEmpty() ? null : open.getFirst();
    }

    private long recentAlerts(UUID serviceId, int minutes, Instant now) {
        return jdbc.sql("select count(*) from alert where service_id = ? and first_seen_at >= ? and in_maintenance = false")
                .params(serviceId, Timestamp.from(now.minus(Duration.ofMinutes(minutes)))).query(Long.class).single();
    }

    private static String reasonText(IncidentDecision d) {
        return switch (d.reason()) {
            case "critical" -> "critical alert";
            case "threshold" -> d.args().get(0) + " alerts within " + d.args().get(1) + " minutes";
            default -> d.reason();
        };
    }

    private static String trim(String s) {
        return s.length() <= Incident.MAX_SUMMARY ? s : s.substring(0, Incident.MAX_SUMMARY - 1) + "…";
    }
}
