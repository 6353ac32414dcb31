package io.tocsin.chat.mattermost;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.ChatMessage;
import io.tocsin.chat.internal.ChatSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Mattermost through its REST API v4 with a bot account's token (issue 14 point 2): channels
 * ({@code POST /channels}), their header as the topic ({@code PUT /channels/{id}/patch}), members
 * ({@code POST /channels/{id}/members}), archiving ({@code DELETE /channels/{id}}), posts with interactive message
 * buttons ({@code POST /posts}, {@code PUT /posts/{id}/patch}, {@code POST /posts/ephemeral}), direct messages
 * ({@code POST /channels/direct}) and people by e-mail ({@code GET /users/email/{email}}). Errors and rate limits are
 * read by {@link MattermostHttp}. Mattermost has no Events API a bot can subscribe to without a plugin, so a pinned
 * message comes by {@code /tocsin pin <post>} instead of a reaction. The declare form and the update composer are
 * interactive dialogs ({@code POST /actions/dialogs/open}); their state is signed for the person who asked
 * ({@link DialogState}), so a submission counts only as theirs.
 */
@Component
public class MattermostAdapter implements ChatAdapter {

    public static final String TOOL = "mattermost";
    /** A channel's header: Mattermost accepts at most 1024 characters. */
    static final int HEADER_LIMIT = 1024;

    private final ChatSettings settings;
    private final MessageSource messages;
    private final String baseUrl;
    private final MattermostHttp http = new MattermostHttp();

    MattermostAdapter(ChatSettings settings, MessageSource messages,
            @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.settings = settings;
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public String displayName() {
        return "Mattermost";
    }

    String token() {
        return settings.get(TOOL, "bot-token", "");
    }

    /** The slash command's token (Mattermost shows it when the command is created). */
    String commandToken() {
        return settings.get(TOOL, "command-token", "");
    }

    String teamId() {
        return settings.get(TOOL, "team-id", "");
    }

    /** The server's URL, e.g. {@code https://chat.example.com}; the API is under {@code /api/v4}. */
    String serverUrl() {
        String url = settings.get(TOOL, "api-url", "");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Where Mattermost reaches Tocsin for button presses: {@code callback-url}, else {@code tocsin.base-url}. */
    String callbackUrl() {
        String url = settings.get(TOOL, "callback-url", baseUrl);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public boolean configured() {
        return !token().isBlank() && !commandToken().isBlank() && !serverUrl().isBlank() && !teamId().isBlank();
    }

    @Override
    public boolean supports(Feature feature) {
        return true;
    }

    @Override
    public int topicLimit() {
        return HEADER_LIMIT;
    }

    private JsonNode call(String method, String path, Object body) {
        return http.call(serverUrl() + "/api/v4" + path, token(), method, body);
    }

    @Override
    public Room createRoom(String name) {
        String base = channelName(name);
        for (int n = 1; n <= 5; n++) {
            String candidate = n == 1 ? base : base + "-" + n;
            try {
                var channel = call("POST", "/channels", Map.of("team_id", teamId(), "name", candidate,
                        "display_name", candidate.toUpperCase(Locale.ROOT), "type", "O"));
                return new Room(channel.path("id").asString(), channel.path("name").asString(candidate));
            } catch (ChatException e) {
                if (!MattermostHttp.NAME_TAKEN.equals(e.error())) {
                    throw e;
                }
            }
        }
        throw ChatException.permanent(MattermostHttp.NAME_TAKEN, "Mattermost has channels named " + base + " up to "
                + base + "-5");
    }

    /** Mattermost channel names: lower-case letters, digits, '-' and '_', 2 to 64 characters. */
    static String channelName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^[-_]+|[-_]+$", "");
        if (s.length() > 60) {
            s = s.substring(0, 60);
        }
        return s.length() < 2 ? "inc-" + s : s;
    }

    @Override
    public void setTopic(String roomId, String topic) {
        call("PUT", "/channels/" + roomId + "/patch", Map.of("header", topic));
    }

    @Override
    public void invite(String roomId, List<String> accountIds) {
        for (String account : accountIds) {
            call("POST", "/channels/" + roomId + "/members", Map.of("user_id", account));
        }
    }

    @Override
    public void archive(String roomId) {
        call("DELETE", "/channels/" + roomId, null);
    }

    @Override
    public String post(String roomId, ChatMessage message) {
        var body = new LinkedHashMap<String, Object>(render(message));
        body.put("channel_id", roomId);
        return call("POST", "/posts", body).path("id").asString();
    }

    @Override
    public void update(String roomId, String messageRef, ChatMessage message) {
        call("PUT", "/posts/" + messageRef + "/patch", render(message));
    }

    /**
     * A button press comes without a response URL; the controller hands the queue {@link PostRef#of} instead: the
     * post to replace, or the person to answer ephemerally. A slash command's own response URL is an http one.
     */
    @Override
    public void respond(String responseUrl, ChatMessage message, boolean replaceOriginal) {
        var ref = PostRef.parse(responseUrl);
        if (ref.isEmpty()) {
            http.call(responseUrl, null, "POST", Map.of("response_type", "ephemeral", "text", markdown(message.text())));
            return;
        }
        var r = ref.get();
        if (replaceOriginal) {
            update(r.channelId(), r.postId(), message);
        } else {
            call("POST", "/posts/ephemeral", Map.of("user_id", r.userId(), "post", Map.of("channel_id", r.channelId(),
                    "message", markdown(message.text()))));
        }
    }

    /** Where a button's answer goes: the post pressed and the person who pressed it. */
    record PostRef(String channelId, String postId, String userId) {
        private static final String PREFIX = "mattermost-post:";

        static String of(String channelId, String postId, String userId) {
            return PREFIX + channelId + ":" + postId + ":" + userId;
        }

        static Optional<PostRef> parse(String ref) {
            if (ref == null || !ref.startsWith(PREFIX)) {
                return Optional.empty();
            }
            var parts = ref.substring(PREFIX.length()).split(":", -1);
            return parts.length == 3 ? Optional.of(new PostRef(parts[0], parts[1], parts[2])) : Optional.empty();
        }
    }

    /** The bot's own user id (a direct channel is between two users). */
    String botUserId() {
        return call("GET", "/users/me", null).path("id").asString();
    }

    @Override
    public String directMessage(String accountId, ChatMessage message) {
        String channel = call("POST", "/channels/direct", List.of(botUserId(), accountId)).path("id").asString();
        return post(channel, message);
    }

    @Override
    public Optional<String> accountByEmail(String email) {
        return userId("/users/email/" + URLEncoder.encode(email, StandardCharsets.UTF_8));
    }

    /** The account of a username ({@code @ann} in a command), if there is one. */
    Optional<String> accountByUsername(String username) {
        return userId("/users/username/" + URLEncoder.encode(username, StandardCharsets.UTF_8));
    }

    /** The id of the user at this path; empty when Mattermost has nobody there (404). */
    private Optional<String> userId(String path) {
        try {
            return Optional.of(call("GET", path, null).path("id").asString());
        } catch (ChatException e) {
            if ("http_404".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<String> emailOf(String accountId) {
        var email = call("GET", "/users/" + accountId, null).path("email").asString("");
        return email.isBlank() ? Optional.empty() : Optional.of(email);
    }

    String nameOf(String accountId) {
        var user = call("GET", "/users/" + accountId, null);
        String full = (user.path("first_name").asString("") + " " + user.path("last_name").asString("")).strip();
        return full.isBlank() ? user.path("username").asString(accountId) : full;
    }

    @Override
    public Optional<Quoted> message(String roomId, String messageRef) {
        JsonNode post;
        try {
            post = call("GET", "/posts/" + messageRef, null);
        } catch (ChatException e) {
            if ("http_404".equals(e.error()) || "http_403".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
        if (!roomId.equals(post.path("channel_id").asString())) {
            return Optional.empty();
        }
        String author = post.path("user_id").asString("");
        long created = post.path("create_at").asLong(0);
        return Optional.of(new Quoted(author, author.isBlank() ? "" : nameOf(author), post.path("message").asString(""),
                created == 0 ? null : Instant.ofEpochMilli(created)));
    }

    /**
     * The trigger the controller hands over: Mattermost's {@code trigger_id} and the account that typed the command,
     * which the dialog's signed state names (the adapter interface passes only the trigger).
     */
    static String trigger(String triggerId, String accountId) {
        return triggerId == null || triggerId.isBlank() ? null : triggerId + "\n" + accountId;
    }

    private void openDialog(String trigger, String callbackId, String extra, Map<String, Object> dialog) {
        int nl = trigger.indexOf('\n');
        String triggerId = nl < 0 ? trigger : trigger.substring(0, nl);
        String account = nl < 0 ? "" : trigger.substring(nl + 1);
        var body = new LinkedHashMap<String, Object>(dialog);
        body.put("callback_id", callbackId);
        body.put("state", DialogState.sign(actionKey(), callbackId, account, extra));
        call("POST", "/actions/dialogs/open", Map.of("trigger_id", triggerId,
                "url", callbackUrl() + "/hooks/mattermost/dialogs", "dialog", body));
    }

    @Override
    public boolean openDeclareForm(String trigger, Locale locale) {
        openDialog(trigger, "tocsin_declare", locale.toLanguageTag(), DialogForms.declare(messages, locale));
        return true;
    }

    @Override
    public boolean openUpdateForm(String trigger, String incidentKey, String summary, List<String> gaps, Locale locale) {
        openDialog(trigger, "tocsin_update", incidentKey, DialogForms.update(messages, locale, incidentKey, summary, gaps));
        return true;
    }

    /** Tool-neutral {@code *bold*} and {@code <url|label>} as Mattermost's Markdown. */
    static String markdown(String text) {
        String t = text.replaceAll("<(https?://[^|>]+)\\|([^>]+)>", "[$2]($1)").replaceAll("(?<![*\\w])\\*([^*\\n]+)\\*(?!\\*)",
                "**$1**");
        return t.length() > 16383 ? t.substring(0, 16382) + "…" : t;
    }

    /** A message as a post: Markdown text and, with buttons, one attachment of integration actions. */
    Map<String, Object> render(ChatMessage message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("message", markdown(message.text()));
        if (message.buttons().isEmpty()) {
            body.put("props", Map.of());
            return body;
        }
        var actions = new ArrayList<Map<String, Object>>();
        for (var b : message.buttons()) {
            var a = new LinkedHashMap<String, Object>();
            // Action ids end up in a URL path of Mattermost's own API: letters and digits only.
            a.put("id", b.action().id().replace("_", ""));
            a.put("name", b.label());
            a.put("type", "button");
            a.put("style", b.primary() ? "primary" : "default");
            a.put("integration", Map.of("url", callbackUrl() + "/hooks/mattermost/actions",
                    "context", ActionContext.sign(actionKey(), b.action().name(), b.value())));
            actions.add(a);
        }
        body.put("props", Map.of("attachments", List.of(Map.of("actions", actions))));
        return body;
    }

    /** The key that signs button contexts: only Tocsin and the Mattermost server (which keeps contexts) see them. */
    byte[] actionKey() {
        return ("tocsin-mattermost-actions:" + token()).getBytes(StandardCharsets.UTF_8);
    }
}
