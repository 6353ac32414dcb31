package io.tocsin.escalation;

import java.util.Optional;
import java.util.UUID;

import io.tocsin.escalation.internal.Escalator;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.escalation.internal.Run;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.oncall.OnCall;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Paging about an incident on another module's behalf (issue 16: an SLA breach escalates the incident, as seed 002
 * asks): the incident manager on call, exactly as a new major incident pages them, or a named escalation policy.
 * Joins the caller's transaction, so the run and its first pages commit with the caller's own writes.
 */
@Component
@Transactional
public class IncidentPaging {

    /** What a request to page came to. */
    public enum Outcome {
        /** A new run pages now. */
        PAGING,
        /** A run of the same kind is already paging about the incident: nothing new was started. */
        ALREADY_PAGING,
        /** There is nobody to page: no IMOC schedule is marked, or the policy is gone. */
        NOBODY
    }

    private final Escalator escalator;
    private final PolicyStore policies;
    private final OnCall onCall;
    private final Incidents incidents;
    private final String baseUrl;

    IncidentPaging(Escalator escalator, PolicyStore policies, OnCall onCall, Incidents incidents,
            @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.escalator = escalator;
        this.policies = policies;
        this.onCall = onCall;
        this.incidents = incidents;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Pages the incident manager on call (the schedule marked as IMOC) about the incident until someone answers. */
    public Outcome pageImoc(UUID incidentId) {
        var incident = incidents.find(incidentId).orElse(null);
        var imoc = onCall.imocSchedule();
        if (incident == null || imoc.isEmpty()) {
            return Outcome.NOBODY;
        }
        return escalator.start(new Run.Spec(Run.Kind.IMOC, subject(incident), incident.serviceId(), incident.id(), null,
                new Policy.Target(Policy.TargetType.SCHEDULE, imoc.get().id()), null)).isPresent()
                ? Outcome.PAGING : Outcome.ALREADY_PAGING;
    }

    /** Pages through the escalation policy's levels about the incident. */
    public Outcome pagePolicy(UUID incidentId, UUID policyId) {
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null || policyName(policyId).isEmpty()) {
            return Outcome.NOBODY;
        }
        return escalator.start(new Run.Spec(Run.Kind.POLICY, subject(incident), incident.serviceId(), incident.id(),
                policyId, null, null)).isPresent() ? Outcome.PAGING : Outcome.ALREADY_PAGING;
    }

    /** The policy's name, if it exists (for checking a reference to it). */
    @Transactional(readOnly = true)
    public Optional<String> policyName(UUID policyId) {
        return policyId == null ? Optional.empty() : policies.find(policyId).map(Policy::name);
    }

    /** Every escalation policy's name by id, for choosing one. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, String> policyNames() {
        var names = new java.util.LinkedHashMap<UUID, String>();
        policies.policies().forEach(p -> names.put(p.id(), p.name()));
        return names;
    }

    private Subject subject(Incident incident) {
        return new Subject(SubjectType.INCIDENT, incident.id().toString(), incident.key(), incident.severity(),
                incident.summary(), baseUrl + "/incidents/" + incident.key());
    }
}
