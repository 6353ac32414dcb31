package io.tocsin.identity;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A personal API token as stored: only its hash and a short prefix to recognise it by, its scopes (everything the
 * owner may, when created without) and its expiry (none when null).
 */
public record ApiToken(UUID id, UUID userId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt, Set<TokenScope> scopes, Instant expiresAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
