package io.tocsin.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * A chat tool's incoming-webhook endpoint on loopback: records every POST (headers and body) per path and answers
 * 200 {@code ok} like Slack, or whatever status a test sets for a path, optionally after a delay.
 */
@Component
public class WebhookReceiver {

    public record Received(String path, Map<String, String> headers, String body, long receivedAtNanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(8,
            Thread.ofPlatform().name("webhook-receiver").daemon().factory());
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    @PreDestroy
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** A fresh path on this receiver, so tests never see each other's requests. */
    public String newUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + UUID.randomUUID();
    }

    public List<Received> received(String url) {
        String path = java.net.URI.create(url).getPath();
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** How many requests whose body contains {@code marker} reached the URL. */
    public long count(String url, String marker) {
        return received(url).stream().filter(r -> r.body().contains(marker)).count();
    }

    /**
     * Waits until at least {@code count} requests whose body contains {@code marker} reached the URL, woken by each
     * arrival rather than polling; returns whether they arrived within the timeout.
     */
    public synchronized boolean await(String url, String marker, long count, java.time.Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); count(url, marker) < count; left = deadline - System.nanoTime()) {
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public void respondWith(String url, int status, long delayMillis) {
        String path = java.net.URI.create(url).getPath();
        statuses.put(path, status);
        delays.put(path, delayMillis);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            long arrived = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            var headers = new ConcurrentHashMap<String, String>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long delay = delays.getOrDefault(path, 0L);
            if (delay > 0) {
                try {
                    Thread.sleep(delay); // the slow chat tool, not the test, waits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(new Received(path, headers, body, arrived));
            synchronized (this) {
                notifyAll();
            }
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(statuses.getOrDefault(path, 200), answer.length);
            exchange.getResponseBody().write(answer);
        }
    }
}
