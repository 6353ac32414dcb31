package io.tocsin.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    public Created create(UUID userId, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var now = clock.instant();
        var meta = new ApiToken(UUID.randomUUID(), userId, name.strip(), token.substring(0, 10), now, null, null);
        jdbc.sql("""
                insert into api_token (id, user_id, name, token_prefix, token_hash, created_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(meta.id(), userId, meta.name(), meta.prefix(), hash(token), Timestamp.from(now))
                .update();
        audit.record(CurrentActor.get(), "api-token.created", "user", userId, meta.name() + " " + meta.prefix());
        return new Created(meta, token);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> of(UUID userId) {
        return jdbc.sql("""
                select id, user_id, name, token_prefix, created_at, last_used_at, revoked_at
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

    /** The user a presented token belongs to, if it is known and not revoked. */
    Optional<UUID> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        var found = jdbc.sql("select id, user_id, last_used_at from api_token where token_hash = ? and revoked_at is null")
                .param(hash(token))
                .query((rs, i) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getTimestamp(3)})
                .optional();
        found.ifPresent(row -> {
            var now = clock.instant();
            var last = (Timestamp) row[2];
            if (last == null || last.toInstant().plus(LAST_USED_GRANULARITY).isBefore(now)) {
                jdbc.sql("update api_token set last_used_at = ? where id = ?").params(Timestamp.from(now), row[0]).update();
            }
        });
        return found.map(row -> (UUID) row[1]);
    }

    private static ApiToken map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new ApiToken(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)));
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
