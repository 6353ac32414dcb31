package io.tocsin.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal Chrome DevTools Protocol client over the browser's WebSocket, for what ChromeDriver's
 * {@code executeCdpCommand} cannot do: attach to a target with a session and read the events it sends (the
 * service worker's registration id, which {@code ServiceWorker.deliverPushMessage} needs). Closes itself.
 */
public final class DevToolsSession implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final java.util.List<JsonNode> events = new CopyOnWriteArrayList<>();

    public DevToolsSession(String webSocketUrl) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(webSocketUrl), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            var message = JSON.readTree(text.toString());
                            text.setLength(0);
                            if (message.has("id")) {
                                var waiting = pending.remove(message.get("id").asInt());
                                if (waiting != null) {
                                    waiting.complete(message);
                                }
                            } else {
                                events.add(message);
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }

    /** Sends a command (to a target's session when {@code sessionId} is given) and returns its result. */
    public JsonNode send(String sessionId, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        var future = new CompletableFuture<JsonNode>();
        pending.put(id, future);
        var message = new java.util.LinkedHashMap<String, Object>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        socket.sendText(JSON.writeValueAsString(message), true).join();
        try {
            var answer = future.get(10, TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.path("result");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first event so far that matches, or null. */
    public JsonNode event(Predicate<JsonNode> matching) {
        return events.stream().filter(matching).findFirst().orElse(null);
    }

    /** Every event received so far, for a failure message. */
    public java.util.List<JsonNode> events() {
        return java.util.List.copyOf(events);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
}
