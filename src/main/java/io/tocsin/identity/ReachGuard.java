package io.tocsin.identity;

import java.util.List;
import java.util.UUID;

/**
 * Issue 15 point 2: no change to people may leave a service with a policy that reaches nobody without a
 * confirmation. Modules that page people (escalation) answer which of their targets a proposed change would leave
 * with nobody; identity asks before removing a team member, changing a member's team role or deactivating a user. Identity declares it so that it
 * need not depend on those modules (they depend on identity).
 */
public interface ReachGuard {

    /**
     * A proposed change: {@code userId} is deactivated ({@code teamId} null), leaves team {@code teamId}
     * ({@code newRole} null), or gets {@code newRole} in team {@code teamId}.
     */
    record PeopleChange(UUID userId, UUID teamId, TeamRole newRole) {

        public static PeopleChange deactivating(UUID userId) {
            return new PeopleChange(userId, null, null);
        }

        public static PeopleChange leaving(UUID userId, UUID teamId) {
            return new PeopleChange(userId, teamId, null);
        }

        public static PeopleChange newTeamRole(UUID userId, UUID teamId, TeamRole role) {
            return new PeopleChange(userId, teamId, role);
        }

        public boolean deactivation() {
            return teamId == null;
        }

        /** Whether, after the change, the person no longer takes team {@code team}'s pages. */
        public boolean stopsPagedFor(UUID team) {
            return deactivation() || (team.equals(teamId) && (newRole == null || !newRole.paged()));
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
