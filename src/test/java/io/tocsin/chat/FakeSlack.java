package io.tocsin.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of the Slack Web API methods Tocsin uses, on loopback ({@code POST /api/<method>}, JSON or form bodies,
 * {@code Authorization: Bearer <bot token>}), answering as Slack documents: {@code {"ok":true,...}} or
 * {@code {"ok":false,"error":"..."}} ({@code invalid_auth}, {@code name_taken}, {@code channel_not_found},
 * {@code users_not_found}, {@code already_in_channel}, {@code is_archived}, {@code too_long}, {@code expired_trigger_id}).
 * Failures can be scripted per method: HTTP 429 with {@code Retry-After}, HTTP 500. It also plays the Slack client:
 * slash commands, interactions and events posted to Tocsin, signed with the signing secret as Slack signs them
 * ({@code v0:<timestamp>:<body>}, HMAC-SHA256, {@code X-Slack-Signature}), and response URLs it records.
 */
@Component
public class FakeSlack {

    public static final String TOKEN = "xoxb-test-token";
    public static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record Channel(String id, String name, StringBuilder topic, Set<String> members, List<Message> messages,
            boolean[] archived) {
        public String topicText() {
            return topic.toString();
        }

        public boolean isArchived() {
            return archived[0];
        }
    }

    public record Message(String ts, String user, String text, JsonNode blocks) {
        public List<JsonNode> buttons() {
            var result = new ArrayList<JsonNode>();
            if (blocks != null) {
                for (var b : blocks) {
                    if ("actions".equals(b.path("type").asString())) {
                        b.path("elements").forEach(result::add);
                    }
                }
            }
            return result;
        }
    }

    public record Call(String method, JsonNode body) {
    }

    public record Scripted(int status, Integer retryAfter, String error) {
    }

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, String> emails = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Deque<Scripted>> failures = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<JsonNode> responses = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final AtomicInteger tsCounter = new AtomicInteger(1);

    public FakeSlack(Clock clock) throws IOException {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/", this::api);
        server.createContext("/response/", this::response);
        server.start();
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    public String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/response/" + name;
    }

    /** A Slack member with a profile e-mail address; returns their id. */
    public String addUser(String name, String email) {
        String id = "U" + ids.incrementAndGet();
        emails.put(id, email);
        names.put(id, name);
        return id;
    }

    /** A channel no incident owns (where someone types a command). */
    public String addChannel(String name) {
        String id = "C" + ids.incrementAndGet();
        channels.put(id, new Channel(id, name, new StringBuilder(), ConcurrentHashMap.newKeySet(),
                new CopyOnWriteArrayList<>(), new boolean[1]));
        return id;
    }

    /** Someone writes in a channel; returns the message's ts. */
    public String say(String channelId, String user, String text) {
        String ts = nextTs();
        channels.get(channelId).messages().add(new Message(ts, user, text, null));
        return ts;
    }

    public void failNext(String method, Scripted... answers) {
        failures.computeIfAbsent(method, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public Channel channelNamed(String name) {
        return channels.values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    public Channel dmWith(String user) {
        return channels.get("D" + user);
    }

    public List<JsonNode> responses() {
        return responses;
    }

    private String nextTs() {
        return clock.instant().getEpochSecond() + "." + String.format("%06d", tsCounter.incrementAndGet());
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonNode body = type != null && type.startsWith("application/json") ? JSON.readTree(raw)
                : JSON.valueToTree(form(raw));
        calls.add(new Call(method, body));
        var scripted = failures.getOrDefault(method, new ArrayDeque<>()).poll();
        if (scripted != null) {
            if (scripted.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", scripted.retryAfter().toString());
            }
            if (scripted.error() != null) {
                json(exchange, scripted.status(), Map.of("ok", false, "error", scripted.error()));
            } else {
                exchange.sendResponseHeaders(scripted.status(), -1);
            }
            exchange.close();
            return;
        }
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 200, Map.of("ok", false, "error", "invalid_auth"));
            exchange.close();
            return;
        }
        json(exchange, 200, answer(method, body));
        exchange.close();
    }

    private Map<String, Object> answer(String method, JsonNode body) {
        String channelId = body.path("channel").asString("");
        var channel = channels.get(channelId);
        switch (method) {
            case "conversations.create" -> {
                String name = body.path("name").asString("");
                if (!name.matches("[a-z0-9_-]{1,80}")) {
                    return error("invalid_name_specials");
                }
                if (channelNamed(name) != null) {
                    return error("name_taken");
                }
                String id = addChannel(name);
                return ok("channel", Map.of("id", id, "name", name, "is_channel", true));
            }
            case "conversations.setTopic" -> {
                if (channel == null) {
                    return error("channel_not_found");
                }
                if (channel.isArchived()) {
                    return error("is_archived");
                }
                String topic = body.path("topic").asString("");
                if (topic.length() > 250) {
                    return error("too_long");
                }
                channel.topic().setLength(0);
                channel.topic().append(topic);
                return ok("channel", Map.of("id", channelId));
            }
            case "conversations.invite" -> {
                if (channel == null) {
                    return error("channel_not_found");
                }
                var users = List.of(body.path("users").asString("").split(","));
                if (users.stream().anyMatch(u -> !emails.containsKey(u))) {
                    return error("user_not_found");
                }
                if (channel.members().containsAll(users)) {
                    return error("already_in_channel");
                }
                channel.members().addAll(users);
                return ok("channel", Map.of("id", channelId));
            }
            case "conversations.archive" -> {
                if (channel == null) {
                    return error("channel_not_found");
                }
                if (channel.isArchived()) {
                    return error("already_archived");
                }
                channel.archived()[0] = true;
                return ok();
            }
            case "conversations.open" -> {
                String user = body.path("users").asString("");
                if (!emails.containsKey(user)) {
                    return error("user_not_found");
                }
                channels.computeIfAbsent("D" + user, id -> new Channel(id, "dm-" + user, new StringBuilder(),
                        new LinkedHashSet<>(Set.of(user)), new CopyOnWriteArrayList<>(), new boolean[1]));
                return ok("channel", Map.of("id", "D" + user));
            }
            case "chat.postMessage" -> {
                if (channel == null) {
                    return error("channel_not_found");
                }
                if (channel.isArchived()) {
                    return error("is_archived");
                }
                String ts = nextTs();
                channel.messages().add(new Message(ts, "BOT", body.path("text").asString(""), body.path("blocks")));
                return ok("channel", channelId, "ts", ts);
            }
            case "chat.update" -> {
                if (channel == null) {
                    return error("channel_not_found");
                }
                String ts = body.path("ts").asString("");
                var found = channel.messages().stream().filter(m -> m.ts().equals(ts)).findFirst();
                if (found.isEmpty()) {
                    return error("message_not_found");
                }
                channel.messages().replaceAll(m -> m.ts().equals(ts)
                        ? new Message(ts, m.user(), body.path("text").asString(""), body.path("blocks")) : m);
                return ok("channel", channelId, "ts", ts);
            }
            case "conversations.history" -> {
                if (channel == null) {
                    return error("channel_not_found");
                }
                String latest = body.path("latest").asString("");
                var found = channel.messages().stream().filter(m -> m.ts().equals(latest))
                        .map(m -> Map.of("type", "message", "user", m.user(), "text", m.text(), "ts", m.ts())).toList();
                return ok("messages", found, "has_more", false);
            }
            case "users.lookupByEmail" -> {
                String email = body.path("email").asString("");
                return emails.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(email)).findFirst()
                        .<Map<String, Object>>map(e -> ok("user", Map.of("id", e.getKey(), "name", names.get(e.getKey()))))
                        .orElse(error("users_not_found"));
            }
            case "users.info" -> {
                String user = body.path("user").asString("");
                if (!emails.containsKey(user)) {
                    return error("user_not_found");
                }
                return ok("user", Map.of("id", user, "name", names.get(user), "real_name", names.get(user),
                        "profile", Map.of("email", emails.get(user))));
            }
            case "views.open" -> {
                if (body.path("trigger_id").asString("").isBlank()) {
                    return error("invalid_trigger_id");
                }
                return ok("view", Map.of("id", "V" + ids.incrementAndGet()));
            }
            default -> {
                return error("unknown_method");
            }
        }
    }

    private void response(HttpExchange exchange) throws IOException {
        responses.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private static Map<String, Object> ok(Object... pairs) {
        var result = new LinkedHashMap<String, Object>();
        result.put("ok", true);
        for (int i = 0; i < pairs.length; i += 2) {
            result.put((String) pairs[i], pairs[i + 1]);
        }
        return result;
    }

    private static Map<String, Object> error(String error) {
        return Map.of("ok", false, "error", error);
    }

    private static Map<String, String> form(String text) {
        var result = new LinkedHashMap<String, String>();
        for (String pair : text.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                result.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    // --- playing the Slack client: signed callbacks to Tocsin ---

    public static String sign(String secret, long timestamp, String body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var hex = new StringBuilder("v0=");
            for (byte b : mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8))) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Sent(String url, String contentType, String body, long timestamp, String signature) {
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }
    }

    public static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A request as Slack would sign it now. */
    public Sent signed(String url, String contentType, String body) {
        long ts = clock.instant().getEpochSecond();
        return new Sent(url, contentType, body, ts, sign(SECRET, ts, body));
    }

    public Answer send(Sent sent) {
        return send(sent.url(), sent.contentType(), sent.body(), Long.toString(sent.timestamp()), sent.signature());
    }

    public Answer send(String url, String contentType, String body, String timestamp, String signature) {
        try {
            var builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (timestamp != null) {
                builder.header("X-Slack-Request-Timestamp", timestamp);
            }
            if (signature != null) {
                builder.header("X-Slack-Signature", signature);
            }
            var response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public Sent command(String base, String user, String channel, String text) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("token", "deprecated");
        fields.put("team_id", "T1");
        fields.put("team_domain", "acme");
        fields.put("channel_id", channel);
        fields.put("channel_name", "x");
        fields.put("user_id", user);
        fields.put("user_name", names.getOrDefault(user, user));
        fields.put("command", "/tocsin");
        fields.put("text", text);
        fields.put("api_app_id", "A1");
        fields.put("response_url", responseUrl("cmd-" + ids.incrementAndGet()));
        fields.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        return signed(base + "/hooks/slack/commands", "application/x-www-form-urlencoded", formBody(fields));
    }

    public Sent interaction(String base, Map<String, Object> payload) {
        return signed(base + "/hooks/slack/interactions", "application/x-www-form-urlencoded",
                formBody(Map.of("payload", JSON.writeValueAsString(payload))));
    }

    /** The user presses a button of a message. */
    public Sent press(String base, String user, String channel, Message message, String actionId) {
        var button = message.buttons().stream().filter(b -> b.path("action_id").asString().equals(actionId)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + actionId + " on " + message));
        return interaction(base, Map.of("type", "block_actions", "user", Map.of("id", user, "name", names.get(user)),
                "api_app_id", "A1", "container", Map.of("type", "message", "message_ts", message.ts(), "channel_id", channel),
                "channel", Map.of("id", channel), "response_url", responseUrl("btn-" + ids.incrementAndGet()),
                "trigger_id", "1.2.3", "actions", List.of(Map.of("type", "button", "action_id", actionId,
                        "block_id", "tocsin_actions", "value", button.path("value").asString(), "action_ts", nextTs()))));
    }

    public Sent reaction(String base, String user, String channel, String ts, String emoji) {
        return signed(base + "/hooks/slack/events", "application/json", JSON.writeValueAsString(Map.of(
                "token", "x", "team_id", "T1", "api_app_id", "A1", "type", "event_callback", "event_id", "Ev" + ids.incrementAndGet(),
                "event_time", clock.instant().getEpochSecond(), "event", Map.of("type", "reaction_added", "user", user,
                        "reaction", emoji, "item_user", "U0", "item", Map.of("type", "message", "channel", channel, "ts", ts),
                        "event_ts", nextTs()))));
    }
}
