package io.tocsin.identity;

import java.util.List;
import java.util.UUID;

/**
 * Issue 15 point 2: no change to people may leave a service with a policy that reaches nobody without a
 * confirmation. Modules that page people (escalation) answer which of their targets a proposed change would leave
 * with nobody; identity asks before removing a team member or deactivating a user. Identity declares it so that it
 * need not depend on those modules (they depend on identity).
 */
public interface ReachGuard {

    /** A proposed change: {@code userId} leaves team {@code teamId}, or is deactivated when {@code teamId} is null. */
    record PeopleChange(UUID userId, UUID teamId) {

        public boolean deactivation() {
            return teamId == null;
        }
    }

    /**
     * A target that reaches somebody now and nobody after the change: {@code target} in words (e.g. "team
     * 'Payments'"), the assigned policy that targets it and the services that policy pages for.
     */
    record Stranded(String target, String policy, List<String> services) {
    }

    List<Stranded> strandedBy(PeopleChange change);
}
