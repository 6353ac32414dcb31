package io.tocsin.notify.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature: the full URL as called (with its query) followed by every POST parameter's name and
 * value, sorted by name; HMAC-SHA1 with the account's auth token; Base64. Compared in constant time.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, String> params) {
        var data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        try {
            var mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean valid(String authToken, String url, Map<String, String> params, String signature) {
        if (authToken == null || authToken.isBlank() || signature == null || signature.isBlank()) {
            return false;
        }
        byte[] expected = sign(authToken, url, params).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
