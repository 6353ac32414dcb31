package io.tocsin.chat.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refuses a signed request seen before (a replay inside the signature's time window): each accepted signature is
 * kept (as a hash) for longer than the window, across nodes, in the database.
 */
@Component
public class SeenRequests {

    private static final Duration KEEP = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    SeenRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time this signature is presented; false for a replay. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public boolean firstTime(String signature) {
        var now = clock.instant();
        jdbc.sql("delete from chat_seen_request where seen_at < ?").param(Timestamp.from(now.minus(KEEP))).update();
        try {
            jdbc.sql("insert into chat_seen_request (signature_hash, seen_at) values (?, ?)")
                    .params(hash(signature), Timestamp.from(now)).update();
            return true;
        } catch (DuplicateKeyException replay) {
            return false;
        }
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
