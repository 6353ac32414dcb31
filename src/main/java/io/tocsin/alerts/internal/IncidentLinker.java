package io.tocsin.alerts.internal;

import static io.tocsin.incidents.TimelineArg.text;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.identity.Actor;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Incident;
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
 * Carries out {@link IncidentDecision}s: attaches alerts to the service's open incident and opens incidents. Every
 * automatic decision lands on the incident timeline (message {@code timeline.event.alerts.*}; in a storm, joining
 * alerts are counted into bundles by {@link StormBundles}) and in the alert's own history, each with its reason.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class IncidentLinker {

    private static final Duration CHANGE_LOOKBACK = Duration.ofHours(1);
    /** The service's open incident, remembered for the rest of a transaction (see {@link TransactionMemo}). */
    static final String OPEN_INCIDENT = "alerts.open-incident";

    private final Incidents incidents;
    private final Timeline timeline;
    private final AlertRules rules;
    private final StormBundles bundles;
    private final JdbcClient jdbc;
    private final Clock clock;

    IncidentLinker(Incidents incidents, Timeline timeline, AlertRules rules, StormBundles bundles, JdbcClient jdbc,
            Clock clock) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.rules = rules;
        this.bundles = bundles;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Decides for a new alert not yet saved and carries it out; the caller records the outcome once it is saved. */
    LinkOutcome onNewAlert(Alert alert, AlertRule rule) {
        var now = clock.instant();
        var open = alert.inMaintenance() ? null
                : TransactionMemo.get(OPEN_INCIDENT, alert.serviceId(), () -> firstOpen(alert.serviceId()));
        long recent = 0;
        if (open == null && !alert.inMaintenance() && rule.thresholdCount() > 0
                && (alert.severity() != AlertSeverity.CRITICAL || !rule.openOnCritical())) {
            recent = recentAlerts(alert.serviceId(), rule.thresholdMinutes(), now) + 1;
        }
        var decision = IncidentDecision.decide(rule, alert.severity(), alert.inMaintenance(),
                open == null ? null : open.id(), recent);
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
                yield new LinkOutcome(decision, open.key());
            }
            case OPEN -> {
                var incident = open(alert, decision, now);
                TransactionMemo.forget(OPEN_INCIDENT, alert.serviceId());
                yield new LinkOutcome(decision, incident.key());
            }
            case SUPPRESSED, ALERT_ONLY -> new LinkOutcome(decision, null);
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

    private void attach(Alert alert, UUID incidentId, String key, Instant now) {
        alert.linkTo(incidentId, key, now);
        bundles.attached(alert, incidentId, key, now);
    }

    private Incident open(Alert alert, IncidentDecision decision, Instant now) {
        var incident = incidents.declare(new Incident.Declaration(trim(alert.summary()),
                "Opened automatically from an alert (" + alert.origin() + "): " + alert.summary(), null,
                decision.incidentSeverity(), alert.serviceId(), Set.of(), null, null, null, "alert:" + alert.origin(),
                alert.firstSeenAt(), alert.firstSeenAt()), Actor.SYSTEM);
        alert.linkTo(incident.id(), incident.key(), now);
        boolean threshold = decision.reason() == IncidentDecision.Reason.THRESHOLD_CROSSED;
        timeline.recordSystem(incident.id(), incident.key(), threshold ? "alerts.opened.threshold"
                : "alerts.opened.critical", threshold ? List.of(text(alert.summary()), text(alert.origin()),
                        TimelineArg.count(decision.recentAlerts()), TimelineArg.count(decision.thresholdMinutes()))
                        : List.of(text(alert.summary()), text(alert.origin())), Actor.SYSTEM, now);
        if (threshold) {
            // The alerts that made up the threshold belong to the incident too.
            int earlier = jdbc.sql("""
                    update alert set incident_id = ?, version = version + 1
                    where service_id = ? and incident_id is null and status <> 'RESOLVED' and in_maintenance = false
                      and first_seen_at >= ?""")
                    .params(incident.id(), alert.serviceId(),
                            Timestamp.from(now.minus(Duration.ofMinutes(decision.thresholdMinutes()))))
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

    private static String trim(String s) {
        return s.length() <= Incident.MAX_SUMMARY ? s : s.substring(0, Incident.MAX_SUMMARY - 1) + "…";
    }
}
