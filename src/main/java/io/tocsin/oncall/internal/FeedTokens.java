package io.tocsin.oncall.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Secret tokens in calendar feed URLs. Only a SHA-256 of each token is stored (a leaked database does not leak
 * feeds); rotating replaces the owner's token, so the old URL stops working at once.
 */
@Component
@Transactional
public class FeedTokens {

    public enum OwnerType {
        USER, SCHEDULE
    }

    public record Owner(OwnerType type, UUID id) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    FeedTokens(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new secret for the owner's feed, replacing any previous one; shown once, never stored in clear. */
    public String rotate(OwnerType type, UUID ownerId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var actor = CurrentActor.get();
        jdbc.sql("delete from oncall_feed_token where owner_type = ? and owner_id = ?").params(type.name(), ownerId)
                .update();
        jdbc.sql("""
                insert into oncall_feed_token (id, owner_type, owner_id, token_hash, created_at, created_by)
                values (?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), type.name(), ownerId, hash(token), Timestamp.from(clock.instant()),
                        actor.userId())
                .update();
        audit.record(actor, "oncall.feed-token-rotated", type == OwnerType.USER ? "user" : "oncall-schedule",
                ownerId, null);
        return token;
    }

    @Transactional(readOnly = true)
    public Optional<Owner> owner(String token) {
        if (token == null || token.length() < 20 || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select owner_type, owner_id from oncall_feed_token where token_hash = ?").param(hash(token))
                .query((rs, i) -> new Owner(OwnerType.valueOf(rs.getString(1)), rs.getObject(2, UUID.class)))
                .optional();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
