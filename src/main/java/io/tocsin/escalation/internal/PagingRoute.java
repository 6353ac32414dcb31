package io.tocsin.escalation.internal;

import io.tocsin.escalation.BusinessHours;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Which run an alert starts and when (R13): severity 1 and 2 follow the service's policy at once (the owning team
 * without one); less severe alerts reach the owning team (the policy without one), and only within the service's
 * business hours, waiting for the next opening outside them. No business hours set means always open, and so
 * does a working day that lies more than a year ahead: a page that may never come is worse than an early one.
 * Nobody is paged when the service has neither a policy nor an owning team.
 *
 * <p>Pure: the triggers decide a real alert with it, the preview a hypothetical one.
 *
 * @param startsAt the arrival, or the opening it waits for
 */
public record PagingRoute(Run.Kind kind, UUID policyId, UUID teamId, Instant arrives, Instant startsAt) {

    public static Optional<PagingRoute> decide(int severity, int businessHoursFromSeverity, UUID owningTeamId,
            UUID policyId, BusinessHours businessHours, Instant arrives) {
        if (owningTeamId == null && policyId == null) {
            return Optional.empty();
        }
        if (severity < businessHoursFromSeverity) {
            return Optional.of(policyId != null ? policy(policyId, arrives, arrives) : team(owningTeamId, arrives, arrives));
        }
        Instant startsAt = businessHours == null ? arrives : businessHours.nextOpening(arrives).orElse(arrives);
        return Optional.of(owningTeamId != null ? team(owningTeamId, arrives, startsAt)
                : policy(policyId, arrives, startsAt));
    }

    /** Whether the alert waits for business hours to begin. */
    public boolean waits() {
        return startsAt.isAfter(arrives);
    }

    /** The target of a team run (null for a policy run). */
    public Policy.Target target() {
        return kind == Run.Kind.TEAM ? new Policy.Target(Policy.TargetType.TEAM, teamId) : null;
    }

    private static PagingRoute policy(UUID policyId, Instant arrives, Instant startsAt) {
        return new PagingRoute(Run.Kind.POLICY, policyId, null, arrives, startsAt);
    }

    private static PagingRoute team(UUID teamId, Instant arrives, Instant startsAt) {
        return new PagingRoute(Run.Kind.TEAM, null, teamId, arrives, startsAt);
    }
}
