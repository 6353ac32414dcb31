package io.tocsin.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.identity.Actor;

/** What happens to roles on an incident; comms notifies people and refreshes the room topic from these. */
public final class RoleEvents {

    private RoleEvents() {
    }

    /** Someone now holds a role; {@code roleName} is the custom name, or null for a built-in role. */
    public record RoleAssigned(UUID incidentId, String key, String roleCode, String roleName, UUID userId,
            String userName, Actor actor, Instant at) {
    }

    public record RoleReleased(UUID incidentId, String key, String roleCode, UUID userId, UUID handedOverTo,
            Actor actor, Instant at) {
    }

    /** A responder has been active for longer than the fatigue threshold (R20); the incident managers should plan a handover. */
    public record HandoverDue(UUID incidentId, String key, UUID userId, String userName, Duration activeFor,
            List<UUID> incidentManagerIds, Actor actor, Instant at) {
    }
}
