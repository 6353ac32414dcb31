package io.tocsin.alerts.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Integration keys and heartbeat tokens: 128 random bits as 32 lowercase hex characters (the shape of a
 * PagerDuty routing key). Only their SHA-256 is stored: the keys are random, so a fast hash suffices and keeps
 * the ingest hot path cheap, while a leaked table reveals no usable key.
 */
public final class SecretKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String hash(String key) {
        return sha256Hex(key);
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last four characters, enough for a person to tell keys apart. */
    public static String hint(String key) {
        return "…" + key.substring(key.length() - 4);
    }
}
