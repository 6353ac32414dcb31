package io.tocsin.sla.internal;

import java.util.Set;

import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.sla.SlaMetric;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the clocks in step with the incident. Listens before commit, as escalation does, so a clock (and its timer)
 * commits with the incident change that caused it: no clock is lost to a crash between the two.
 */
@Component
class SlaTriggers {

    private static final Set<String> RETARGETING = Set.of("priority", "serviceId", "productIds");

    private final SlaWatch watch;
    private final Incidents incidents;

    SlaTriggers(SlaWatch watch, Incidents incidents) {
        this.watch = watch;
        this.incidents = incidents;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.Declared e) {
        watch.start(e.incidentId());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.ManagerAssigned e) {
        watch.stop(e.incidentId(), SlaMetric.ACKNOWLEDGE, e.at());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.StatusChanged e) {
        if (e.to() == IncidentStatus.RESOLVED || e.to() == IncidentStatus.CLOSED) {
            var resolvedAt = incidents.find(e.incidentId()).map(i -> i.resolvedAt()).orElse(null);
            var at = resolvedAt != null && resolvedAt.isBefore(e.at()) ? resolvedAt : e.at();
            watch.stop(e.incidentId(), SlaMetric.ACKNOWLEDGE, at);
            watch.stop(e.incidentId(), SlaMetric.RESOLVE, at);
        } else if (e.from() == IncidentStatus.RESOLVED && e.to().open()) {
            watch.reopen(e.incidentId());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.SeverityChanged e) {
        watch.severityChanged(e.incidentId(), e.to());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.Updated e) {
        if (e.changes().stream().anyMatch(c -> RETARGETING.contains(c.field()))) {
            watch.recompute(e.incidentId());
        }
    }
}
