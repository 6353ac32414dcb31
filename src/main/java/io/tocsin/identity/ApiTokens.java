package io.tocsin.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens. The plain token is shown once, at creation; only its SHA-256 is stored. A token is 256
 * random bits, so a fast hash is enough: there is nothing to brute-force that a slow hash would protect.
 */
@Component
@Transactional
public class ApiTokens {

    static final String PREFIX = "tcs_";
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token just created: {@code token} is the only time the secret is visible. */
    public record Created(ApiToken meta, String token) {
    }

    /** The token a presented secret stands for: whose it is and what it may do. */
    public record Authenticated(UUID userId, Set<TokenScope> scopes) {
    }

    public Created create(UUID userId, String name) {
        return create(userId, name, EnumSet.of(TokenScope.ADMIN), null);
    }

    /** A token limited to the scopes (at least one) that stops working at {@code expiresAt} (null: never). */
    public Created create(UUID userId, String name, Set<TokenScope> scopes, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        if (scopes == null || scopes.isEmpty() || scopes.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("scopes", "must name at least one of " + Arrays.toString(TokenScope.values()));
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw new InvalidInputException("expiresAt", "must be in the future");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var now = clock.instant();
        var meta = new ApiToken(UUID.randomUUID(), userId, name.strip(), token.substring(0, 10), now, null, null,
                Set.copyOf(EnumSet.copyOf(scopes)), expiresAt);
        jdbc.sql("""
                insert into api_token (id, user_id, name, token_prefix, token_hash, created_at, scopes, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(meta.id(), userId, meta.name(), meta.prefix(), hash(token), Timestamp.from(now),
                        scopesText(meta.scopes()), expiresAt == null ? null : Timestamp.from(expiresAt))
                .update();
        audit.record(CurrentActor.get(), "api-token.created", "user", userId, meta.name() + " " + meta.prefix()
                + " scopes " + scopesText(meta.scopes()) + (expiresAt == null ? "" : " until " + expiresAt));
        return new Created(meta, token);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> of(UUID userId) {
        return jdbc.sql("""
                select id, user_id, name, token_prefix, created_at, last_used_at, revoked_at, scopes, expires_at
                from api_token where user_id = ? order by created_at desc""")
                .param(userId).query(ApiTokens::map).list();
    }

    public void revoke(UUID userId, UUID tokenId) {
        int n = jdbc.sql("update api_token set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), tokenId, userId).update();
        if (n == 0) {
            throw new NotFoundException("api token", tokenId);
        }
        audit.record(CurrentActor.get(), "api-token.revoked", "user", userId, tokenId.toString());
    }

    /** The user a presented token belongs to and its scopes, if it is known, not revoked and not expired. */
    Optional<Authenticated> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        var found = jdbc.sql("select id, user_id, last_used_at, scopes from api_token where token_hash = ?"
                        + " and revoked_at is null and (expires_at is null or expires_at > ?)")
                .params(hash(token), Timestamp.from(clock.instant()))
                .query((rs, i) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3), scopes(rs.getString(4))))
                .optional();
        found.ifPresent(row -> {
            var now = clock.instant();
            var last = row.lastUsed();
            if (last == null || last.toInstant().plus(LAST_USED_GRANULARITY).isBefore(now)) {
                jdbc.sql("update api_token set last_used_at = ? where id = ?").params(Timestamp.from(now), row.id())
                        .update();
            }
        });
        return found.map(row -> new Authenticated(row.userId(), row.scopes()));
    }

    private record Found(UUID id, UUID userId, Timestamp lastUsed, Set<TokenScope> scopes) {
    }

    private static String scopesText(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    private static Set<TokenScope> scopes(String text) {
        if (text == null || text.isBlank()) {
            return Set.of(TokenScope.ADMIN);
        }
        return Set.copyOf(Arrays.stream(text.split(",")).map(String::strip).map(TokenScope::valueOf).toList());
    }

    private static ApiToken map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new ApiToken(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                scopes(rs.getString(8)), instant(rs.getTimestamp(9)));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
