package io.tocsin.incidents;

import java.time.Instant;
import java.util.UUID;

/** One person holding one role on one incident since {@code assignedAt}; active while {@code releasedAt} is null. */
public record RoleAssignment(UUID id, UUID incidentId, String roleCode, UUID userId, String userName,
        Instant assignedAt, String assignedByName, Instant releasedAt) {

    public boolean active() {
        return releasedAt == null;
    }
}
