package io.tocsin.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of Teams' Workflows webhooks (issue 14 point 3), on loopback: one URL per flow ("Post to a channel when a
 * webhook request is received"), accepting what Microsoft documents: a POST of {@code {"type":"message",
 * "attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard",...}}]}},
 * answered 202 Accepted; anything else 400. Failures can be scripted per flow: 429 with {@code Retry-After}
 * (Teams throttles a webhook at about four requests a second), 500, or a final 4xx (a deleted flow answers 404).
 * What reached a channel is kept as the card JSON.
 */
@Component
public class FakeTeamsWorkflows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, List<JsonNode>> channels = new ConcurrentHashMap<>();
    private final Map<String, Deque<int[]>> failures = new ConcurrentHashMap<>();

    public FakeTeamsWorkflows() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/workflows/", this::handle);
        server.start();
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }

    /** The flow's webhook URL (with a signature parameter, as Workflows URLs have). */
    public String url(String channel) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/workflows/" + channel + "/triggers/manual/paths/invoke"
                + "?api-version=1&sig=" + Integer.toHexString(channel.hashCode());
    }

    /** The cards posted to the channel, oldest first. */
    public List<JsonNode> cards(String channel) {
        return List.copyOf(channels.getOrDefault(channel, List.of()));
    }

    /** The next answers of the channel's flow: {status, retryAfterSeconds (or -1)}. */
    public void fail(String channel, int status, int retryAfterSeconds) {
        failures.computeIfAbsent(channel, c -> new ArrayDeque<>()).add(new int[] {status, retryAfterSeconds});
    }

    public static String text(JsonNode card) {
        var text = new StringBuilder();
        card.path("body").forEach(b -> text.append(b.path("text").asString("")).append('\n'));
        return text.toString();
    }

    public static List<JsonNode> actions(JsonNode card) {
        var result = new ArrayList<JsonNode>();
        card.path("actions").forEach(result::add);
        return result;
    }

    /** Teams' outgoing webhook calling Tocsin: the message that mentions the webhook, signed with {@code key}. */
    public static String outgoingActivity(String aadObjectId, String name, String text) {
        var activity = new java.util.LinkedHashMap<String, Object>();
        activity.put("type", "message");
        activity.put("id", Long.toString(System.nanoTime()));
        activity.put("timestamp", "2026-12-01T12:00:00.000Z");
        activity.put("serviceUrl", "https://smba.trafficmanager.net/emea/");
        activity.put("channelId", "msteams");
        activity.put("from", Map.of("id", "29:" + aadObjectId, "name", name, "aadObjectId", aadObjectId));
        activity.put("conversation", Map.of("id", "19:ops@thread.tacv2;messageid=" + System.nanoTime(),
                "conversationType", "channel", "isGroup", true));
        activity.put("text", "<at>Tocsin</at> " + text);
        activity.put("textFormat", "plain");
        activity.put("entities", List.of(Map.of("type", "mention", "text", "<at>Tocsin</at>",
                "mentioned", Map.of("id", "28:9f1c2d7e-outgoing-webhook", "name", "Tocsin"))));
        activity.put("channelData", Map.of("teamsChannelId", "19:ops@thread.tacv2", "teamsTeamId", "19:team@thread.tacv2",
                "tenant", Map.of("id", "72f988bf-86f1-41af-91ab-2d7cd011db47")));
        return JSON.writeValueAsString(activity);
    }

    /** {@code HMAC <base64>}: HMAC-SHA256 of the body bytes under the base64-decoded security token. */
    public static String hmac(String body, String base64Key) {
        try {
            var mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return "HMAC " + java.util.Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            String channel = path.length > 2 ? path[2] : "";
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, "");
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            var scripted = failures.getOrDefault(channel, new ArrayDeque<>()).poll();
            if (scripted != null) {
                if (scripted[1] >= 0) {
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(scripted[1]));
                }
                answer(exchange, scripted[0], "{\"error\":{\"code\":\"Scripted\",\"message\":\"" + scripted[0] + "\"}}");
                return;
            }
            JsonNode message;
            try {
                message = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                message = null;
            }
            var card = message == null ? null : message.path("attachments").path(0);
            if (message == null || !"message".equals(message.path("type").asString(""))
                    || !"application/vnd.microsoft.card.adaptive".equals(card.path("contentType").asString(""))
                    || !"AdaptiveCard".equals(card.path("content").path("type").asString(""))) {
                answer(exchange, 400, "{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"not a message with an Adaptive Card\"}}");
                return;
            }
            channels.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(card.path("content"));
            answer(exchange, 202, "");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
