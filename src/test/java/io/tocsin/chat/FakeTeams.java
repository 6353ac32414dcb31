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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of what a Teams bot talks to (issue 14 point 3), on loopback, answering as Microsoft documents:
 * the Bot Connector's OpenID metadata ({@code issuer}, {@code jwks_uri}) and its JWKS (RSA keys with
 * {@code endorsements}); Entra ID's token endpoint (client-credentials grant; {@code invalid_client} for wrong
 * credentials); the Bot Connector REST API v3 used ({@code POST /v3/conversations} for a channel thread or a 1:1
 * chat, send/reply/update activities, get a member by id or UPN), which wants the issued bearer token and answers
 * errors as {@code {"error":{"code":...,"message":...}}} ({@code Unauthorized}, {@code ConversationNotFound},
 * {@code ActivityNotFound}, {@code MemberNotFoundInConversation}); failures (HTTP 429 with {@code Retry-After},
 * 500) can be scripted per route. It also plays the Connector calling the bot: activities posted to Tocsin with a
 * JWT signed by the test key, and tokens that must be refused (other key, expired, other audience or issuer).
 */
@Component
public class FakeTeams {

    public static final String APP_ID = "7d3f5f2e-1b1c-4c3f-9a55-0c2f7e7e2a10";
    public static final String APP_SECRET = "test~bot~secret";
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String TEAM = "19:team-ops@thread.tacv2";
    public static final String CHANNEL = "19:incidents@thread.tacv2";
    public static final String ISSUER = "https://api.botframework.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public record Activity(String id, JsonNode body) {
        public String text() {
            String t = body.path("text").asString("");
            for (var a : body.path("attachments")) {
                for (var b : a.path("content").path("body")) {
                    t += "\n" + b.path("text").asString("");
                }
            }
            return t;
        }

        public List<JsonNode> actions() {
            var result = new ArrayList<JsonNode>();
            body.path("attachments").forEach(a -> a.path("content").path("actions").forEach(result::add));
            return result;
        }
    }

    public record Conversation(String id, boolean group, List<String> members, Map<String, Activity> activities) {
        public List<Activity> list() {
            return new ArrayList<>(activities.values());
        }
    }

    public record Scripted(int status, Integer retryAfter) {
    }

    public record Answer(int status, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public record User(String id, String name, String email) {
    }

    private final HttpServer server;
    private final Clock clock;
    private volatile RSAKey key;
    private final List<RSAKey> published = new CopyOnWriteArrayList<>();
    private final RSAKey otherKey;
    private final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Deque<Scripted>> failures = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicInteger tokenRequests = new AtomicInteger();

    public FakeTeams(Clock clock) throws IOException, JOSEException {
        this.clock = clock;
        key = new RSAKeyGenerator(2048).keyID("connector-key-1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("connector-key-1").generate();
        published.add(key);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/openid", this::openId);
        server.createContext("/keys", this::keys);
        server.createContext("/token", this::token);
        server.createContext("/connector/", this::connector);
        server.start();
        conversations.put(TEAM, new Conversation(TEAM, true, new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>()));
        conversations.put(CHANNEL, new Conversation(CHANNEL, true, new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>()));
    }

    @PreDestroy
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String serviceUrl() {
        return base() + "/connector/";
    }

    public String tokenUrl() {
        return base() + "/token";
    }

    public String openIdUrl() {
        return base() + "/openid";
    }

    /** A member of the team (and so of the channel); returns their Teams id. */
    public User addUser(String name, String email) {
        var user = new User("29:1" + UUID.randomUUID().toString().replace("-", ""), name, email);
        users.put(user.id(), user);
        conversations.get(TEAM).members().add(user.id());
        return user;
    }

    /** The Connector starts signing with a new key (published next to the old one, as during a rollover). */
    public void rotateKey() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("connector-key-" + (published.size() + 1)).generate();
        published.add(key);
    }

    public void failNext(String route, Scripted... answers) {
        failures.computeIfAbsent(route, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The incident thread whose first card has this title. */
    public Conversation thread(String title) {
        return conversations.values().stream().filter(c -> c.group() && !c.activities().isEmpty()
                && c.list().getFirst().text().startsWith("\n" + title)).findFirst().orElse(null);
    }

    /** Someone starts a new post in the channel (not an incident's thread); returns its conversation id. */
    public String newPost() {
        String root = Long.toString(ids.incrementAndGet());
        String id = CHANNEL + ";messageid=" + root;
        conversations.put(id, new Conversation(id, true, new CopyOnWriteArrayList<>(),
                java.util.Collections.synchronizedMap(new LinkedHashMap<>())));
        return id;
    }

    public Conversation conversation(String id) {
        return conversations.get(id);
    }

    /** The 1:1 chat of the bot with this person. */
    public Conversation chatWith(String userId) {
        return conversations.values().stream().filter(c -> !c.group() && c.members().contains(userId)).findFirst()
                .orElse(null);
    }

    // --- the Connector calling the bot ---

    public String token(String audience, String issuer, Instant expires, boolean rightKey) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).expirationTime(Date.from(expires))
                .notBeforeTime(Date.from(now.minusSeconds(60))).issueTime(Date.from(now.minusSeconds(60)))
                .claim("serviceurl", serviceUrl()).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(rightKey ? key : otherKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public String goodToken() {
        return token(APP_ID, ISSUER, clock.instant().plus(Duration.ofMinutes(60)), true);
    }

    /** A message to the bot from a person in a conversation ({@code text} as Teams sends it, mentions as entities). */
    public Map<String, Object> message(User from, String conversationId, String text, List<User> mentioned) {
        var entities = new ArrayList<Map<String, Object>>();
        entities.add(Map.of("type", "mention", "text", "<at>Tocsin</at>", "mentioned", Map.of("id", "28:" + APP_ID,
                "name", "Tocsin")));
        String full = "<at>Tocsin</at> " + text;
        for (var m : mentioned) {
            entities.add(Map.of("type", "mention", "text", "<at>" + m.name() + "</at>", "mentioned",
                    Map.of("id", m.id(), "name", m.name())));
        }
        var activity = base(from, conversationId);
        activity.put("text", "<p>" + full + "</p>");
        activity.put("textFormat", "xml");
        activity.put("entities", entities);
        return activity;
    }

    /** An Adaptive Card's Action.Submit pressed: a message whose value is the action's data, replying to the card. */
    public Map<String, Object> submit(User from, String conversationId, String cardId, JsonNode data) {
        var activity = base(from, conversationId);
        activity.put("replyToId", cardId);
        activity.put("value", JSON.convertValue(data, Map.class));
        return activity;
    }

    private LinkedHashMap<String, Object> base(User from, String conversationId) {
        var activity = new LinkedHashMap<String, Object>();
        activity.put("type", "message");
        activity.put("id", Long.toString(System.nanoTime()));
        activity.put("timestamp", clock.instant().toString());
        activity.put("serviceUrl", serviceUrl());
        activity.put("channelId", "msteams");
        activity.put("from", Map.of("id", from.id(), "name", from.name(), "aadObjectId", UUID.randomUUID().toString()));
        activity.put("conversation", Map.of("id", conversationId, "conversationType", conversationId.startsWith("19:")
                ? "channel" : "personal", "tenantId", TENANT, "isGroup", conversationId.startsWith("19:")));
        activity.put("recipient", Map.of("id", "28:" + APP_ID, "name", "Tocsin"));
        activity.put("channelData", Map.of("tenant", Map.of("id", TENANT), "team", Map.of("id", TEAM)));
        activity.put("locale", "en-US");
        return activity;
    }

    public Answer send(String tocsin, Object activity, String token) {
        String body = activity instanceof String s ? s : JSON.writeValueAsString(activity);
        return post(tocsin, body, token == null ? null : "Bearer " + token);
    }

    public Answer post(String tocsin, String body, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(tocsin + "/hooks/teams/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the endpoints ---

    private void openId(HttpExchange ex) throws IOException {
        reply(ex, 200, Map.of("issuer", ISSUER, "authorization_endpoint", "https://invalid.botframework.com",
                "jwks_uri", base() + "/keys", "id_token_signing_alg_values_supported", List.of("RS256"),
                "token_endpoint_auth_methods_supported", List.of("private_key_jwt")), null);
    }

    private void keys(HttpExchange ex) throws IOException {
        var keys = new ArrayList<Map<String, Object>>();
        for (var k : published) {
            var jwk = new LinkedHashMap<String, Object>(k.toPublicJWK().toJSONObject());
            jwk.put("endorsements", List.of("msteams", "webchat"));
            keys.add(jwk);
        }
        reply(ex, 200, Map.of("keys", keys), null);
    }

    private void token(HttpExchange ex) throws IOException {
        tokenRequests.incrementAndGet();
        var form = new LinkedHashMap<String, String>();
        for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            reply(ex, 400, Map.of("error", "unsupported_grant_type", "error_description", "AADSTS70003"), null);
            return;
        }
        if (!APP_ID.equals(form.get("client_id")) || !APP_SECRET.equals(form.get("client_secret"))) {
            reply(ex, 401, Map.of("error", "invalid_client", "error_description", "AADSTS7000215: Invalid client secret"),
                    null);
            return;
        }
        if (!"https://api.botframework.com/.default".equals(form.get("scope"))) {
            reply(ex, 400, Map.of("error", "invalid_scope", "error_description", "AADSTS70011"), null);
            return;
        }
        String token = "eyJ0eXAi." + UUID.randomUUID();
        issued.put(token, clock.instant().plus(Duration.ofHours(1)));
        reply(ex, 200, Map.of("token_type", "Bearer", "expires_in", 3599, "ext_expires_in", 3599, "access_token", token),
                null);
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    private void connector(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String raw = ex.getRequestURI().getRawPath().substring("/connector".length());
        var segments = new ArrayList<String>();
        for (String s : raw.split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        String route = method + " " + routeOf(segments);
        calls.add(route);
        var auth = ex.getRequestHeaders().getFirst("Authorization");
        var until = auth == null || !auth.startsWith("Bearer ") ? null : issued.get(auth.substring(7));
        if (until == null || clock.instant().isAfter(until)) {
            reply(ex, 401, error("Unauthorized", "Authorization has been denied for this request."), null);
            return;
        }
        var scripted = failures.getOrDefault(route, new ArrayDeque<>()).poll();
        if (scripted != null) {
            reply(ex, scripted.status(), error(scripted.status() == 429 ? "TooManyRequests" : "ServiceError",
                    "scripted"), scripted.retryAfter());
            return;
        }
        byte[] bytes = ex.getRequestBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        if (segments.size() == 2 && method.equals("POST")) {
            createConversation(ex, body);
            return;
        }
        var conversation = segments.size() > 2 ? conversations.get(segments.get(2)) : null;
        if (conversation == null) {
            reply(ex, 404, error("ConversationNotFound", "Conversation not found."), null);
            return;
        }
        if (segments.size() == 5 && segments.get(3).equals("members") && method.equals("GET")) {
            var user = users.values().stream().filter(u -> u.id().equals(segments.get(4))
                    || u.email().equalsIgnoreCase(segments.get(4))).findFirst()
                    .filter(u -> conversations.get(TEAM).members().contains(u.id()));
            if (user.isEmpty()) {
                reply(ex, 404, error("MemberNotFoundInConversation", "The member was not found."), null);
                return;
            }
            var u = user.get();
            reply(ex, 200, Map.of("id", u.id(), "name", u.name(), "aadObjectId", UUID.nameUUIDFromBytes(u.id().getBytes())
                    .toString(), "givenName", u.name().split(" ")[0], "email", u.email(), "userPrincipalName", u.email(),
                    "tenantId", TENANT, "userRole", "user"), null);
            return;
        }
        if (segments.size() >= 4 && segments.get(3).equals("activities")) {
            if (!"message".equals(body.path("type").asString())) {
                reply(ex, 400, error("BadArgument", "Activity type is required."), null);
                return;
            }
            if (segments.size() == 5 && method.equals("PUT")) {
                if (!conversation.activities().containsKey(segments.get(4))) {
                    reply(ex, 404, error("ActivityNotFound", "The activity was not found."), null);
                    return;
                }
                conversation.activities().put(segments.get(4), new Activity(segments.get(4), body));
                reply(ex, 200, Map.of("id", segments.get(4)), null);
                return;
            }
            if (method.equals("POST")) {
                String id = Long.toString(ids.incrementAndGet());
                conversation.activities().put(id, new Activity(id, body));
                reply(ex, 201, Map.of("id", id), null);
                return;
            }
        }
        reply(ex, 405, error("MethodNotAllowed", route), null);
    }

    private static String routeOf(List<String> segments) {
        // "/v3/conversations/{conversationId}/activities/{activityId}" with the ids replaced by their names.
        var route = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            route.append('/').append(i == 2 ? "{conversationId}" : i == 4 ? "{id}" : segments.get(i));
        }
        return route.toString();
    }

    private void createConversation(HttpExchange ex, JsonNode body) throws IOException {
        if (body.path("isGroup").asBoolean(false)) {
            String channel = body.path("channelData").path("channel").path("id").asString("");
            if (!conversations.containsKey(channel)) {
                reply(ex, 404, error("ConversationNotFound", "Channel not found."), null);
                return;
            }
            if (!body.path("activity").isObject()) {
                reply(ex, 400, error("BadArgument", "A channel thread starts with an activity."), null);
                return;
            }
            String root = Long.toString(ids.incrementAndGet());
            String id = channel + ";messageid=" + root;
            var thread = new Conversation(id, true, new CopyOnWriteArrayList<>(), java.util.Collections.synchronizedMap(new LinkedHashMap<>()));
            thread.activities().put(root, new Activity(root, body.path("activity")));
            conversations.put(id, thread);
            reply(ex, 201, Map.of("id", id, "activityId", root, "serviceUrl", serviceUrl()), null);
            return;
        }
        var members = body.path("members");
        if (members.size() != 1 || !users.containsKey(members.path(0).path("id").asString(""))) {
            reply(ex, 400, error("BadArgument", "Exactly one known member is required for a 1:1 conversation."), null);
            return;
        }
        String member = members.path(0).path("id").asString();
        var existing = chatWith(member);
        if (existing == null) {
            existing = new Conversation("a:1" + UUID.randomUUID().toString().replace("-", ""), false,
                    new CopyOnWriteArrayList<>(List.of(member)), java.util.Collections.synchronizedMap(new LinkedHashMap<>()));
            conversations.put(existing.id(), existing);
        }
        reply(ex, 201, Map.of("id", existing.id()), null);
    }

    private static void reply(HttpExchange ex, int status, Object body, Integer retryAfter) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        if (retryAfter != null) {
            ex.getResponseHeaders().add("Retry-After", retryAfter.toString());
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
