package io.tocsin.statuspage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook subscriber's endpoint on loopback, as a receiver would write one (issue 11 point 6): it checks every
 * request's {@code X-Tocsin-Signature} against its secret (HMAC-SHA256 over {@code v1:<timestamp>:<body>},
 * compared in constant time) and refuses a bad one with 401, answers a ping with its challenge, and otherwise 200
 * - or what a test scripted for the path next (429 with Retry-After, 410, 503 ...).
 */
final class StatuspageWebhookEndpoint implements AutoCloseable {

    record Received(String path, String event, String timestamp, String signature, boolean signatureValid,
            JsonNode body, int answered) {
    }

    private record Scripted(int status, String retryAfter) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, Queue<Scripted>> scripts = new ConcurrentHashMap<>();

    StatuspageWebhookEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(4, Thread.ofPlatform().daemon().factory()));
        server.createContext("/", this::handle);
        server.start();
    }

    String newUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + UUID.randomUUID();
    }

    void secret(String url, String secret) {
        secrets.put(path(url), secret);
    }

    /** The next answer for the path, before the normal ones. */
    synchronized void then(String url, int status, String retryAfter) {
        scripts.computeIfAbsent(path(url), k -> new ArrayDeque<>()).add(new Scripted(status, retryAfter));
    }

    List<Received> received(String url) {
        return received.stream().filter(r -> r.path().equals(path(url))).toList();
    }

    List<Received> events(String url) {
        return received(url).stream().filter(r -> !"ping".equals(r.event())).toList();
    }

    private static String path(String url) {
        return java.net.URI.create(url).getPath();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            String timestamp = exchange.getRequestHeaders().getFirst("X-Tocsin-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Tocsin-Signature");
            String event = exchange.getRequestHeaders().getFirst("X-Tocsin-Event");
            String secret = secrets.get(path);
            boolean valid = secret != null && timestamp != null && signature != null && MessageDigest.isEqual(
                    ("v1=" + sign(secret, timestamp, body)).getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
            JsonNode json = JSON.readTree(body);
            Scripted next;
            synchronized (this) {
                var q = scripts.get(path);
                next = q == null ? null : q.poll();
            }
            int status;
            String answer = "ok";
            if (!valid) {
                status = 401;
            } else if (next != null) {
                status = next.status();
                if (next.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", next.retryAfter());
                }
            } else {
                status = 200;
                if ("ping".equals(event)) {
                    answer = json.get("ping").get("challenge").asString();
                }
            }
            received.add(new Received(path, event, timestamp, signature, valid, json, status));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("v1:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
