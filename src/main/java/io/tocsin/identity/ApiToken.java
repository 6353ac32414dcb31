package io.tocsin.identity;

import java.time.Instant;
import java.util.UUID;

/** A personal API token as stored: only its hash and a short prefix to recognise it by. */
public record ApiToken(UUID id, UUID userId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
