package io.tocsin.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Web Push message encryption against RFC 8291's published example (Appendix A, section 5), and the VAPID token
 * of RFC 8292 (R12, issue 19 point 1).
 */
class WebPushCryptoTest {

    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLoc"
            + "InmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private static byte[] b64(String s) {
        return WebPushCrypto.fromBase64Url(s);
    }

    @Test
    void theRfc8291ExampleIsReproducedByteForByte() {
        var sender = new KeyPair(WebPushCrypto.publicKey(b64(AS_PUBLIC)), WebPushCrypto.privateKey(b64(AS_PRIVATE)));
        byte[] body = WebPushCrypto.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8),
                WebPushCrypto.publicKey(b64(UA_PUBLIC)), b64(AUTH), sender, b64(SALT));
        assertThat(WebPushCrypto.base64Url(body)).isEqualTo(BODY);
    }

    @Test
    void theHeaderCarriesSaltRecordSizeAndTheSendersKey() {
        byte[] body = WebPushCrypto.encrypt("x".getBytes(StandardCharsets.UTF_8), WebPushCrypto.publicKey(b64(UA_PUBLIC)),
                b64(AUTH));
        assertThat(body).hasSize(16 + 4 + 1 + 65 + 1 + 1 + 16);
        assertThat(Arrays.copyOfRange(body, 16, 20)).containsExactly(0, 0, 0x10, 0);
        assertThat(body[20]).isEqualTo((byte) 65);
        assertThat(body[21]).isEqualTo((byte) 4);
        byte[] again = WebPushCrypto.encrypt("x".getBytes(StandardCharsets.UTF_8), WebPushCrypto.publicKey(b64(UA_PUBLIC)),
                b64(AUTH));
        assertThat(Arrays.copyOf(again, 16)).as("a fresh salt per message").isNotEqualTo(Arrays.copyOf(body, 16));
    }

    @Test
    void keysThatAreNoP256PointsAndWrongAuthSecretsAreRefused() {
        byte[] point = b64(UA_PUBLIC);
        assertThatThrownBy(() -> WebPushCrypto.publicKey(Arrays.copyOf(point, 64))).isInstanceOf(WebPushCrypto.BadKey.class);
        byte[] compressed = point.clone();
        compressed[0] = 2;
        assertThatThrownBy(() -> WebPushCrypto.publicKey(compressed)).isInstanceOf(WebPushCrypto.BadKey.class);
        byte[] offCurve = point.clone();
        offCurve[64] ^= 1;
        assertThatThrownBy(() -> WebPushCrypto.publicKey(offCurve)).hasMessageContaining("not a point on P-256");
        assertThatThrownBy(() -> WebPushCrypto.fromBase64Url("not base64!")).isInstanceOf(WebPushCrypto.BadKey.class);
        assertThatThrownBy(() -> WebPushCrypto.encrypt(new byte[1], WebPushCrypto.publicKey(point), new byte[15]))
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> WebPushCrypto.encrypt(new byte[WebPushCrypto.MAX_PLAINTEXT + 1],
                WebPushCrypto.publicKey(point), b64(AUTH))).hasMessageContaining("at most");
        assertThat(WebPushCrypto.encrypt(new byte[WebPushCrypto.MAX_PLAINTEXT], WebPushCrypto.publicKey(point), b64(AUTH)))
                .as("the largest message fills the 4096-byte record").hasSize(WebPushCrypto.RECORD_SIZE);
    }

    @Test
    void theVapidTokenIsAnEs256JwtForTheEndpointsOriginSignedWithTheAdvertisedKey() throws Exception {
        var keys = WebPushCrypto.generateKeyPair();
        var expires = Instant.parse("2026-12-01T12:00:00Z");
        String header = Vapid.authorization(URI.create("https://push.example.net:8443/wpush/v2/abc?x=1"),
                "mailto:ops@example.org", expires, keys);
        assertThat(header).startsWith("vapid t=").contains(", k=");
        String token = header.substring(8, header.indexOf(", k="));
        String key = header.substring(header.indexOf(", k=") + 4);
        assertThat(WebPushCrypto.fromBase64Url(key)).isEqualTo(WebPushCrypto.encode(
                (java.security.interfaces.ECPublicKey) keys.getPublic()));
        String[] parts = token.split("\\.");
        var json = JsonMapper.builder().build();
        assertThat(json.readTree(Base64.getUrlDecoder().decode(parts[0])).path("alg").asString()).isEqualTo("ES256");
        var claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("aud").asString()).isEqualTo("https://push.example.net:8443");
        assertThat(claims.path("exp").asLong()).isEqualTo(expires.getEpochSecond());
        assertThat(claims.path("sub").asString()).isEqualTo("mailto:ops@example.org");
        var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(WebPushCrypto.publicKey(WebPushCrypto.fromBase64Url(key)));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThat(Vapid.audience(URI.create("https://fcm.googleapis.com/fcm/send/x"))).isEqualTo("https://fcm.googleapis.com");
        assertThat(Vapid.audience(URI.create("http://127.0.0.1:8080/push/1"))).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        var now = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(PushChannel.retryAfter("120", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(PushChannel.retryAfter("Tue, 01 Dec 2026 12:05:00 GMT", now)).isEqualTo(Duration.ofMinutes(5));
        assertThat(PushChannel.retryAfter("Tue, 01 Dec 2026 11:05:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(PushChannel.retryAfter("soon", now)).isNull();
        assertThat(PushChannel.retryAfter("-5", now)).isNull();
        assertThat(PushChannel.retryAfter("99999999", now)).as("capped at a day").isEqualTo(Duration.ofDays(1));
    }
}
