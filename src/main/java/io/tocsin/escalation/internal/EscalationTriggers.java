package io.tocsin.escalation.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.alerts.AlertEvents;
import io.tocsin.alerts.AlertSeverity;
import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.identity.Actor;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentEvents;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.oncall.OnCall;
import io.tocsin.shared.TransactionMemo;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts and stops runs from what alerts and incidents publish. Listens before commit, so a run (and its first
 * pages, in notify's outbox) commits together with the alert or incident that caused it: no page is lost to a
 * crash between the two, and none is sent for an alert that was rolled back.
 */
@Component
class EscalationTriggers {

    private final Escalator escalator;
    private final PolicyStore policies;
    private final BusinessHoursStore businessHours;
    private final Catalog catalog;
    private final Incidents incidents;
    private final OnCall onCall;
    private final EscalationSettings settings;
    private final Clock clock;
    private final String baseUrl;

    EscalationTriggers(Escalator escalator, PolicyStore policies, BusinessHoursStore businessHours, Catalog catalog,
            Incidents incidents, OnCall onCall, EscalationSettings settings, Clock clock,
            @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.escalator = escalator;
        this.policies = policies;
        this.businessHours = businessHours;
        this.catalog = catalog;
        this.incidents = incidents;
        this.onCall = onCall;
        this.settings = settings;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(AlertEvents.AlertTriggered e) {
        if (!e.pages()) {
            return;
        }
        var incident = e.incidentId() == null ? Optional.<Incident>empty() : incidents.find(e.incidentId());
        if (incident.filter(Incident::major).isPresent()) {
            // The major incident it opened or joined pages (with the incident's key, R8): one run, not two. When
            // the incident's paging has ended (resolved from a page, exhausted) a new paging alert starts it again.
            if (!escalator.teamRunOpen(e.incidentId())) {
                pageTeam(incident.get());
            }
            return;
        }
        if (incident.isPresent() && incidentAlreadyPaging(e.incidentId())) {
            // One page per incident per person (issue 17, the storm): an alert joining an incident whose people are
            // already being paged, or have answered, is theirs to see on the incident, not another page.
            return;
        }
        int severity = severity(e.severity());
        String link = incident.map(i -> baseUrl + "/incidents/" + i.key()).orElse(baseUrl + "/alerts/" + e.alertId());
        var subject = new Subject(SubjectType.ALERT, e.alertId().toString(), e.dedupKey(), severity, e.summary(), link);
        startFor(subject, e.serviceId(), e.incidentId(), severity);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(AlertEvents.AlertAcknowledged e) {
        escalator.answer(SubjectType.ALERT, e.alertId().toString(), false, actor(e.by()), "WEB");
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(AlertEvents.AlertResolved e) {
        escalator.answer(SubjectType.ALERT, e.alertId().toString(), true, actor(e.by()), "WEB");
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.Declared e) {
        if (e.major()) {
            incidents.find(e.incidentId()).ifPresent(this::pageMajor);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.SeverityChanged e) {
        if (e.becameMajor()) {
            incidents.find(e.incidentId()).ifPresent(this::pageMajor);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.ManagerAssigned e) {
        escalator.commandTaken(e.incidentId(), e.managerId(), e.managerName());
        escalator.stop(SubjectType.INCIDENT, e.incidentId().toString(), Run.Kind.IMOC, "manager-assigned",
                List.of(TimelineArg.text(e.managerName())));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(IncidentEvents.StatusChanged e) {
        if (e.to() == IncidentStatus.RESOLVED || e.to() == IncidentStatus.CLOSED) {
            escalator.answer(SubjectType.INCIDENT, e.incidentId().toString(), true, e.actor(), "WEB");
        }
    }

    /**
     * Whether the incident has a run of its people that is paging or was answered. Checked without a lock first,
     * since in a storm nearly every alert finds one; only when none is found do concurrent alerts of the incident
     * take turns on its row, so that exactly one of them starts the run.
     */
    private boolean incidentAlreadyPaging(UUID incidentId) {
        if (escalator.teamRunOpen(incidentId)) {
            return true;
        }
        incidents.lock(incidentId);
        return escalator.teamRunOpen(incidentId);
    }

    /** A new major incident pages the service's people (R8) and the incident manager on call until one is assigned. */
    private void pageMajor(Incident incident) {
        var subject = pageTeam(incident);
        if (incident.incidentManagerId() == null) {
            onCall.imocSchedule().ifPresent(imoc -> escalator.start(new Run.Spec(Run.Kind.IMOC, subject,
                    incident.serviceId(), incident.id(), null, new Policy.Target(Policy.TargetType.SCHEDULE, imoc.id()),
                    null)));
        }
    }

    /** Pages the service's people about the incident (the run the service's route decides). */
    private Subject pageTeam(Incident incident) {
        var subject = new Subject(SubjectType.INCIDENT, incident.id().toString(), incident.key(), incident.severity(),
                incident.summary(), baseUrl + "/incidents/" + incident.key());
        if (incident.serviceId() != null && !Service.UNKNOWN_ID.equals(incident.serviceId())) {
            startFor(subject, incident.serviceId(), incident.id(), incident.severity());
        }
        return subject;
    }

    /** Starts the run {@link PagingRoute} decides for the service and severity (R13). */
    private void startFor(Subject subject, UUID serviceId, UUID incidentId, int severity) {
        UUID team = serviceId == null ? null : TransactionMemo.get("escalation.team", serviceId,
                () -> catalog.owningTeamOf(serviceId)).orElse(null);
        var policy = serviceId == null ? Optional.<Policy>empty()
                : TransactionMemo.get("escalation.policy", serviceId, () -> policies.policyOf(serviceId));
        var hours = serviceId == null || severity < settings.getBusinessHoursFromSeverity() ? null
                : businessHours.of(serviceId).orElse(null);
        PagingRoute.decide(severity, settings.getBusinessHoursFromSeverity(), team, policy.map(Policy::id).orElse(null),
                hours, clock.instant()).ifPresent(route -> escalator.start(new Run.Spec(route.kind(), subject,
                        serviceId, incidentId, route.policyId(), route.target(), route.waits() ? route.startsAt() : null)));
    }

    static int severity(AlertSeverity severity) {
        return switch (severity) {
            case CRITICAL -> 1;
            case ERROR -> 2;
            case WARNING -> 3;
            case INFO -> 4;
        };
    }

    private static Actor actor(String by) {
        return new Actor(null, by == null || by.isBlank() ? "Tocsin" : by);
    }
}
