package io.tocsin.notify.internal;

import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.notify.SubjectType;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signed, expiring, single-use tokens behind the acknowledge and resolve links. The token carries its id, action
 * and expiry, signed with HMAC-SHA256, so a forged or altered one is refused before any database work; the
 * database row makes it single-use and ties it to the delivery, person and subject.
 */
@Component
@Transactional
public class AnswerTokens {

    private static final Logger log = LoggerFactory.getLogger(AnswerTokens.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final JdbcClient jdbc;
    private final NotifySecrets secrets;
    private final Clock clock;

    AnswerTokens(JdbcClient jdbc, NotifySecrets secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Who may answer what through a token. */
    public record Claim(UUID tokenId, UUID deliveryId, UUID userId, SubjectType subjectType, String subjectId,
            String subjectKey, AnswerAction action, Instant expiresAt, Instant usedAt) {
    }

    public enum Problem {
        FORGED, EXPIRED, USED
    }

    public static class Refused extends RuntimeException {
        private final Problem problem;

        Refused(Problem problem, String message) {
            super(message);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    public String issue(UUID deliveryId, UUID userId, Subject subject, AnswerAction action, Instant expiresAt) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into notify_answer_token (id, delivery_id, user_id, subject_type, subject_id, subject_key, action,
                expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, deliveryId, userId, subject.type().code(), subject.id(), subject.key(), action.name(),
                        ts(expiresAt)).update();
        var payload = ByteBuffer.allocate(25).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .put((byte) action.ordinal()).putLong(expiresAt.getEpochSecond()).array();
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /** Checks a token without using it up (for the confirmation page). */
    @Transactional(readOnly = true)
    public Claim inspect(String token) {
        var claim = load(token);
        if (claim.usedAt() != null) {
            throw refused(Problem.USED, "this link was already used", token);
        }
        return claim;
    }

    /** Checks and uses up a token; a second use, even concurrent, is refused. */
    public Claim redeem(String token) {
        var claim = load(token);
        int used = jdbc.sql("update notify_answer_token set used_at = ? where id = ? and used_at is null")
                .params(ts(clock.instant()), claim.tokenId()).update();
        if (used == 0) {
            throw refused(Problem.USED, "this link was already used", token);
        }
        return claim;
    }

    private Claim load(String token) {
        byte[] payload;
        byte[] signature;
        try {
            int dot = token == null ? -1 : token.indexOf('.');
            if (dot < 0) {
                throw refused(Problem.FORGED, "malformed token", token);
            }
            payload = B64D.decode(token.substring(0, dot));
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw refused(Problem.FORGED, "malformed token", token);
        }
        if (payload.length != 25 || !MessageDigest.isEqual(mac(payload), signature)) {
            throw refused(Problem.FORGED, "bad signature", token);
        }
        var buffer = ByteBuffer.wrap(payload);
        var id = new UUID(buffer.getLong(), buffer.getLong());
        buffer.get();
        var expires = Instant.ofEpochSecond(buffer.getLong());
        if (!clock.instant().isBefore(expires)) {
            throw refused(Problem.EXPIRED, "this link has expired", token);
        }
        Optional<Claim> claim = jdbc.sql("""
                select id, delivery_id, user_id, subject_type, subject_id, subject_key, action, expires_at, used_at
                from notify_answer_token where id = ?""").param(id)
                .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), SubjectType.of(rs.getString(4)), rs.getString(5), rs.getString(6),
                        AnswerAction.valueOf(rs.getString(7)), DeliveryRows.instant(rs, "expires_at"),
                        DeliveryRows.instant(rs, "used_at")))
                .optional();
        return claim.orElseThrow(() -> refused(Problem.FORGED, "unknown token", token));
    }

    private Refused refused(Problem problem, String message, String token) {
        String shown = token == null ? "null" : token.substring(0, Math.min(12, token.length())) + "...";
        log.warn("Refused answer token {}: {} ({})", shown, message, problem);
        return new Refused(problem, message);
    }

    private byte[] mac(byte[] payload) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secrets.answerTokenKey(), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
