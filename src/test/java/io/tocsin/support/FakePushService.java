package io.tocsin.support;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tocsin.notify.PushSettings;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A push service on loopback that does what RFC 8030 asks of one, and a browser's part of RFC 8291: each
 * {@link Device} has a P-256 key pair and an auth secret and an endpoint {@code /push/<id>}; a push message is a
 * POST there with {@code TTL}, {@code Content-Encoding: aes128gcm} and {@code Authorization: vapid t=<JWT>, k=<key>}.
 * The service checks the VAPID token (ES256 signature with {@code k}, {@code aud} the endpoint's origin,
 * {@code exp} in the future and at most 24 h away, a {@code sub}), decrypts the body with the device's private key
 * (its own code, written from the RFC, not Tocsin's), and answers {@code 201 Created} with a {@code Location}; or,
 * when a test scripts it, 404, 410, or 429 with {@code Retry-After}. A bad token is 401/403, a bad body 400.
 */
@Component
public class FakePushService {

    /** The key the test application encrypts its VAPID key with. */
    public static final String KEY_ENCRYPTION_SECRET = "test-only key encryption secret";
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The curve's parameters are the JDK's; everything the protocol does with them is the fake's own. */
    private static final ECParameterSpec P256 = io.tocsin.notify.internal.WebPushCrypto.P256;

    /** One delivered push message as the device decrypted it, with the headers it came with. */
    public record Message(String location, JsonNode payload, String ttl, String urgency, String vapidKey) {
    }

    /** What the service refused and why (status and reason). */
    public record Refusal(String deviceId, int status, String reason) {
    }

    /** A browser profile on a device: its subscription keys and what reached it. */
    public final class Device {
        private final String id = UUID.randomUUID().toString();
        private final KeyPair keys;
        private final byte[] auth = new byte[16];
        private final List<Message> received = new CopyOnWriteArrayList<>();

        private Device() {
            try {
                var generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(P256);
                keys = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            new SecureRandom().nextBytes(auth);
        }

        public String endpoint() {
            return base() + "/push/" + id;
        }

        public String p256dh() {
            return B64.encodeToString(point((ECPublicKey) keys.getPublic()));
        }

        public String auth() {
            return B64.encodeToString(auth);
        }

        /** The body a browser posts for {@code PushSubscription.toJSON()} as a contact method. */
        public Map<String, Object> contactMethod(String name) {
            return Map.of("type", "PUSH", "name", name, "destination", endpoint(),
                    "keys", Map.of("p256dh", p256dh(), "auth", auth()));
        }

        public List<Message> received() {
            return List.copyOf(received);
        }

        /** The next {@code n} messages to this device are answered with {@code status} (and Retry-After). */
        public void answerNext(int n, int status, String retryAfter) {
            for (int i = 0; i < n; i++) {
                scripted.computeIfAbsent(id, k -> new ConcurrentLinkedQueue<>()).add(new int[] {status,
                        retryAfter == null ? -1 : Integer.parseInt(retryAfter)});
            }
        }

        /** From now on the subscription is gone for good (the user revoked it): 410 to every message. */
        public void unsubscribe() {
            gone.add(id);
        }
    }

    private final HttpServer server;
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<int[]>> scripted = new ConcurrentHashMap<>();
    private final java.util.Set<String> gone = ConcurrentHashMap.newKeySet();
    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public FakePushService(PushSettings settings, Clock clock) throws IOException {
        this.clock = clock;
        settings.setAllowHttpEndpoints(true);
        settings.setAllowPrivateEndpoints(true);
        settings.setKeyEncryptionSecret(KEY_ENCRYPTION_SECRET);
        settings.setSubject("mailto:ops@tocsin.test");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/push/", this::handle);
        server.start();
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Device newDevice() {
        var device = new Device();
        devices.put(device.id, device);
        return device;
    }

    public List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            var device = devices.get(id);
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (device == null || !"POST".equals(exchange.getRequestMethod())) {
                refuse(exchange, id, 404, "no such subscription");
                return;
            }
            var headers = exchange.getRequestHeaders();
            String ttl = headers.getFirst("TTL");
            if (ttl == null || !ttl.matches("[0-9]+")) {
                refuse(exchange, id, 400, "TTL header missing (RFC 8030 section 5.2)");
                return;
            }
            String vapidKey;
            try {
                vapidKey = checkVapid(headers.getFirst("Authorization"));
            } catch (IllegalArgumentException e) {
                refuse(exchange, id, 403, "VAPID: " + e.getMessage());
                return;
            }
            if (gone.contains(id)) {
                refuse(exchange, id, 410, "subscription expired");
                return;
            }
            var queue = scripted.get(id);
            int[] next = queue == null ? null : queue.poll();
            if (next != null) {
                if (next[1] >= 0) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(next[1]));
                }
                refuse(exchange, id, next[0], "scripted");
                return;
            }
            if (!"aes128gcm".equals(headers.getFirst("Content-Encoding"))) {
                refuse(exchange, id, 415, "Content-Encoding must be aes128gcm (RFC 8291)");
                return;
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(decrypt(device, body));
            } catch (GeneralSecurityException | RuntimeException e) {
                refuse(exchange, id, 400, "cannot decrypt: " + e);
                return;
            }
            String location = base() + "/message/" + UUID.randomUUID();
            device.received.add(new Message(location, payload, ttl, headers.getFirst("Urgency"), vapidKey));
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(201, -1);
        }
    }

    private void refuse(HttpExchange exchange, String id, int status, String reason) throws IOException {
        refusals.add(new Refusal(id, status, reason));
        exchange.sendResponseHeaders(status, -1);
    }

    /** RFC 8292: {@code vapid t=<header.claims.signature>, k=<public key>}; returns k. */
    private String checkVapid(String authorization) {
        if (authorization == null || !authorization.startsWith("vapid ")) {
            throw new IllegalArgumentException("no vapid Authorization");
        }
        String token = null;
        String key = null;
        for (String part : authorization.substring(6).split(",")) {
            String p = part.strip();
            if (p.startsWith("t=")) {
                token = p.substring(2);
            } else if (p.startsWith("k=")) {
                key = p.substring(2);
            }
        }
        if (token == null || key == null) {
            throw new IllegalArgumentException("t and k are required");
        }
        String[] jwt = token.split("\\.");
        if (jwt.length != 3) {
            throw new IllegalArgumentException("not a JWT");
        }
        try {
            var header = JSON.readTree(B64D.decode(jwt[0]));
            if (!"ES256".equals(header.path("alg").asString(""))) {
                throw new IllegalArgumentException("alg must be ES256");
            }
            var verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey(B64D.decode(key)));
            verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(B64D.decode(jwt[2]))) {
                throw new IllegalArgumentException("bad signature");
            }
            var claims = JSON.readTree(B64D.decode(jwt[1]));
            if (!base().equals(claims.path("aud").asString(""))) {
                throw new IllegalArgumentException("aud " + claims.path("aud") + " is not " + base());
            }
            long exp = claims.path("exp").asLong(0);
            long now = clock.instant().getEpochSecond();
            if (exp <= now || exp > now + 24 * 3600) {
                throw new IllegalArgumentException("exp must be in the next 24 hours");
            }
            String sub = claims.path("sub").asString("");
            if (!sub.startsWith("mailto:") && !sub.startsWith("https:")) {
                throw new IllegalArgumentException("sub must be a mailto: or https: URI");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e.toString());
        }
    }

    /** The user agent's side of RFC 8291 section 3.4 with RFC 8188's header. */
    private static byte[] decrypt(Device device, byte[] body) throws GeneralSecurityException {
        var in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] senderKey = new byte[in.get() & 0xff];
        in.get(senderKey);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (recordSize < 18 || ciphertext.length > recordSize) {
            throw new GeneralSecurityException("record larger than rs");
        }
        var agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(device.keys.getPrivate());
        agreement.doPhase(publicKey(senderKey), true);
        byte[] shared = agreement.generateSecret();
        byte[] uaPublic = point((ECPublicKey) device.keys.getPublic());
        byte[] info = join("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, senderKey, new byte[] {1});
        byte[] ikm = Arrays.copyOf(mac(mac(device.auth, shared), info), 32);
        byte[] prk = mac(salt, ikm);
        byte[] cek = Arrays.copyOf(mac(prk, join("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII),
                new byte[] {1})), 16);
        byte[] nonce = Arrays.copyOf(mac(prk, join("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII),
                new byte[] {1})), 12);
        var cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("no last-record delimiter");
        }
        return Arrays.copyOf(padded, end);
    }

    private static ECPublicKey publicKey(byte[] point) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        var w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, P256));
    }

    private static byte[] point(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = key.getW().getAffineX().toByteArray();
        byte[] y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + 32 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + 32 - Math.min(32, y.length), Math.min(32, y.length));
        return out;
    }

    private static byte[] mac(byte[] key, byte[] data) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] join(byte[]... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (var p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
