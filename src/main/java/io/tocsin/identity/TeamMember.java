package io.tocsin.identity;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.relational.core.mapping.Column;

/**
 * A user's membership in a team, with their role in it; part of the {@link Team} aggregate. {@code lead} is the
 * team's lead marker, kept in step with the role: a lead is a manager.
 */
public record TeamMember(UUID userId, boolean lead, Instant joinedAt, @Column("team_role") TeamRole role) {

    public TeamMember {
        role = role == null ? (lead ? TeamRole.MANAGER : TeamRole.RESPONDER) : role;
    }
}
