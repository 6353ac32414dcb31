package io.tocsin.identity;

import java.time.Instant;
import java.util.UUID;

/** A user's membership in a team; part of the {@link Team} aggregate. */
public record TeamMember(UUID userId, boolean lead, Instant joinedAt) {
}
