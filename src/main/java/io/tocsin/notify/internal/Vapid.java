package io.tocsin.notify.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;

/**
 * VAPID (RFC 8292): the application server signs a short JWT (ES256) naming the push service's origin
 * ({@code aud}), an expiry of at most 24 hours ({@code exp}) and a contact ({@code sub}, a {@code mailto:} or
 * {@code https:} URI), and sends it with its public key as {@code Authorization: vapid t=<jwt>, k=<key>}.
 */
final class Vapid {

    private Vapid() {
    }

    /** The origin of a push endpoint: scheme, host and a port other than the scheme's default. */
    static String audience(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equals(endpoint.getScheme()) && port == 443)
                || ("http".equals(endpoint.getScheme()) && port == 80);
        return endpoint.getScheme() + "://" + endpoint.getHost() + (defaultPort ? "" : ":" + port);
    }

    static String authorization(URI endpoint, String subject, Instant expires, KeyPair keys) {
        String header = WebPushCrypto.base64Url("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = WebPushCrypto.base64Url(("{\"aud\":\"" + json(audience(endpoint)) + "\",\"exp\":"
                + expires.getEpochSecond() + ",\"sub\":\"" + json(subject) + "\"}").getBytes(StandardCharsets.UTF_8));
        String signed = header + "." + claims;
        try {
            var signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(keys.getPrivate());
            signature.update(signed.getBytes(StandardCharsets.US_ASCII));
            return "vapid t=" + signed + "." + WebPushCrypto.base64Url(signature.sign()) + ", k="
                    + WebPushCrypto.base64Url(WebPushCrypto.encode((ECPublicKey) keys.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("VAPID signing failed", e);
        }
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
