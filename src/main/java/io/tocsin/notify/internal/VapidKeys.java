package io.tocsin.notify.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.notify.PushSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The application server's VAPID key pair (RFC 8292), made once and shared by every node through the database.
 * The private key is stored encrypted (AES-256-GCM, the public key as associated data) with a key that is not in
 * the database: {@code tocsin.notify.push.key-encryption-secret}, or a random key in a file created once with
 * owner-only permissions. Browsers bind each subscription to the public key, so it must not change.
 */
@Component
public class VapidKeys {

    static final String NAME = "vapid";
    private static final Logger log = LoggerFactory.getLogger(VapidKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final JdbcClient jdbc;
    private final PushSettings settings;
    private final Clock clock;
    private volatile KeyPair keys;

    VapidKeys(JdbcClient jdbc, PushSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** The key could not be decrypted: the key-encryption secret or file changed since it was made. */
    public static class Unreadable extends IllegalStateException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The public key as browsers take it for {@code applicationServerKey}: unpadded base64url of the point. */
    public String publicKey() {
        return B64.encodeToString(WebPushCrypto.encode((ECPublicKey) keys().getPublic()));
    }

    public KeyPair keys() {
        var current = keys;
        if (current == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = loadOrCreate();
                }
                current = keys;
            }
        }
        return current;
    }

    private KeyPair loadOrCreate() {
        var stored = stored();
        if (stored == null) {
            var pair = WebPushCrypto.generateKeyPair();
            try {
                jdbc.sql("insert into notify_secret (name, secret, created_at) values (?, ?, ?)")
                        .params(NAME, seal(pair), Timestamp.from(clock.instant())).update();
                log.info("Created the VAPID key pair for Web Push");
                return pair;
            } catch (DuplicateKeyException otherNodeWon) {
                stored = stored();
            }
        }
        return open(stored);
    }

    private String stored() {
        return jdbc.sql("select secret from notify_secret where name = ?").param(NAME).query(String.class).optional()
                .orElse(null);
    }

    /** {@code v1.<iv || AES-GCM(private scalar)>.<public point>}, base64url. */
    String seal(KeyPair pair) {
        byte[] publicKey = WebPushCrypto.encode((ECPublicKey) pair.getPublic());
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        byte[] sealed = aes(Cipher.ENCRYPT_MODE, iv, publicKey,
                WebPushCrypto.encode((java.security.interfaces.ECPrivateKey) pair.getPrivate()));
        return "v1." + B64.encodeToString(WebPushCrypto.concat(iv, sealed)) + "." + B64.encodeToString(publicKey);
    }

    KeyPair open(String stored) {
        String[] parts = stored.split("\\.");
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            throw new Unreadable("the stored VAPID key has an unknown format", null);
        }
        byte[] ivAndSealed = B64D.decode(parts[1]);
        byte[] publicKey = B64D.decode(parts[2]);
        byte[] scalar = aes(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(ivAndSealed, 12), publicKey,
                java.util.Arrays.copyOfRange(ivAndSealed, 12, ivAndSealed.length));
        return new KeyPair(WebPushCrypto.publicKey(publicKey), WebPushCrypto.privateKey(scalar));
    }

    private byte[] aes(int mode, byte[] iv, byte[] associated, byte[] input) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(keyEncryptionKey(), "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(associated);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new Unreadable("the VAPID key cannot be decrypted: tocsin.notify.push.key-encryption-secret (or the"
                    + " key file) is not the one it was made with", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] keyEncryptionKey() {
        String secret = settings.getKeyEncryptionSecret();
        if (secret != null && !secret.isBlank()) {
            return sha256(("tocsin vapid key encryption:" + secret).getBytes(StandardCharsets.UTF_8));
        }
        return keyFromFile(Path.of(settings.getKeyFile()));
    }

    private static byte[] keyFromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(key));
                    log.info("Created the key that encrypts the VAPID key at {}", file.toAbsolutePath());
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another thread or process made it first: read theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read or create " + file.toAbsolutePath()
                    + "; set tocsin.notify.push.key-encryption-secret", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
