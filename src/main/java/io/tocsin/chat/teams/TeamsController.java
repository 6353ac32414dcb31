package io.tocsin.chat.teams;

import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.chat.ChatAction;
import io.tocsin.chat.internal.ChatCommands;
import io.tocsin.chat.internal.SeenRequests;
import io.tocsin.comms.CommsSettings;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The bot's messaging endpoint (issue 14 point 3): the Bot Connector posts every activity here with a bearer token.
 * Nothing is acted on before the token is verified ({@link TeamsAuth}) and its {@code serviceurl} claim matches
 * the activity's; refusals are 401, a malformed activity 400, both in the Bot Framework's error shape
 * {@code {"error":{"code":"...","message":"..."}}}. A message is a command ({@code @Tocsin sev 1}) or, with a
 * {@code value}, an Adaptive Card's {@code Action.Submit} (a button or the declare form). Answers go back as
 * queued replies (the Connector wants a quick 200, and Teams has no answer in the HTTP response). An activity the
 * Connector delivers twice (same id) is acted on once.
 */
@Hidden
@RestController
class TeamsController {

    private static final Logger log = LoggerFactory.getLogger(TeamsController.class);
    static final String DECLARE = "tocsin_declare";

    private final TeamsAdapter teams;
    private final TeamsAuth auth;
    private final TeamsReferences references;
    private final ChatCommands commands;
    private final SeenRequests seen;
    private final MessageSource messages;
    private final CommsSettings comms;

    TeamsController(TeamsAdapter teams, TeamsAuth auth, TeamsReferences references, ChatCommands commands,
            SeenRequests seen, MessageSource messages, CommsSettings comms) {
        this.teams = teams;
        this.auth = auth;
        this.references = references;
        this.commands = commands;
        this.seen = seen;
        this.messages = messages;
        this.comms = comms;
    }

    static ResponseEntity<Object> error(int status, String code, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", Map.of("code", code, "message", message)));
    }

    @PostMapping("/hooks/teams/messages")
    ResponseEntity<Object> activity(HttpServletRequest request, @RequestBody(required = false) String body) {
        JsonNode activity = parse(body);
        String channelId = activity == null ? null : text(activity, "channelId");
        var result = auth.verify(request.getHeader("Authorization"), channelId);
        if (result.check() == TeamsAuth.Check.KEYS_UNREACHABLE) {
            log.warn("Teams activity refused for now: the Bot Connector's signing keys could not be fetched");
            return error(503, "ServiceUnavailable", "signing keys unavailable; retry later");
        }
        if (!result.valid()) {
            log.warn("Teams activity refused: {} (from {})", result.check(), request.getRemoteAddr());
            return error(401, "Unauthorized", "invalid bearer token");
        }
        var problem = malformed(activity);
        if (problem.isPresent()) {
            return error(400, "BadArgument", problem.get());
        }
        String serviceUrl = text(activity, "serviceUrl");
        if (!serviceUrl.equals(result.serviceUrl())) {
            log.warn("Teams activity refused: its serviceUrl {} is not the token's {}", serviceUrl, result.serviceUrl());
            return error(401, "Unauthorized", "serviceUrl does not match the token");
        }
        String conversationId = activity.path("conversation").path("id").asString();
        String activityId = text(activity, "id");
        if (!seen.firstTime("teams|" + conversationId + "|" + activityId)) {
            log.info("Teams activity {} delivered again; already handled", activityId);
            return ResponseEntity.ok().build();
        }
        try {
            return handle(activity, serviceUrl, conversationId, activityId);
        } catch (RuntimeException e) {
            // The activity is marked as seen, so the Connector's retry would be dropped: tell the person instead.
            log.error("Teams activity {} failed", activityId, e);
            try {
                commands.respondLater(teams, new TeamsAdapter.ReplyTo(serviceUrl, conversationId, activityId).encode(),
                        messages.getMessage("chat.reply.tool-unreachable", new Object[] {"Tocsin"},
                                comms.getDefaultLocale()));
            } catch (RuntimeException again) {
                log.warn("Teams activity {}: the failure could not be answered either: {}", activityId, again.toString());
            }
            return ResponseEntity.ok().build();
        }
    }

    private ResponseEntity<Object> handle(JsonNode activity, String serviceUrl, String conversationId, String activityId) {
        var from = activity.path("from");
        String account = from.path("id").asString();
        String tenant = activity.path("channelData").path("tenant").path("id")
                .asString(activity.path("conversation").path("tenantId").asString(null));
        references.remember(TeamsReferences.Kind.ACCOUNT, account, new TeamsReferences.Reference(serviceUrl,
                conversationId, null, from.path("name").asString(null), tenant));
        if (!"message".equals(text(activity, "type"))) {
            // conversationUpdate, installationUpdate, typing, invoke...: nothing to do beyond remembering the address.
            return ResponseEntity.ok().build();
        }
        String replyTo = activity.path("replyToId").asString(activityId);
        String cardRef = new TeamsAdapter.ReplyTo(serviceUrl, conversationId, replyTo).encode();
        String answerRef = new TeamsAdapter.ReplyTo(serviceUrl, conversationId, activityId).encode();
        var value = activity.path("value");
        if (value.isObject() && value.has("action")) {
            submitted(account, value, cardRef, answerRef);
            return ResponseEntity.ok().build();
        }
        String command = TeamsText.command(activity);
        if (command.isBlank() || command.equalsIgnoreCase("help")) {
            commands.respondLater(teams, answerRef, messages.getMessage("chat.teams.help", null, comms.getDefaultLocale()));
            return ResponseEntity.ok().build();
        }
        var reply = commands.command(teams, new ChatCommands.Inbound(account, conversationId, command, answerRef,
                answerRef));
        if (reply != null) {
            commands.respondLater(teams, answerRef, reply.text());
        }
        return ResponseEntity.ok().build();
    }

    private void submitted(String account, JsonNode value, String cardRef, String answerRef) {
        String action = value.path("action").asString("");
        if (DECLARE.equals(action)) {
            var declared = commands.declareSubmitted(teams, account, value.path("summary").asString(""),
                    value.path("severity").asString("3"), value.path("description").asString(null));
            commands.respondLater(teams, answerRef, declared.reply().text());
            return;
        }
        var known = ChatAction.ofId(action);
        if (known.isEmpty()) {
            log.info("Teams card action {} is not Tocsin's; ignored", action);
            return;
        }
        commands.button(teams, account, known.get(), value.path("value").asString(""), cardRef);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            var json = TeamsConnector.JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        var v = node.path(field);
        return v.isString() ? v.asString() : null;
    }

    /** What a usable activity must have, named as the Activity schema names it. */
    static Optional<String> malformed(JsonNode activity) {
        if (activity == null) {
            return Optional.of("the body must be an Activity (a JSON object)");
        }
        for (String field : new String[] {"type", "id", "channelId", "serviceUrl"}) {
            String v = text(activity, field);
            if (v == null || v.isBlank() || v.length() > 500) {
                return Optional.of("activity." + field + " is required (a string of at most 500 characters)");
            }
        }
        if (!text(activity, "serviceUrl").matches("https?://[^\\s]+")) {
            return Optional.of("activity.serviceUrl must be an http(s) URL");
        }
        for (String field : new String[] {"from", "conversation"}) {
            String id = activity.path(field).path("id").isString() ? activity.path(field).path("id").asString() : "";
            if (id.isBlank() || id.length() > 300 || id.contains(" ")) {
                return Optional.of("activity." + field + ".id is required (at most 300 characters, no spaces)");
            }
        }
        if (activity.has("text") && !activity.path("text").isString()) {
            return Optional.of("activity.text must be a string");
        }
        return Optional.empty();
    }
}
