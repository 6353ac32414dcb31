package io.tocsin.statuspage.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Subscription tokens (issue 11 point 9). A confirmation token is random and stored only as its SHA-256 hash,
 * cleared when used. An unsubscribe token is an HMAC-SHA256 of the subscriber's id under a key made once and kept
 * in the database; it stops working when the subscription is gone. Both are compared in constant time.
 */
@Component
public class SubscriberTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile byte[] key;

    SubscriberTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public static String newConfirmToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
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
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(("unsubscribe:" + subscriberId).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean validUnsubscribe(UUID subscriberId, String token) {
        return same(unsubscribeToken(subscriberId), token);
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
            return Base64.getDecoder().decode(stored.get());
        }
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try {
            jdbc.sql("insert into status_page_secret (name, secret, created_at) values ('unsubscribe', ?, ?)")
                    .params(Base64.getEncoder().encodeToString(fresh), Timestamp.from(clock.instant())).update();
            return fresh;
        } catch (DuplicateKeyException otherNodeWon) {
            return Base64.getDecoder().decode(jdbc.sql("select secret from status_page_secret where name = 'unsubscribe'")
                    .query(String.class).single());
        }
    }
}
