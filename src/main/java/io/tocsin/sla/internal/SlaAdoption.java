package io.tocsin.sla.internal;

import static io.tocsin.incidents.TimelineArg.at;
import static io.tocsin.incidents.TimelineArg.code;
import static io.tocsin.incidents.TimelineArg.span;
import static io.tocsin.incidents.TimelineArg.text;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.sla.SlaMetric;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Clocks for incidents that were open before a policy applied to them (issue 16): declared before the SLA module was
 * installed, or before the policy was created or changed to match them. When a policy is created or changed, every
 * open incident without a clock for a metric that a policy now sets gets one, counted like any clock from the
 * incident's declaration (its real start), in the same transaction as the policy change. As of now: an incident
 * already taken gets its acknowledge clock stopped at the moment it was taken (met or missed); a threshold already
 * passed is recorded at the instant it was passed, but neither reminds nor pages now, since no target existed when
 * it came due (a new policy would otherwise page for every old incident at once); the timeline says so. The next
 * threshold still ahead is watched as usual.
 */
@Component
@Transactional
class SlaAdoption {

    private static final int PAGE = 500;

    private final SlaWatch watch;
    private final SlaPolicies policies;
    private final Incidents incidents;
    private final Timeline timeline;
    private final JdbcClient jdbc;
    private final Clock clock;

    SlaAdoption(SlaWatch watch, SlaPolicies policies, Incidents incidents, Timeline timeline, JdbcClient jdbc,
            Clock clock) {
        this.watch = watch;
        this.policies = policies;
        this.incidents = incidents;
        this.timeline = timeline;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(SlaPolicies.PolicyChanged e) {
        adoptOpenIncidents();
    }

    /** Gives the open incidents the clocks they lack; the number of incidents that got one. */
    int adoptOpenIncidents() {
        var open = new ArrayList<UUID>();
        for (int offset = 0; ; offset += PAGE) {
            var page = incidents.list(new IncidentFilter(Set.of(IncidentStatus.NEW, IncidentStatus.FIXING), Set.of(),
                    null, null, null, null, PAGE, offset));
            page.forEach(i -> open.add(i.id()));
            if (page.size() < PAGE) {
                break;
            }
        }
        int adopted = 0;
        for (var id : open.stream().distinct().toList()) {
            if (adopt(id)) {
                adopted++;
            }
        }
        return adopted;
    }

    private boolean adopt(UUID incidentId) {
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null || !incident.status().open()) {
            return false;
        }
        var existing = watch.rows(incidentId).stream().map(SlaWatch.Row::metric).toList();
        var now = clock.instant();
        var added = new ArrayList<SlaWatch.Row>();
        for (var metric : SlaMetric.values()) {
            if (existing.contains(metric)) {
                continue;
            }
            policies.match(metric, incident.priority(), incident.serviceId(), incident.productIds())
                    .ifPresent(p -> added.add(watch.insert(incident, metric, p)));
        }
        if (added.isEmpty()) {
            return false;
        }
        var first = added.getFirst();
        timeline.recordSystem(incident.id(), incident.key(), "sla.adopted", List.of(text(first.priority().name()),
                SlaWatch.target(added, SlaMetric.ACKNOWLEDGE), SlaWatch.target(added, SlaMetric.RESOLVE),
                code("sla.calendar." + first.calendar()), at(incident.declaredAt())), Actor.SYSTEM, now);
        for (var row : added) {
            if (row.metric() == SlaMetric.ACKNOWLEDGE && incident.incidentManagerId() != null) {
                // Taken already: the clock ran from the declaration until then.
                var takenAt = incident.assignedAt() != null ? incident.assignedAt() : now;
                watch.stop(incidentId, SlaMetric.ACKNOWLEDGE, takenAt);
                continue;
            }
            var reading = SlaClocks.read(watch.facts(row, now), now);
            var threshold = SlaClocks.warningThreshold(watch.facts(row, now));
            Instant warned = reading.elapsed().compareTo(threshold) >= 0 ? passedAt(reading.warnAt(), now) : null;
            Instant breached = reading.elapsed().compareTo(row.target()) >= 0 ? passedAt(reading.breachAt(), now) : null;
            if (warned != null) {
                jdbc.sql("update sla_clock set warned_at = ?, breached_at = ? where incident_id = ? and metric = ?")
                        .params(Timestamp.from(warned), breached == null ? null : Timestamp.from(breached), incidentId,
                                row.metric().name())
                        .update();
            }
            if (breached != null) {
                timeline.recordSystem(incident.id(), incident.key(), "sla.adopted.breached",
                        List.of(code("sla.metric." + row.metric()), span(row.target()), at(breached)), Actor.SYSTEM, now);
            }
            watch.check(watch.lock(incidentId, row.metric()).orElseThrow());
        }
        return true;
    }

    /** When a threshold was passed: as computed, never later than now. */
    private static Instant passedAt(Instant computed, Instant now) {
        return computed == null || computed.isAfter(now) ? now : computed;
    }
}
