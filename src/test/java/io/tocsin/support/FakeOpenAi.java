package io.tocsin.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible chat-completions server for tests (issue 18): {@code POST /v1/chat/completions} as OpenAI
 * documents it. The request must carry {@code model} and a non-empty {@code messages} array of {@code role} and
 * {@code content}, and, when a key is set, {@code Authorization: Bearer <key>}; the answer is a {@code
 * chat.completion} object with {@code choices[0].message.content} and {@code usage}. Errors in OpenAI's shape
 * ({@code {"error": {"message", "type", "param", "code"}}}): 400 for a malformed request, 401 for a wrong key,
 * and scripted 429 (with Retry-After) and 500 answers; {@link #hang} holds an answer until {@link #close}, for
 * timeouts. Every request is recorded, its raw body included.
 */
public final class FakeOpenAi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record Request(String authorization, String body, JsonNode json) {
    }

    private sealed interface Script permits Reply, Failure, Hang {
    }

    private record Reply(String content) implements Script {
    }

    private record Failure(int status, String type, String code, String message) implements Script {
    }

    private record Hang() implements Script {
    }

    private final HttpServer server;
    private final String key;
    private final Deque<Script> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    public FakeOpenAi(String key) {
        this.key = key;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** The base URL to configure, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public synchronized FakeOpenAi reply(String content) {
        script.add(new Reply(content));
        return this;
    }

    public synchronized FakeOpenAi rateLimited() {
        script.add(new Failure(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests"));
        return this;
    }

    public synchronized FakeOpenAi serverError() {
        script.add(new Failure(500, "server_error", null, "The server had an error while processing your request"));
        return this;
    }

    public synchronized FakeOpenAi hang() {
        script.add(new Hang());
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private synchronized Script next() {
        return script.isEmpty() ? new Reply("{}") : script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode json;
            try {
                json = JSON.readTree(body);
            } catch (RuntimeException e) {
                json = null;
            }
            requests.add(new Request(authorization, body, json));
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request_error", null, "Only POST is supported");
                return;
            }
            if (key != null && !("Bearer " + key).equals(authorization)) {
                error(exchange, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided");
                return;
            }
            if (json == null || !json.path("model").isString() || !json.path("messages").isArray()
                    || json.path("messages").isEmpty()) {
                error(exchange, 400, "invalid_request_error", null, "'model' and 'messages' are required");
                return;
            }
            for (var m : json.path("messages")) {
                if (!m.path("role").isString() || !m.path("content").isString()) {
                    error(exchange, 400, "invalid_request_error", null, "each message needs 'role' and 'content'");
                    return;
                }
            }
            switch (next()) {
                case Reply r -> answer(exchange, 200, Map.of("id", "chatcmpl-" + requests.size(), "object",
                        "chat.completion", "created", 1772438400, "model", json.path("model").asString(),
                        "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content",
                                r.content()), "finish_reason", "stop")),
                        "usage", Map.of("prompt_tokens", body.length() / 4, "completion_tokens",
                                r.content().length() / 4, "total_tokens", body.length() / 4 + r.content().length() / 4)));
                case Failure f -> {
                    if (f.status() == 429) {
                        exchange.getResponseHeaders().add("Retry-After", "20");
                    }
                    error(exchange, f.status(), f.type(), f.code(), f.message());
                }
                case Hang h -> {
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String code, String message)
            throws IOException {
        var error = new java.util.LinkedHashMap<String, Object>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", null);
        error.put("code", code);
        answer(exchange, status, Map.of("error", error));
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
