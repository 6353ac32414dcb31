package io.tocsin.chat.slack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.chat.ChatAction;
import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.internal.ChatCommands;
import io.tocsin.chat.internal.SeenRequests;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Slack's callbacks (issue 14 point 1): the {@code /tocsin} slash command, interactivity (buttons, the declare and
 * update forms, the "Copy to timeline" message shortcut) and the Events API (reactions, URL verification). Every
 * request is verified first ({@link SlackSignature}: v0 HMAC-SHA256, five-minute window, constant-time compare)
 * and refused when the signature was seen before; refusals are 401 and logged. Nothing is parsed before that.
 */
@Hidden
@RestController
class SlackController {

    private static final Logger log = LoggerFactory.getLogger(SlackController.class);
    private static final String RAW = "tocsin.chat.rawBody";

    private final SlackAdapter slack;
    private final ChatCommands commands;
    private final SeenRequests seen;
    private final Clock clock;

    SlackController(SlackAdapter slack, ChatCommands commands, SeenRequests seen, Clock clock) {
        this.slack = slack;
        this.commands = commands;
        this.seen = seen;
        this.clock = clock;
    }

    private String verified(HttpServletRequest request) {
        String body = (String) request.getAttribute(RAW);
        String ts = request.getHeader("X-Slack-Request-Timestamp");
        String signature = request.getHeader("X-Slack-Signature");
        var check = SlackSignature.check(slack.signingSecret(), ts, signature, body == null ? "" : body, clock.instant());
        if (check != SlackSignature.Check.VALID) {
            log.warn("Slack request to {} refused: {} (from {})", request.getRequestURI(), check, request.getRemoteAddr());
            return null;
        }
        if (!seen.firstTime(signature)) {
            log.warn("Slack request to {} refused: replayed signature (from {})", request.getRequestURI(),
                    request.getRemoteAddr());
            return null;
        }
        return body;
    }

    private static ResponseEntity<Object> refused() {
        return ResponseEntity.status(401).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ok", false, "error", "invalid_signature"));
    }

    static Map<String, String> form(String body) {
        var result = new LinkedHashMap<String, String>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            result.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return result;
    }

    private static ResponseEntity<Object> reply(ChatCommands.Reply reply) {
        if (reply == null) {
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of(
                "response_type", reply.visibleToAll() ? "in_channel" : "ephemeral", "text", reply.text()));
    }

    @PostMapping("/hooks/slack/commands")
    ResponseEntity<Object> command(HttpServletRequest request) {
        String body = verified(request);
        if (body == null) {
            return refused();
        }
        var f = form(body);
        return reply(commands.command(slack, new ChatCommands.Inbound(f.get("user_id"), f.get("channel_id"),
                f.getOrDefault("text", ""), f.get("trigger_id"), f.get("response_url"))));
    }

    @PostMapping("/hooks/slack/interactions")
    ResponseEntity<Object> interaction(HttpServletRequest request) {
        String body = verified(request);
        if (body == null) {
            return refused();
        }
        JsonNode payload;
        try {
            payload = SlackAdapter.JSON.readTree(form(body).getOrDefault("payload", "{}"));
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("ok", false, "error", "invalid_payload"));
        }
        String account = payload.path("user").path("id").asString("");
        String responseUrl = payload.path("response_url").asString(null);
        switch (payload.path("type").asString("")) {
            case "block_actions" -> {
                var action = payload.path("actions").path(0);
                var known = ChatAction.ofId(action.path("action_id").asString(""));
                if (known.isEmpty()) {
                    return ResponseEntity.ok().build();
                }
                commands.button(slack, account, known.get(), action.path("value").asString(""), responseUrl);
                return ResponseEntity.ok().build();
            }
            case "view_submission" -> {
                return submitted(account, payload.path("view"));
            }
            case "message_action", "shortcut" -> {
                var m = payload.path("message");
                var quoted = new ChatAdapter.Quoted(m.path("user").asString(""), m.path("user").asString(""),
                        m.path("text").asString(""), SlackAdapter.at(m.path("ts").asString("")));
                String author = quoted.authorAccountId();
                String name = author;
                try {
                    name = author.isBlank() ? "" : slack.nameOf(author);
                } catch (RuntimeException e) {
                    log.info("Slack users.info for {} failed; the timeline names the account id", author);
                }
                var reply = commands.shortcutPin(slack, account, payload.path("channel").path("id").asString(""),
                        new ChatAdapter.Quoted(author, name, quoted.text(), quoted.at()));
                commands.respondLater(slack, responseUrl, reply.text());
                return ResponseEntity.ok().build();
            }
            default -> {
                return ResponseEntity.ok().build();
            }
        }
    }

    private ResponseEntity<Object> submitted(String account, JsonNode view) {
        var values = view.path("state").path("values");
        switch (view.path("callback_id").asString("")) {
            case "tocsin_declare" -> {
                var result = commands.declareSubmitted(slack, account, text(values, "summary"),
                        values.path("severity").path("value").path("selected_option").path("value").asString("3"),
                        text(values, "description"));
                if (result.incident() == null) {
                    return errors(Map.of("summary", result.reply().text()));
                }
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("response_action", "clear"));
            }
            case "tocsin_update" -> {
                String key = view.path("private_metadata").asString("").split("\\|")[0];
                boolean ack = !values.path("gaps").path("value").path("selected_options").isEmpty();
                var errors = commands.updateSubmitted(slack, account, key, text(values, "summary"), text(values, "status"),
                        text(values, "next"), text(values, "impact"), ack);
                return errors.isEmpty()
                        ? ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("response_action", "clear"))
                        : errors(errors);
            }
            default -> {
                return ResponseEntity.ok().build();
            }
        }
    }

    private static String text(JsonNode values, String block) {
        var v = values.path(block).path("value").path("value");
        return v.isNull() || v.isMissingNode() ? null : v.asString();
    }

    private static ResponseEntity<Object> errors(Map<String, String> errors) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("response_action", "errors", "errors", errors));
    }

    @PostMapping("/hooks/slack/events")
    ResponseEntity<Object> event(HttpServletRequest request) {
        String body = verified(request);
        if (body == null) {
            return refused();
        }
        JsonNode json;
        try {
            json = SlackAdapter.JSON.readTree(body);
        } catch (RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("ok", false, "error", "invalid_json"));
        }
        if ("url_verification".equals(json.path("type").asString())) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("challenge", json.path("challenge").asString("")));
        }
        var event = json.path("event");
        if ("reaction_added".equals(event.path("type").asString())
                && slack.pinEmoji().equals(event.path("reaction").asString())
                && "message".equals(event.path("item").path("type").asString())) {
            commands.pinRequested(slack, event.path("item").path("channel").asString(""),
                    event.path("item").path("ts").asString(""), event.path("user").asString(""));
        }
        return ResponseEntity.ok().build();
    }
}
