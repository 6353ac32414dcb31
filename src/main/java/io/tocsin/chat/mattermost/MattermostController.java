package io.tocsin.chat.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.internal.ChatAccounts;
import io.tocsin.chat.internal.ChatCommands;
import io.tocsin.comms.CommsSettings;
import io.tocsin.identity.User;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Mattermost's callbacks (issue 14 point 2). The {@code /tocsin} slash command arrives as Mattermost sends custom
 * slash commands (a form post with {@code token}, {@code user_id}, {@code channel_id}, {@code text},
 * {@code response_url}, ...): its token is compared in constant time with the command's token before anything else
 * is read. Button presses (interactive message integration actions) arrive as JSON with the post, the user and the
 * context the button was posted with; Mattermost does not sign them, so the context carries Tocsin's own signature
 * ({@link ActionContext}). Refusals are 401 and logged. Usernames typed as {@code @ann} are resolved to Mattermost
 * accounts so the command sees the person, not a guess from the name.
 */
@Hidden
@RestController
class MattermostController {

    private static final Logger log = LoggerFactory.getLogger(MattermostController.class);
    private static final Pattern USERNAME = Pattern.compile("(?<=^|\\s)@([a-z0-9][a-z0-9._-]{0,63})(?=\\s|$)",
            Pattern.CASE_INSENSITIVE);
    /** A post id (26 characters) alone or at the end of a permalink ({@code https://chat/team/pl/<id>}). */
    private static final Pattern POST_ID = Pattern.compile("(?:^|/)([a-z0-9]{26})/?$");

    private final MattermostAdapter mattermost;
    private final ChatCommands commands;
    private final ChatAccounts accounts;
    private final CommsSettings comms;
    private final MessageSource messages;
    private final TransactionTemplate tx;

    MattermostController(MattermostAdapter mattermost, ChatCommands commands, ChatAccounts accounts, CommsSettings comms,
            MessageSource messages, PlatformTransactionManager transactions) {
        this.mattermost = mattermost;
        this.commands = commands;
        this.accounts = accounts;
        this.comms = comms;
        this.messages = messages;
        this.tx = new TransactionTemplate(transactions);
    }

    private static ResponseEntity<Object> refused(String text) {
        return ResponseEntity.status(401).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("response_type", "ephemeral", "text", text));
    }

    private static ResponseEntity<Object> reply(String text, boolean visibleToAll) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of(
                "response_type", visibleToAll ? "in_channel" : "ephemeral", "text", MattermostAdapter.markdown(text)));
    }

    private boolean tokenValid(String token) {
        String expected = mattermost.commandToken();
        return !expected.isBlank() && token != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    @PostMapping(path = "/hooks/mattermost/commands", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Object> command(@RequestParam Map<String, String> form, HttpServletRequest request) {
        if (!mattermost.configured() || !tokenValid(form.get("token"))) {
            log.warn("Mattermost command refused: {} (from {})", mattermost.configured() ? "BAD_TOKEN" : "NOT_CONFIGURED",
                    request.getRemoteAddr());
            return refused("invalid token");
        }
        String user = form.getOrDefault("user_id", "");
        String channel = form.get("channel_id");
        String text = form.getOrDefault("text", "").strip();
        if (text.toLowerCase(java.util.Locale.ROOT).startsWith("pin")
                && (text.length() == 3 || Character.isWhitespace(text.charAt(3)))) {
            return pin(user, channel, text.substring(3).strip());
        }
        String resolved;
        try {
            resolved = withAccounts(text);
        } catch (ChatException e) {
            log.warn("Mattermost: usernames in a command could not be resolved: {}", e.getMessage());
            return reply(t(null, "chat.reply.tool-unreachable", mattermost.displayName()), false);
        }
        // The trigger carries the account too: the dialogs it opens are signed for that person (DialogState).
        var answer = commands.command(mattermost, new ChatCommands.Inbound(user, channel, resolved,
                MattermostAdapter.trigger(form.get("trigger_id"), user), form.get("response_url")));
        return answer == null ? ResponseEntity.ok().build() : reply(answer.text(), answer.visibleToAll());
    }

    /** {@code @ann} becomes {@code <@account id>} when Mattermost knows the username. */
    private String withAccounts(String text) {
        Matcher m = USERNAME.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            var account = mattermost.accountByUsername(m.group(1).toLowerCase(java.util.Locale.ROOT));
            m.appendReplacement(out, Matcher.quoteReplacement(account.map(a -> "<@" + a + ">").orElse(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** {@code /tocsin pin <post id or permalink>}: Mattermost's stand-in for Slack's pin reaction. */
    private ResponseEntity<Object> pin(String account, String channel, String what) {
        User user;
        try {
            user = tx.execute(s -> accounts.userFor(mattermost, account)).orElse(null);
        } catch (ChatException e) {
            return reply(t(null, "chat.reply.tool-unreachable", mattermost.displayName()), false);
        }
        if (user == null) {
            return reply(commands.command(mattermost, new ChatCommands.Inbound(account, channel, "help", null, null))
                    .text(), false);
        }
        var m = POST_ID.matcher(what.toLowerCase(java.util.Locale.ROOT));
        if (!m.find()) {
            return reply(t(user, "chat.mattermost.pin-usage"), false);
        }
        if (!commands.pinRequested(mattermost, channel, m.group(1), account)) {
            return reply(t(user, "chat.reply.no-incident-here"), false);
        }
        return reply(t(user, "chat.mattermost.pin-queued"), false);
    }

    @PostMapping(path = "/hooks/mattermost/actions")
    ResponseEntity<Object> action(@RequestBody(required = false) String body, HttpServletRequest request) {
        JsonNode json = object(body);
        if (json == null) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("ephemeral_text", "invalid request"));
        }
        var context = json.path("context");
        var verified = mattermost.configured() ? ActionContext.verify(mattermost.actionKey(),
                context.path("action").asString(null), context.path("value").asString(null),
                context.path("sig").asString(null)) : java.util.Optional.<ActionContext.Verified>empty();
        if (verified.isEmpty()) {
            log.warn("Mattermost action refused: {} (from {})", mattermost.configured() ? "BAD_CONTEXT" : "NOT_CONFIGURED",
                    request.getRemoteAddr());
            return ResponseEntity.status(401).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("ephemeral_text", "invalid action"));
        }
        String user = json.path("user_id").asString("");
        String channel = json.path("channel_id").asString("");
        String post = json.path("post_id").asString("");
        if (user.isBlank() || post.isBlank()) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("ephemeral_text", "user_id and post_id are required"));
        }
        // The answer (the post replaced, or a line only the presser sees) goes through the durable queue.
        commands.button(mattermost, user, verified.get().action(), verified.get().value(),
                MattermostAdapter.PostRef.of(channel, post, user));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }

    /**
     * A dialog submitted (the declare form, the update composer): Mattermost posts {@code callback_id}, {@code state},
     * {@code user_id}, {@code channel_id} and {@code submission}; refusals of the content go back as
     * {@code {"errors": {<element>: <message>}}}, which Mattermost shows next to the fields.
     */
    @PostMapping(path = "/hooks/mattermost/dialogs")
    ResponseEntity<Object> dialog(@RequestBody(required = false) String body, HttpServletRequest request) {
        JsonNode json = object(body);
        if (json == null) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of());
        }
        String callback = json.path("callback_id").asString("");
        String user = json.path("user_id").asString("");
        var extra = mattermost.configured() ? DialogState.verify(mattermost.actionKey(), callback, user,
                json.path("state").asString(null)) : java.util.Optional.<String>empty();
        if (extra.isEmpty()) {
            log.warn("Mattermost dialog refused: {} (from {})", mattermost.configured() ? "BAD_STATE" : "NOT_CONFIGURED",
                    request.getRemoteAddr());
            return ResponseEntity.status(401).contentType(MediaType.APPLICATION_JSON).body(Map.of());
        }
        if (json.path("cancelled").asBoolean(false)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
        }
        var values = json.path("submission");
        String channel = json.path("channel_id").asString("");
        if (callback.equals("tocsin_declare")) {
            var result = commands.declareSubmitted(mattermost, user, text(values, "summary"), text(values, "severity"),
                    text(values, "description"));
            if (result.incident() == null) {
                return errors(Map.of("summary", result.reply().text()));
            }
            // What Slack shows in the channel after its modal: here a line for the person, queued like every answer.
            commands.respondLater(mattermost, MattermostAdapter.PostRef.of(channel, "", user), result.reply().text());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
        }
        if (callback.equals("tocsin_update")) {
            var errors = commands.updateSubmitted(mattermost, user, extra.get(), text(values, "summary"),
                    text(values, "status"), text(values, "next"), text(values, "impact"),
                    values.path("gaps").asBoolean(false) || "true".equals(values.path("gaps").asString("")));
            return errors.isEmpty() ? ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of())
                    : errors(errors);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }

    /** The body as a JSON object, or null when it is none (unreadable, an array, empty). */
    private static JsonNode object(String body) {
        try {
            var json = MattermostHttp.JSON.readTree(body == null ? "" : body);
            return json != null && json.isObject() ? json : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode values, String name) {
        var v = values.path(name);
        return v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    private static ResponseEntity<Object> errors(Map<String, String> errors) {
        var shown = new java.util.LinkedHashMap<String, String>();
        errors.forEach((k, v) -> shown.put(k, MattermostAdapter.markdown(v)));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("errors", shown));
    }

    private String t(User user, String code, Object... args) {
        return messages.getMessage(code, args, user == null ? comms.getDefaultLocale() : user.locale());
    }
}
