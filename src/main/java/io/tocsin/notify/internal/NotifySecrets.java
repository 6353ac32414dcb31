package io.tocsin.notify.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

import io.tocsin.identity.SecretBox;
import io.tocsin.notify.NotifySettings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signing keys. A configured {@code tocsin.notify.token-secret} wins; otherwise a random key is created once and
 * kept in the database, so every node of a cluster signs and checks with the same key and links survive restarts.
 */
@Component
public class NotifySecrets {

    private final JdbcClient jdbc;
    private final NotifySettings settings;
    private final Clock clock;
    /** The keys are kept encrypted ({@link SecretBox}). */
    private static final String CONTEXT = "notify_secret.secret";

    private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

    private final SecretBox box;

    NotifySecrets(JdbcClient jdbc, NotifySettings settings, Clock clock, SecretBox box) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.box = box;
    }

    public byte[] answerTokenKey() {
        if (!settings.getTokenSecret().isBlank()) {
            return settings.getTokenSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return cache.computeIfAbsent("answer-token", this::loadOrCreate);
    }

    private byte[] loadOrCreate(String name) {
        var stored = jdbc.sql("select secret from notify_secret where name = ?").param(name).query(String.class).optional();
        if (stored.isPresent()) {
            String key = box.open(stored.get(), CONTEXT);
            if (!box.isCurrent(stored.get())) {
                jdbc.sql("update notify_secret set secret = ? where name = ?").params(box.seal(key, CONTEXT), name)
                        .update();
            }
            return Base64.getDecoder().decode(key);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            jdbc.sql("insert into notify_secret (name, secret, created_at) values (?, ?, ?)")
                    .params(name, box.seal(Base64.getEncoder().encodeToString(key), CONTEXT),
                            Timestamp.from(clock.instant())).update();
            return key;
        } catch (DuplicateKeyException otherNodeWon) {
            return Base64.getDecoder().decode(box.open(jdbc.sql("select secret from notify_secret where name = ?")
                    .param(name).query(String.class).single(), CONTEXT));
        }
    }
}
