package io.tocsin.chat.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature (issue 14 point 1): {@code X-Slack-Signature: v0=<hex HMAC-SHA256>} over
 * {@code v0:<X-Slack-Request-Timestamp>:<raw body>} with the app's signing secret. Pure: the caller passes the
 * time; a timestamp more than five minutes away from it is stale; the signature is compared in constant time.
 */
public final class SlackSignature {

    public static final Duration WINDOW = Duration.ofMinutes(5);

    public enum Check {
        VALID, MISSING, STALE, BAD_SIGNATURE, NOT_CONFIGURED
    }

    private SlackSignature() {
    }

    public static String sign(String secret, String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Check check(String secret, String timestamp, String signature, String body, Instant now) {
        if (secret == null || secret.isBlank()) {
            return Check.NOT_CONFIGURED;
        }
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Check.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Check.MISSING;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > WINDOW.toSeconds()) {
            return Check.STALE;
        }
        byte[] expected = sign(secret, timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))
                ? Check.VALID : Check.BAD_SIGNATURE;
    }
}
