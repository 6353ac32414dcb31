package io.tocsin.chat.slack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.ChatMessage;
import io.tocsin.chat.internal.ChatSettings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack through its Web API ({@code POST https://slack.com/api/<method>}, {@code Authorization: Bearer xoxb-...}).
 * Writes are sent as JSON, reads as form fields; every answer is {@code {"ok":true,...}} or
 * {@code {"ok":false,"error":"..."}}. HTTP 429 carries {@code Retry-After} (seconds): a transient failure with that
 * wait, as are 5xx, network errors and Slack's own {@code ratelimited}/{@code internal_error}-style codes. Errors
 * that mean "already so" ({@code already_in_channel}, {@code already_archived}) are success.
 */
@Component
public class SlackAdapter implements ChatAdapter {

    public static final String TOOL = "slack";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    private static final Set<String> ALREADY = Set.of("already_in_channel", "already_archived");

    private final ChatSettings settings;
    private final MessageSource messages;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SlackAdapter(ChatSettings settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public String displayName() {
        return "Slack";
    }

    String token() {
        return settings.get(TOOL, "bot-token", "");
    }

    public String signingSecret() {
        return settings.get(TOOL, "signing-secret", "");
    }

    /** The reaction that copies a message to the timeline (without colons). */
    String pinEmoji() {
        return settings.get(TOOL, "pin-emoji", "pushpin").replace(":", "");
    }

    String apiUrl() {
        String url = settings.get(TOOL, "api-url", "https://slack.com/api");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public boolean configured() {
        return !token().isBlank() && !signingSecret().isBlank();
    }

    @Override
    public boolean supports(Feature feature) {
        return true;
    }

    @Override
    public int topicLimit() {
        return 250;
    }

    @Override
    public Room createRoom(String name) {
        String base = slackName(name);
        for (int n = 1; n <= 5; n++) {
            String candidate = n == 1 ? base : base + "-" + n;
            try {
                var channel = write("conversations.create", Map.of("name", candidate, "is_private", false)).path("channel");
                return new Room(channel.path("id").asString(), channel.path("name").asString(candidate));
            } catch (ChatException e) {
                if (!"name_taken".equals(e.error())) {
                    throw e;
                }
            }
        }
        throw ChatException.permanent("name_taken", "Slack has channels named " + base + " up to " + base + "-5");
    }

    /** Slack channel names: lower case, no spaces or periods, at most 80 characters. */
    static String slackName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("-{2,}", "-");
        return s.length() > 80 ? s.substring(0, 80) : s;
    }

    @Override
    public void setTopic(String roomId, String topic) {
        write("conversations.setTopic", Map.of("channel", roomId, "topic", topic));
    }

    @Override
    public void invite(String roomId, List<String> accountIds) {
        if (!accountIds.isEmpty()) {
            write("conversations.invite", Map.of("channel", roomId, "users", String.join(",", accountIds)));
        }
    }

    @Override
    public void archive(String roomId) {
        write("conversations.archive", Map.of("channel", roomId));
    }

    @Override
    public String post(String roomId, ChatMessage message) {
        var body = new LinkedHashMap<String, Object>(render(message));
        body.put("channel", roomId);
        return write("chat.postMessage", body).path("ts").asString();
    }

    @Override
    public void update(String roomId, String messageRef, ChatMessage message) {
        var body = new LinkedHashMap<String, Object>(render(message));
        body.put("channel", roomId);
        body.put("ts", messageRef);
        write("chat.update", body);
    }

    @Override
    public void respond(String responseUrl, ChatMessage message, boolean replaceOriginal) {
        var body = new LinkedHashMap<String, Object>(render(message));
        if (replaceOriginal) {
            body.put("replace_original", true);
        } else {
            body.put("response_type", "ephemeral");
        }
        // A response URL is Slack's own hooks host; it needs no token.
        send(HttpRequest.newBuilder(URI.create(responseUrl)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), "response_url", false);
    }

    @Override
    public String directMessage(String accountId, ChatMessage message) {
        String channel = write("conversations.open", Map.of("users", accountId)).path("channel").path("id").asString();
        return post(channel, message);
    }

    @Override
    public Optional<String> accountByEmail(String email) {
        try {
            return Optional.of(read("users.lookupByEmail", Map.of("email", email)).path("user").path("id").asString());
        } catch (ChatException e) {
            if ("users_not_found".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<String> emailOf(String accountId) {
        var email = read("users.info", Map.of("user", accountId)).path("user").path("profile").path("email").asString("");
        return email.isBlank() ? Optional.empty() : Optional.of(email);
    }

    String nameOf(String accountId) {
        var user = read("users.info", Map.of("user", accountId)).path("user");
        String real = user.path("real_name").asString("");
        return real.isBlank() ? user.path("name").asString(accountId) : real;
    }

    @Override
    public Optional<Quoted> message(String roomId, String messageRef) {
        var found = read("conversations.history", Map.of("channel", roomId, "latest", messageRef, "inclusive", "true",
                "limit", "1")).path("messages");
        if (found.isEmpty() || !messageRef.equals(found.get(0).path("ts").asString())) {
            return Optional.empty();
        }
        var m = found.get(0);
        String author = m.path("user").asString("");
        return Optional.of(new Quoted(author, author.isBlank() ? "" : nameOf(author), m.path("text").asString(""),
                at(messageRef)));
    }

    /** A Slack message's {@code ts} ("1712345678.000200") as an instant. */
    static Instant at(String ts) {
        try {
            var parts = ts.split("\\.");
            return Instant.ofEpochSecond(Long.parseLong(parts[0]),
                    parts.length > 1 ? Long.parseLong((parts[1] + "000000").substring(0, 6)) * 1000 : 0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean openDeclareForm(String triggerId, Locale locale) {
        var severities = new ArrayList<Map<String, Object>>();
        for (int s = 1; s <= 3; s++) {
            severities.add(option(msg("chat.slack.form.severity." + s, locale), Integer.toString(s)));
        }
        var view = Map.of("type", "modal", "callback_id", "tocsin_declare",
                "title", plain(msg("chat.slack.form.declare.title", locale)),
                "submit", plain(msg("chat.slack.form.declare.submit", locale)),
                "close", plain(msg("chat.slack.form.cancel", locale)),
                "private_metadata", locale.toLanguageTag(),
                "blocks", List.of(
                        input("summary", msg("chat.slack.form.summary", locale),
                                Map.of("type", "plain_text_input", "action_id", "value", "max_length", 300), false),
                        input("severity", msg("chat.slack.form.severity", locale),
                                Map.of("type", "static_select", "action_id", "value", "options", severities,
                                        "initial_option", severities.get(2)), false),
                        input("description", msg("chat.slack.form.description", locale),
                                Map.of("type", "plain_text_input", "action_id", "value", "multiline", true), true)));
        write("views.open", Map.of("trigger_id", triggerId, "view", view));
        return true;
    }

    @Override
    public boolean openUpdateForm(String triggerId, String incidentKey, String summary, List<String> gaps, Locale locale) {
        var blocks = new ArrayList<Map<String, Object>>();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text",
                msg("chat.slack.form.update.intro", locale, incidentKey, summary))));
        if (!gaps.isEmpty()) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text",
                    msg("chat.slack.form.update.checklist", locale) + "\n" + gaps.stream().map(g -> "• " + g)
                            .collect(Collectors.joining("\n")))));
        }
        blocks.add(input("summary", msg("chat.slack.form.update.summary", locale),
                Map.of("type", "plain_text_input", "action_id", "value", "multiline", true), false));
        blocks.add(input("status", msg("chat.slack.form.update.status", locale),
                Map.of("type", "plain_text_input", "action_id", "value", "multiline", true), true));
        blocks.add(input("next", msg("chat.slack.form.update.next", locale),
                Map.of("type", "plain_text_input", "action_id", "value", "multiline", true), true));
        blocks.add(input("impact", msg("chat.slack.form.update.impact", locale),
                Map.of("type", "plain_text_input", "action_id", "value"), true));
        blocks.add(input("gaps", msg("chat.slack.form.update.gaps", locale), Map.of("type", "checkboxes",
                "action_id", "value", "options", List.of(option(msg("chat.slack.form.update.gaps.ok", locale), "yes"))),
                true));
        var view = Map.of("type", "modal", "callback_id", "tocsin_update",
                "title", plain(msg("chat.slack.form.update.title", locale)),
                "submit", plain(msg("chat.slack.form.update.submit", locale)),
                "close", plain(msg("chat.slack.form.cancel", locale)),
                "private_metadata", incidentKey + "|" + locale.toLanguageTag(), "blocks", blocks);
        write("views.open", Map.of("trigger_id", triggerId, "view", view));
        return true;
    }

    private String msg(String code, Locale locale, Object... args) {
        return messages.getMessage(code, args, locale);
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text.length() > 24 ? text.substring(0, 24) : text);
    }

    private static Map<String, Object> option(String text, String value) {
        return Map.of("text", Map.of("type", "plain_text", "text", text), "value", value);
    }

    private static Map<String, Object> input(String blockId, String label, Map<String, Object> element, boolean optional) {
        return Map.of("type", "input", "block_id", blockId, "optional", optional,
                "label", Map.of("type", "plain_text", "text", label), "element", element);
    }

    /** Slack's mrkdwn and Block Kit for a message: a section with the text, an actions block with the buttons. */
    static Map<String, Object> render(ChatMessage message) {
        var blocks = new ArrayList<Map<String, Object>>();
        String text = message.text().length() > 3000 ? message.text().substring(0, 2999) + "…" : message.text();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)));
        if (!message.buttons().isEmpty()) {
            var elements = new ArrayList<Map<String, Object>>();
            for (var b : message.buttons()) {
                var e = new LinkedHashMap<String, Object>();
                e.put("type", "button");
                e.put("action_id", b.action().id());
                e.put("text", Map.of("type", "plain_text", "text", b.label()));
                e.put("value", b.value());
                if (b.primary()) {
                    e.put("style", "primary");
                }
                elements.add(e);
            }
            blocks.add(Map.of("type", "actions", "block_id", "tocsin_actions", "elements", elements));
        }
        return Map.of("text", text, "blocks", blocks);
    }

    private JsonNode write(String method, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + "/" + method)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), method, true);
    }

    private JsonNode read(String method, Map<String, String> params) {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(apiUrl() + "/" + method)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), method, true);
    }

    private JsonNode send(HttpRequest request, String method, boolean webApi) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw ChatException.temporary("Slack " + method + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChatException.temporary("Slack " + method + ": interrupted", null);
        }
        int status = response.statusCode();
        if (status == 429) {
            throw ChatException.temporary("Slack " + method + ": HTTP 429 rate limited", retryAfter(response));
        }
        if (status >= 500) {
            throw ChatException.temporary("Slack " + method + ": HTTP " + status, retryAfter(response));
        }
        if (status >= 400) {
            throw ChatException.permanent("http_" + status, "Slack " + method + ": HTTP " + status);
        }
        if (!webApi) {
            return JSON.createObjectNode();
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw ChatException.temporary("Slack " + method + ": unreadable answer", null);
        }
        if (body.path("ok").asBoolean(false)) {
            return body;
        }
        String error = body.path("error").asString("unknown_error");
        if (ALREADY.contains(error)) {
            return body;
        }
        if (TRANSIENT.contains(error)) {
            throw new ChatException(error, "Slack " + method + ": " + error, true, retryAfter(response));
        }
        throw ChatException.permanent(error, "Slack " + method + ": " + error);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return ChatException.retryAfter(response);
    }
}
