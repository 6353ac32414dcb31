package io.tocsin.escalation.internal;

import java.time.Instant;
import java.util.UUID;

import io.tocsin.notify.Subject;

/**
 * One escalation of one subject (an alert or an incident). {@code kind}: POLICY follows a service's policy, IMOC
 * pages the incident manager on call until a manager is assigned, TEAM pages the owning team (severity 3 within
 * business hours) or a fallback target. {@code attempt} counts from 0 within the current level and cycle.
 */
public record Run(UUID id, String runKey, Kind kind, Subject subject, UUID serviceId, UUID incidentId,
        UUID policyId, Policy.Target target, Status status, int levelIndex, int cycle, int attempt,
        Instant levelStartedAt, Instant lastAttemptAt, Instant nextStepAt, Instant startedAt, Instant answeredAt,
        UUID answeredBy, String answeredByName, String answeredVia, Instant endedAt, String endReason, long version) {

    Run step(Status newStatus, int newLevel, int newCycle, int newAttempt, Instant newLevelStartedAt,
            Instant newLastAttemptAt, Instant newNextStepAt) {
        return new Run(id, runKey, kind, subject, serviceId, incidentId, policyId, target, newStatus, newLevel,
                newCycle, newAttempt, newLevelStartedAt, newLastAttemptAt, newNextStepAt, startedAt, answeredAt,
                answeredBy, answeredByName, answeredVia, endedAt, endReason, version);
    }

    Run answered(Status newStatus, Instant at, UUID by, String byName, String via) {
        boolean ends = newStatus != Status.ACKNOWLEDGED;
        return new Run(id, runKey, kind, subject, serviceId, incidentId, policyId, target, newStatus, levelIndex,
                cycle, attempt, levelStartedAt, lastAttemptAt, null, startedAt,
                answeredAt == null ? at : answeredAt, answeredBy == null ? by : answeredBy,
                answeredByName == null ? byName : answeredByName, answeredVia == null ? via : answeredVia,
                ends ? at : null, ends ? newStatus.name().toLowerCase() : null, version);
    }

    Run ended(Status newStatus, Instant at, String reason) {
        return new Run(id, runKey, kind, subject, serviceId, incidentId, policyId, target, newStatus, levelIndex,
                cycle, attempt, levelStartedAt, lastAttemptAt, null, startedAt, answeredAt, answeredBy,
                answeredByName, answeredVia, at, reason, version);
    }

    public enum Kind {
        POLICY, IMOC, TEAM
    }

    public enum Status {
        /** Waiting for business hours to begin. */
        WAITING,
        /** Paging. */
        ACTIVE,
        /** Someone answered; nobody is paged any more, repeated triggers page nobody. */
        ACKNOWLEDGED,
        RESOLVED,
        /** Nobody answered through every level and repeat. */
        EXHAUSTED,
        /** Ended for another reason (an incident manager was assigned, the policy was removed). */
        STOPPED;

        public boolean paging() {
            return this == WAITING || this == ACTIVE;
        }
    }

    /** Who a run paged at one level: fixed when the level starts, so repeats reach the same people. */
    public record Page(UUID runId, int cycle, int levelIndex, UUID userId, String userName, String via,
            Instant firstPagedAt, int attempts, boolean reachable) {
    }
}
