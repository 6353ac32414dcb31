package io.tocsin.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What both vendor fakes share: an HTTP server on loopback that checks the vendor's authentication header, can be
 * told to answer the next requests with 429 and a Retry-After, or to fail an endpoint, and records every request.
 * Each subclass implements the vendor's documented endpoints and its error JSON.
 */
abstract class FakeVendorApi implements AutoCloseable {

    /** A request as the fake saw it. */
    record Seen(String method, String path, String query, String authorization) {
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int retryAfterSeconds = 2;
    private volatile String failingPath;
    private volatile int failingStatus;
    protected volatile String apiKey;
    protected volatile JsonNode data;

    FakeVendorApi(JsonNode data, String apiKey) {
        this.data = data;
        this.apiKey = apiKey;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    void forget() {
        seen.clear();
    }

    /** The next {@code requests} requests are answered 429 with {@code Retry-After: seconds}. */
    void rateLimitNext(int requests, int seconds) {
        retryAfterSeconds = seconds;
        rateLimited.set(requests);
    }

    /** Requests whose path starts with {@code path} fail with {@code status} (null: none). */
    void fail(String path, int status) {
        failingPath = path;
        failingStatus = status;
    }

    /** Replaces the data served, e.g. to change a rotation between two imports. */
    void serve(JsonNode newData) {
        data = newData;
    }

    JsonNode data() {
        return data;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    abstract String expectedAuthorization();

    abstract JsonNode error(int status, String message);

    /** The answer to an authenticated GET, or null for 404. */
    abstract JsonNode answer(String path, Map<String, List<String>> query);

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), auth));
            if (!expectedAuthorization().equals(auth)) {
                send(exchange, 401, error(401, "Could not authenticate"));
                return;
            }
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                send(exchange, 429, error(429, "Rate limit exceeded"));
                return;
            }
            String failing = failingPath;
            if (failing != null && path.startsWith(failing)) {
                send(exchange, failingStatus, error(failingStatus, "Internal error"));
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, error(405, "Method not allowed"));
                return;
            }
            JsonNode body = answer(URLDecoder.decode(path, StandardCharsets.UTF_8), query(exchange));
            if (body == null) {
                send(exchange, 404, error(404, "Not found"));
            } else {
                send(exchange, 200, body);
            }
        }
    }

    private static Map<String, List<String>> query(HttpExchange exchange) {
        var out = new LinkedHashMap<String, List<String>>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(v);
        }
        return out;
    }

    static String first(Map<String, List<String>> query, String name, String fallback) {
        var values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }

    ObjectNode object() {
        return ImportFixtures.JSON.createObjectNode();
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = ImportFixtures.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
