package io.tocsin.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.shared.StartupNotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that Tocsin must be able to read back (integration signing secrets, codes waiting in the
 * outbox, provider and chat credentials) with AES-256-GCM from the JDK. The key comes from configuration:
 * {@code tocsin.secrets.key} (32 bytes, base64) named by {@code tocsin.secrets.key-id}; older keys stay readable
 * under {@code tocsin.secrets.previous-keys.<id>}, so a key is rotated by configuring a new one and moving the old
 * one there. Each value names its key ({@code tcs1:<key id>:<base64>}) and is bound to where it is stored (the
 * {@code context}, e.g. {@code alert_integration.signing_secret}): a value copied to another column does not open.
 *
 * <p>Without a configured key Tocsin generates one and keeps it in its database, and says so at start: that keeps
 * a first start working but protects nothing against a stolen database dump. Values written before encryption
 * (no prefix) are read as they are and sealed on their next write.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String PREFIX = "tcs1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String activeId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    @Autowired
    SecretBox(Environment environment, JdbcClient jdbc, Clock clock, StartupNotes notes,
            @Value("${tocsin.secrets.key:}") String key, @Value("${tocsin.secrets.key-id:k1}") String keyId) {
        this(key.isBlank() ? "db" : keyId, keys(environment, jdbc, clock, notes, key, keyId));
    }

    /** A box that seals with the key named {@code activeId}; {@code keys} are base64 key material by id. */
    SecretBox(String activeId, Map<String, String> keys) {
        if (!activeId.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalStateException("tocsin.secrets.key-id must be 1-40 letters, digits, '-' or '_'");
        }
        this.activeId = activeId;
        keys.forEach((id, material) -> this.keys.put(id, aes(material, id)));
        if (!this.keys.containsKey(activeId)) {
            throw new IllegalStateException("no key material for tocsin.secrets.key-id " + activeId);
        }
    }

    private static Map<String, String> keys(Environment environment, JdbcClient jdbc, Clock clock,
            StartupNotes notes, String key, String keyId) {
        var keys = new LinkedHashMap<String, String>(Binder.get(environment)
                .bind("tocsin.secrets.previous-keys", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        var stored = jdbc.sql("select material from secret_key where id = 'db'").query(String.class).optional();
        if (key.isBlank()) {
            keys.put("db", stored.orElseGet(() -> storeKey(jdbc, clock)));
            notes.add(StartupNotes.Section.ADVICE, "Secrets at rest", List.of(
                    "Integration and provider secrets are encrypted with a key kept in the database.",
                    "Set TOCSIN_SECRETS_KEY (32 random bytes, base64; see docs/security.md) to keep it apart."));
        } else {
            keys.put(keyId, key);
            // Values sealed before a key was configured stay readable until they are sealed again.
            stored.ifPresent(material -> keys.putIfAbsent("db", material));
        }
        return keys;
    }

    /** The ciphertext to store for a secret; null stays null. */
    public String seal(String plain, String context) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + activeId + ":" + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt", e);
        }
    }

    /**
     * The secret a stored value holds; null stays null, a value from before encryption is returned as is.
     *
     * @throws IllegalStateException when the key it names is not configured or the value was altered
     */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PREFIX.length());
        String id = colon < 0 ? "" : stored.substring(PREFIX.length(), colon);
        var key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("a secret in " + context + " is sealed with key '" + id
                    + "', which is not configured (tocsin.secrets.previous-keys." + id + ")");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a secret in " + context + " does not open with key '" + id + "'", e);
        }
    }

    /** Whether a stored value is sealed with the active key (otherwise it should be sealed again). */
    public boolean isCurrent(String stored) {
        return stored == null || stored.startsWith(PREFIX + activeId + ":");
    }

    private static SecretKey aes(String base64, String id) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the secrets key '" + id + "' is not base64");
        }
        if (material.length != 32) {
            throw new IllegalStateException("the secrets key '" + id + "' must be 32 bytes (base64 of 32 random"
                    + " bytes, e.g. 'openssl rand -base64 32'), not " + material.length);
        }
        return new SecretKeySpec(material, "AES");
    }

    private static String storeKey(JdbcClient jdbc, Clock clock) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String material = Base64.getEncoder().encodeToString(key);
        try {
            jdbc.sql("insert into secret_key (id, material, created_at) values ('db', ?, ?)")
                    .params(material, Timestamp.from(clock.instant())).update();
            log.info("Generated the database-kept key for secrets at rest (configure tocsin.secrets.key instead)");
            return material;
        } catch (DuplicateKeyException otherNodeWon) {
            return jdbc.sql("select material from secret_key where id = 'db'").query(String.class).single();
        }
    }
}
