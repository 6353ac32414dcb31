package io.tocsin.statuspage.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.identity.SecretBox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Subscription tokens (issue 11 point 9), both signed with HMAC-SHA256 under a key made once, kept in the
 * database sealed by {@link SecretBox}, and compared in constant time.
 * <ul>
 * <li>A confirmation token is {@code <nonce>.<issued>.<signature>}: a random nonce, the issue time (unix seconds,
 * base 36) and the HMAC of both and the page. A token that is not signed for this page or is older than
 * {@link #CONFIRM_VALIDITY} is refused before any lookup; a signed one must also match the one hash stored for the
 * subscription (the newest link), and confirming clears it: single use.</li>
 * <li>An unsubscribe token is the HMAC of the subscription's id; unsubscribing deletes the subscription, so the
 * link works once (a new subscription of the same address has a new id).</li>
 * </ul>
 */
@Component
public class SubscriberTokens {

    public static final Duration CONFIRM_VALIDITY = Duration.ofDays(7);
    static final String SECRET_CONTEXT = "status_page_secret.secret";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecretBox box;
    private volatile byte[] key;

    SubscriberTokens(JdbcClient jdbc, Clock clock, SecretBox box) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.box = box;
    }

    /** A fresh signed confirmation token for a subscription to the page. */
    public String newConfirmToken(UUID pageId) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String unsigned = B64.encodeToString(bytes) + "." + Long.toString(clock.instant().getEpochSecond(), 36);
        return unsigned + "." + mac("confirm:" + pageId + ":" + unsigned);
    }

    /** Whether the token carries this node's signature for the page and is recent enough; looks nothing up. */
    public boolean signedConfirmToken(UUID pageId, String token) {
        if (token == null || token.length() > 100) {
            return false;
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last <= first) {
            return false;
        }
        String unsigned = token.substring(0, last);
        if (!same(mac("confirm:" + pageId + ":" + unsigned), token.substring(last + 1))) {
            return false;
        }
        long issued;
        try {
            issued = Long.parseLong(token.substring(first + 1, last), 36);
        } catch (NumberFormatException e) {
            return false;
        }
        long age = clock.instant().getEpochSecond() - issued;
        return age >= 0 && age <= CONFIRM_VALIDITY.toSeconds();
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
                b.getBytes(StandardCharsets.UTF_8));
    }

    public String unsubscribeToken(UUID subscriberId) {
        return mac("unsubscribe:" + subscriberId);
    }

    public boolean validUnsubscribe(UUID subscriberId, String token) {
        return same(unsubscribeToken(subscriberId), token);
    }

    private String mac(String what) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(what.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        var k = key;
        if (k == null) {
            k = loadOrCreate();
            key = k;
        }
        return k;
    }

    private byte[] loadOrCreate() {
        var stored = jdbc.sql("select secret from status_page_secret where name = 'unsubscribe'").query(String.class)
                .optional();
        if (stored.isPresent()) {
            if (!box.isCurrent(stored.get())) {
                // Stored before it was sealed, or under an older key: sealed again with the active one.
                jdbc.sql("update status_page_secret set secret = ? where name = 'unsubscribe' and secret = ?")
                        .params(box.seal(box.open(stored.get(), SECRET_CONTEXT), SECRET_CONTEXT), stored.get()).update();
            }
            return Base64.getDecoder().decode(box.open(stored.get(), SECRET_CONTEXT));
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
            jdbc.sql("insert into status_page_secret (name, secret, created_at) values ('unsubscribe', ?, ?)")
                    .params(box.seal(Base64.getEncoder().encodeToString(fresh), SECRET_CONTEXT),
                            Timestamp.from(clock.instant())).update();
            return fresh;
        } catch (DuplicateKeyException otherNodeWon) {
            return Base64.getDecoder().decode(box.open(jdbc.sql(
                    "select secret from status_page_secret where name = 'unsubscribe'").query(String.class).single(),
                    SECRET_CONTEXT));
        }
    }
}
