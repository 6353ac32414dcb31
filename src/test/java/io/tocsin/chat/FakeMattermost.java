package io.tocsin.chat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake Mattermost server on loopback implementing the REST API v4 endpoints Tocsin uses, as Mattermost documents
 * them: {@code Authorization: Bearer <token>} (else 401), JSON bodies, 201 on creation, errors as
 * {@code {"id","message","status_code"}} (a taken channel name is 400 {@code store.sql_channel.save_channel.exists.app_error},
 * unknown users and posts 404, posting to an archived channel 400), ids of 26 lower-case letters and digits, channel
 * names checked as Mattermost checks them, headers at most 1024 characters, button ids letters and digits only.
 * Failures can be scripted per endpoint: HTTP 500, 429 with {@code Retry-After} and {@code X-Ratelimit-*}. It also
 * plays the Mattermost server's side towards Tocsin: slash commands as form posts with the command's token, and
 * button presses as the server sends them (the post's integration URL with its stored context, the user and post).
 */
@Component
public class FakeMattermost {

    public static final String TOKEN = "mmbottoken4tocsintests000000";
    public static final String COMMAND_TOKEN = "mmcommandtoken00000000000000";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record Channel(String id, String name, String teamId, StringBuilder header, Set<String> members,
            List<Post> posts, boolean[] archived) {
        public String headerText() {
            return header.toString();
        }

        public boolean isArchived() {
            return archived[0];
        }
    }

    public record Post(String id, String channelId, String userId, String message, JsonNode props, long createAt) {
        public List<JsonNode> buttons() {
            var result = new ArrayList<JsonNode>();
            props.path("attachments").forEach(a -> a.path("actions").forEach(result::add));
            return result;
        }
    }

    public record User(String id, String username, String email, String first, String last) {
    }

    public record Scripted(int status, Integer retryAfter) {
    }

    public record Ephemeral(String userId, String channelId, String message) {
    }

    public record Dialog(String triggerId, String url, JsonNode dialog) {
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(1);
    private final String teamId;
    private final User bot;
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Post> posts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Scripted>> failures = new ConcurrentHashMap<>();
    private final List<Ephemeral> ephemerals = new CopyOnWriteArrayList<>();
    private final List<Dialog> dialogs = new CopyOnWriteArrayList<>();
    private final List<JsonNode> responses = new CopyOnWriteArrayList<>();

    public FakeMattermost(Clock clock) throws IOException {
        this.clock = clock;
        teamId = newId();
        bot = new User(newId(), "tocsin", "tocsin-bot@localhost", "Tocsin", "");
        users.put(bot.id(), bot);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v4/", this::api);
        server.createContext("/response/", this::response);
        server.start();
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }

    /** Mattermost ids: 26 characters, lower-case letters and digits. */
    private String newId() {
        return String.format("%026d", ids.incrementAndGet()).replace('0', 'a');
    }

    public String serverUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String teamId() {
        return teamId;
    }

    public String botId() {
        return bot.id();
    }

    public String addUser(String name, String email) {
        var parts = name.split(" ", 2);
        var user = new User(newId(), name.toLowerCase().replace(' ', '.'), email, parts[0], parts.length > 1 ? parts[1] : "");
        users.put(user.id(), user);
        return user.id();
    }

    public User user(String id) {
        return users.get(id);
    }

    public String addChannel(String name) {
        String id = newId();
        channels.put(id, new Channel(id, name, teamId, new StringBuilder(), ConcurrentHashMap.newKeySet(),
                new CopyOnWriteArrayList<>(), new boolean[1]));
        return id;
    }

    public String say(String channelId, String userId, String message) {
        var post = new Post(newId(), channelId, userId, message, JSON.createObjectNode(), clock.millis());
        posts.put(post.id(), post);
        channels.get(channelId).posts().add(post);
        return post.id();
    }

    public Channel channelNamed(String name) {
        return channels.values().stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** The direct channel between the bot and a user. */
    public Channel dmWith(String userId) {
        return channels.get(directId(userId));
    }

    private String directId(String userId) {
        return "d" + userId.substring(1);
    }

    public Post post(String id) {
        return posts.get(id);
    }

    public List<Ephemeral> ephemerals() {
        return ephemerals;
    }

    public List<JsonNode> responses() {
        return responses;
    }

    public List<Dialog> dialogs() {
        return dialogs;
    }

    /** The next answers of an endpoint, e.g. {@code failNext("POST /channels", ...)}. */
    public void failNext(String endpoint, Scripted... answers) {
        failures.computeIfAbsent(endpoint, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath().substring("/api/v4".length());
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        String endpoint = method + " " + path.replaceAll("/[a-z0-9]{26}", "/{id}");
        var scripted = failures.getOrDefault(endpoint, new ArrayDeque<>()).poll();
        if (scripted != null) {
            if (scripted.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", scripted.retryAfter().toString());
                exchange.getResponseHeaders().add("X-Ratelimit-Limit", "10");
                exchange.getResponseHeaders().add("X-Ratelimit-Remaining", "0");
                exchange.getResponseHeaders().add("X-Ratelimit-Reset", scripted.retryAfter().toString());
            }
            send(exchange, scripted.status(), scripted.status() == 429 ? "limit exceeded\n" : null);
            return;
        }
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, error("api.context.session_expired.app_error", "Invalid or expired session", 401));
            return;
        }
        Object[] answer = answer(method, path, body);
        send(exchange, (Integer) answer[0], answer[1]);
    }

    private static Object[] answer(int status, Object body) {
        return new Object[] {status, body};
    }

    private static Map<String, Object> error(String id, String message, int status) {
        return Map.of("id", id, "message", message, "detailed_error", "", "request_id", "r1", "status_code", status);
    }

    private static Object[] notFound(String what) {
        return answer(404, error("app." + what + ".missing.app_error", "Unable to find the " + what, 404));
    }

    private Object[] answer(String method, String path, JsonNode body) {
        var segments = path.substring(1).split("/");
        String resource = segments[0];
        if (resource.equals("users")) {
            if (segments.length == 2 && segments[1].equals("me") && method.equals("GET")) {
                return answer(200, userJson(bot));
            }
            if (segments.length == 3 && segments[1].equals("email")) {
                String email = URLDecoder.decode(segments[2], StandardCharsets.UTF_8);
                return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst()
                        .map(u -> answer(200, userJson(u))).orElse(notFound("user"));
            }
            if (segments.length == 3 && segments[1].equals("username")) {
                String name = URLDecoder.decode(segments[2], StandardCharsets.UTF_8);
                return users.values().stream().filter(u -> u.username().equals(name)).findFirst()
                        .map(u -> answer(200, userJson(u))).orElse(notFound("user"));
            }
            var user = users.get(segments[1]);
            return user == null ? notFound("user") : answer(200, userJson(user));
        }
        if (resource.equals("channels")) {
            return channel(method, segments, body);
        }
        if (resource.equals("posts")) {
            return post(method, segments, body);
        }
        if (path.equals("/actions/dialogs/open") && method.equals("POST")) {
            return openDialog(body);
        }
        return answer(404, error("api.context.404.app_error", "Sorry, we could not find the page.", 404));
    }

    private Object[] channel(String method, String[] segments, JsonNode body) {
        if (segments.length == 1 && method.equals("POST")) {
            String name = body.path("name").asString("");
            if (!body.path("team_id").asString("").equals(teamId)) {
                return answer(403, error("api.context.permissions.app_error", "You do not have the permission", 403));
            }
            if (!name.matches("[a-z0-9]([a-z0-9_-]{0,62})[a-z0-9]") || body.path("display_name").asString("").isBlank()
                    || body.path("display_name").asString("").length() > 64) {
                return answer(400, error("model.channel.is_valid.name.app_error", "Invalid channel name", 400));
            }
            if (channelNamed(name) != null) {
                return answer(400, error("store.sql_channel.save_channel.exists.app_error",
                        "A channel with that name already exists on the same team", 400));
            }
            String id = addChannel(name);
            return answer(201, Map.of("id", id, "name", name, "team_id", teamId, "type", "O",
                    "display_name", body.path("display_name").asString()));
        }
        if (segments.length == 2 && segments[1].equals("direct") && method.equals("POST")) {
            var pair = new ArrayList<String>();
            body.forEach(n -> pair.add(n.asString()));
            if (pair.size() != 2 || !pair.contains(bot.id()) || pair.stream().anyMatch(u -> !users.containsKey(u))) {
                return answer(400, error("api.channel.create_direct_channel.invalid_user.app_error", "Invalid user", 400));
            }
            String other = pair.get(0).equals(bot.id()) ? pair.get(1) : pair.get(0);
            String id = directId(other);
            channels.computeIfAbsent(id, k -> new Channel(id, bot.id() + "__" + other, "", new StringBuilder(),
                    ConcurrentHashMap.newKeySet(), new CopyOnWriteArrayList<>(), new boolean[1]));
            return answer(201, Map.of("id", id, "type", "D", "name", channels.get(id).name()));
        }
        var channel = channels.get(segments[1]);
        if (channel == null) {
            return notFound("channel");
        }
        if (segments.length == 2 && method.equals("DELETE")) {
            if (channel.isArchived()) {
                return answer(400, error("api.channel.delete_channel.deleted.app_error", "The channel has been archived", 400));
            }
            channel.archived()[0] = true;
            return answer(200, Map.of("status", "OK"));
        }
        if (segments.length == 3 && segments[2].equals("patch") && method.equals("PUT")) {
            String header = body.path("header").asString("");
            if (header.length() > 1024) {
                return answer(400, error("model.channel.is_valid.header.app_error", "Invalid header", 400));
            }
            if (channel.isArchived()) {
                return answer(400, error("api.channel.patch_update_channel.forbidden.app_error", "archived", 400));
            }
            channel.header().setLength(0);
            channel.header().append(header);
            return answer(200, Map.of("id", channel.id(), "header", header));
        }
        if (segments.length == 3 && segments[2].equals("members") && method.equals("POST")) {
            String user = body.path("user_id").asString("");
            if (!users.containsKey(user)) {
                return notFound("user");
            }
            channel.members().add(user);
            return answer(201, Map.of("channel_id", channel.id(), "user_id", user));
        }
        return answer(405, error("api.context.405.app_error", "Method not allowed", 405));
    }

    private Object[] post(String method, String[] segments, JsonNode body) {
        if (segments.length == 1 && method.equals("POST")) {
            var channel = channels.get(body.path("channel_id").asString(""));
            if (channel == null) {
                return notFound("channel");
            }
            if (channel.isArchived()) {
                return answer(400, error("api.post.create_post.can_not_post_to_deleted.error",
                        "Can not post to deleted channel.", 400));
            }
            var invalid = invalidProps(body);
            if (invalid != null) {
                return invalid;
            }
            var post = new Post(newId(), channel.id(), bot.id(), body.path("message").asString(""), body.path("props"),
                    clock.millis());
            posts.put(post.id(), post);
            channel.posts().add(post);
            return answer(201, postJson(post));
        }
        if (segments.length == 2 && segments[1].equals("ephemeral") && method.equals("POST")) {
            ephemerals.add(new Ephemeral(body.path("user_id").asString(), body.path("post").path("channel_id").asString(),
                    body.path("post").path("message").asString()));
            return answer(201, Map.of("id", newId()));
        }
        var post = posts.get(segments[1]);
        if (post == null) {
            return notFound("post");
        }
        if (segments.length == 2 && method.equals("GET")) {
            return answer(200, postJson(post));
        }
        if (segments.length == 3 && segments[2].equals("patch") && method.equals("PUT")) {
            var invalid = invalidProps(body);
            if (invalid != null) {
                return invalid;
            }
            var patched = new Post(post.id(), post.channelId(), post.userId(),
                    body.has("message") ? body.path("message").asString() : post.message(),
                    body.has("props") ? body.path("props") : post.props(), post.createAt());
            posts.put(post.id(), patched);
            var list = channels.get(post.channelId()).posts();
            list.replaceAll(p -> p.id().equals(post.id()) ? patched : p);
            return answer(200, postJson(patched));
        }
        return answer(405, error("api.context.405.app_error", "Method not allowed", 405));
    }

    /** A dialog opened with a trigger id from a slash command; element types as Mattermost documents them. */
    private Object[] openDialog(JsonNode body) {
        var dialog = body.path("dialog");
        boolean valid = !body.path("trigger_id").asString("").isBlank() && !body.path("url").asString("").isBlank()
                && !dialog.path("title").asString("").isBlank() && dialog.path("elements").size() > 0;
        for (var e : dialog.path("elements")) {
            valid &= !e.path("name").asString("").isBlank() && !e.path("display_name").asString("").isBlank()
                    && Set.of("text", "textarea", "select", "bool", "radio").contains(e.path("type").asString(""));
        }
        if (!valid) {
            return answer(400, error("api.dialog.open.invalid.app_error", "Invalid dialog", 400));
        }
        dialogs.add(new Dialog(body.path("trigger_id").asString(), body.path("url").asString(), dialog));
        return answer(200, Map.of("status", "OK"));
    }

    private static Object[] invalidProps(JsonNode body) {
        if (body.path("message").asString("").length() > 16383) {
            return answer(400, error("model.post.is_valid.msg.app_error", "Invalid message", 400));
        }
        for (var attachment : body.path("props").path("attachments")) {
            for (var action : attachment.path("actions")) {
                if (!action.path("id").asString("").matches("[A-Za-z0-9]+")
                        || action.path("integration").path("url").asString("").isBlank()) {
                    return answer(400, error("model.post.is_valid.props.app_error", "Invalid action", 400));
                }
            }
        }
        return null;
    }

    private static Map<String, Object> userJson(User u) {
        return Map.of("id", u.id(), "username", u.username(), "email", u.email(), "first_name", u.first(),
                "last_name", u.last());
    }

    private static Map<String, Object> postJson(Post p) {
        return Map.of("id", p.id(), "channel_id", p.channelId(), "user_id", p.userId(), "message", p.message(),
                "props", p.props(), "create_at", p.createAt());
    }

    private void response(HttpExchange exchange) throws IOException {
        responses.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
        send(exchange, 200, Map.of());
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", body instanceof String ? "text/plain" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    // --- the Mattermost server's requests to Tocsin ---

    /** A custom slash command as Mattermost sends it (POST, form-encoded), with the command's token. */
    public Answer command(String base, String token, String userId, String channelId, String text) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("channel_id", channelId);
        fields.put("channel_name", channels.containsKey(channelId) ? channels.get(channelId).name() : "town-square");
        fields.put("command", "/tocsin");
        fields.put("response_url", serverUrl() + "/response/" + newId());
        fields.put("team_domain", "acme");
        fields.put("team_id", teamId);
        fields.put("text", text);
        if (token != null) {
            fields.put("token", token);
        }
        fields.put("trigger_id", "dHJpZ2dlcg==");
        fields.put("user_id", userId);
        fields.put("user_name", users.containsKey(userId) ? users.get(userId).username() : "someone");
        return send(base + "/hooks/mattermost/commands", "application/x-www-form-urlencoded", FakeSlack.formBody(fields));
    }

    /** A user presses a button: the server posts the action's stored context to its integration URL. */
    public Answer press(String userId, Post post, String actionId) {
        var action = post.buttons().stream().filter(b -> b.path("id").asString().equals(actionId)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + actionId + " on " + post));
        return pressWith(action.path("integration").path("url").asString(), userId, post, action.path("integration")
                .path("context"));
    }

    public Answer pressWith(String url, String userId, Post post, JsonNode context) {
        var channel = channels.get(post.channelId());
        var request = new LinkedHashMap<String, Object>();
        request.put("user_id", userId);
        request.put("user_name", users.get(userId).username());
        request.put("channel_id", post.channelId());
        request.put("channel_name", channel.name());
        request.put("team_id", teamId);
        request.put("team_domain", "acme");
        request.put("post_id", post.id());
        request.put("trigger_id", "dHJpZ2dlcg==");
        request.put("type", "");
        request.put("data_source", "");
        request.put("context", context);
        return send(url, "application/json", JSON.writeValueAsString(request));
    }

    /** The user submits a dialog: the server posts the submission with the dialog's state to its URL. */
    public Answer submit(String userId, String channelId, Dialog dialog, Map<String, Object> submission) {
        var request = new LinkedHashMap<String, Object>();
        request.put("type", "dialog_submission");
        request.put("callback_id", dialog.dialog().path("callback_id").asString(""));
        request.put("state", dialog.dialog().path("state").asString(""));
        request.put("user_id", userId);
        request.put("channel_id", channelId);
        request.put("team_id", teamId);
        request.put("submission", submission);
        request.put("cancelled", false);
        return send(dialog.url(), "application/json", JSON.writeValueAsString(request));
    }

    public Answer send(String url, String contentType, String body) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
