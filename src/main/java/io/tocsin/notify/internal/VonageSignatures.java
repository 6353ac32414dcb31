package io.tocsin.notify.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Vonage's signatures. Inbound SMS webhooks carry {@code sig}: the parameters but {@code sig} sorted by name, each
 * as {@code &name=value} with {@code &} and {@code =} in values replaced by {@code _}, HMAC-SHA256 with the
 * signature secret, upper-case hex. Voice callbacks carry {@code Authorization: Bearer <JWT>}, HS256 with the
 * signature secret, whose {@code payload_hash} is the SHA-256 of the body. Calls we place are authorised with a
 * JWT (RS256) signed with the application's private key.
 */
public final class VonageSignatures {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VonageSignatures() {
    }

    /** The {@code sig} of a set of webhook parameters. */
    public static String smsSignature(Map<String, String> params, String secret) {
        var sorted = new TreeMap<String, String>();
        params.forEach((k, v) -> {
            if (!"sig".equals(k)) {
                sorted.put(k, v == null ? "" : v.replace('&', '_').replace('=', '_'));
            }
        });
        var text = new StringBuilder();
        sorted.forEach((k, v) -> text.append('&').append(k).append('=').append(v));
        return HexFormat.of().formatHex(WebPushCrypto.hmac(secret.getBytes(StandardCharsets.UTF_8),
                text.toString().getBytes(StandardCharsets.UTF_8))).toUpperCase(Locale.ROOT);
    }

    /** Signature right (constant-time) and {@code timestamp} (unix seconds) no older than {@code maxAge}. */
    public static boolean smsValid(Map<String, String> params, String secret, Instant now, Duration maxAge) {
        String sig = params.get("sig");
        if (sig == null || secret.isBlank()) {
            return false;
        }
        boolean match = MessageDigest.isEqual(smsSignature(params, secret).getBytes(StandardCharsets.US_ASCII),
                sig.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return match && fresh(params.get("timestamp"), now, maxAge);
    }

    /** The bearer token is ours (HS256 with the secret), fresh, and covers exactly this body. */
    public static boolean callbackValid(String authorization, String body, String secret, Instant now, Duration maxAge) {
        if (authorization == null || !authorization.startsWith("Bearer ") || secret.isBlank()) {
            return false;
        }
        String[] jwt = authorization.substring(7).strip().split("\\.");
        if (jwt.length != 3) {
            return false;
        }
        try {
            if (!"HS256".equals(JSON.readTree(B64D.decode(jwt[0])).path("alg").asString(""))) {
                return false;
            }
            byte[] expected = WebPushCrypto.hmac(secret.getBytes(StandardCharsets.UTF_8),
                    (jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, B64D.decode(jwt[2]))) {
                return false;
            }
            var claims = JSON.readTree(B64D.decode(jwt[1]));
            return MessageDigest.isEqual(sha256Hex(body).getBytes(StandardCharsets.US_ASCII),
                    claims.path("payload_hash").asString("").getBytes(StandardCharsets.US_ASCII))
                    && fresh(claims.path("iat").asString(""), now, maxAge);
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            return false;
        }
    }

    /** The Voice API's bearer token: RS256 with the application's private key. */
    static String applicationToken(String applicationId, PrivateKey key, Instant now) {
        String claims = "{\"application_id\":\"" + applicationId + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + (now.getEpochSecond() + 300) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signed = B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            var signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA key, as Vonage's dashboard hands it out. */
    static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("tocsin.notify.vonage.private-key is not a PKCS#8 PEM RSA key", e);
        }
    }

    public static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean fresh(String epochSeconds, Instant now, Duration maxAge) {
        try {
            var at = Instant.ofEpochSecond(Long.parseLong(epochSeconds == null ? "" : epochSeconds.strip()));
            return !at.isBefore(now.minus(maxAge)) && !at.isAfter(now.plus(maxAge));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
