package io.tocsin.chat.teams;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.swagger.v3.oas.annotations.Hidden;
import io.tocsin.chat.internal.ChatAccounts;
import io.tocsin.chat.internal.ChatCommands;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * A Teams outgoing webhook (issue 14 point 3): Teams posts the message that @mentions the webhook, with
 * {@code Authorization: HMAC <base64>}, the HMAC-SHA256 of the raw body under the base64-decoded security token.
 * Nothing is read before that is verified (constant-time); refusals are 401, a body that is no activity 400, both
 * in the Bot Framework's error shape. The answer is the synchronous message activity Teams shows as the reply
 * (Teams waits 5 seconds): the command runs here as in the bot, and whatever is slow (posting to other channels)
 * is queued.
 */
@Hidden
@RestController
class TeamsOutgoingController {

    private static final Logger log = LoggerFactory.getLogger(TeamsOutgoingController.class);

    private final TeamsWebhookSettings settings;
    private final TeamsWebhookAdapter adapter;
    private final ChatCommands commands;
    private final MessageSource messages;
    private final CommsSettings comms;
    private final TeamsWebhookLinks links;
    private final ChatAccounts accounts;

    TeamsOutgoingController(TeamsWebhookSettings settings, TeamsWebhookAdapter adapter, ChatCommands commands,
            MessageSource messages, CommsSettings comms, TeamsWebhookLinks links, ChatAccounts accounts) {
        this.links = links;
        this.accounts = accounts;
        this.settings = settings;
        this.adapter = adapter;
        this.commands = commands;
        this.messages = messages;
        this.comms = comms;
    }

    @PostMapping("/hooks/teams/outgoing")
    ResponseEntity<Object> message(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signed(request.getHeader("Authorization"), raw)) {
            log.warn("Teams outgoing webhook refused: bad or missing HMAC (from {})", request.getRemoteAddr());
            return TeamsController.error(401, "Unauthorized", "invalid HMAC");
        }
        JsonNode activity;
        try {
            activity = TeamsConnector.JSON.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            activity = null;
        }
        if (activity == null || !activity.isObject()) {
            return TeamsController.error(400, "BadArgument", "the body must be an Activity (a JSON object)");
        }
        String account = activity.path("from").path("aadObjectId").asString("");
        if (account.isBlank()) {
            account = activity.path("from").path("id").asString("");
        }
        if (account.isBlank() || account.length() > 300 || !activity.path("text").isString()) {
            return TeamsController.error(400, "BadArgument", "activity.from.id and activity.text are required");
        }
        String command = TeamsText.command(withWebhookAsRecipient((ObjectNode) activity));
        var locale = comms.getDefaultLocale();
        if (command.isBlank() || command.equalsIgnoreCase("help")) {
            return reply(messages.getMessage("chat.teams-webhook.help", null, locale));
        }
        if (command.toLowerCase(java.util.Locale.ROOT).startsWith("link")) {
            return link(account, command.substring(4).strip(), locale);
        }
        if (accounts.linkedUser(TeamsWebhookAdapter.TOOL, account).isEmpty()) {
            return reply(messages.getMessage("chat.teams-webhook.unlinked", null, locale));
        }
        String later = settings.incidentChannel().isBlank() ? null
                : TeamsWebhookAdapter.REPLY_PREFIX + settings.incidentChannel();
        var answer = commands.command(adapter, new ChatCommands.Inbound(account,
                activity.path("conversation").path("id").asString(""), command, later, later));
        return reply(answer == null ? "" : answer.text());
    }

    private ResponseEntity<Object> link(String account, String code, java.util.Locale locale) {
        var user = links.redeem(code);
        if (user.isEmpty()) {
            return reply(messages.getMessage("chat.teams-webhook.link-refused", null, locale));
        }
        accounts.link(adapter, account, user.get(), "link code");
        return reply(messages.getMessage("chat.teams-webhook.linked", null, locale));
    }

    private boolean signed(String authorization, byte[] body) {
        String key = settings.outgoingKey();
        if (key.isBlank() || authorization == null || !authorization.startsWith("HMAC ")) {
            return false;
        }
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            byte[] given = Base64.getDecoder().decode(authorization.substring(5).strip());
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The outgoing webhook is the first mention of the message (Teams only calls it when it is mentioned); as the
     * "recipient" its mention is removed from the command like the bot's own.
     */
    private static JsonNode withWebhookAsRecipient(ObjectNode activity) {
        for (var entity : activity.path("entities")) {
            if ("mention".equals(entity.path("type").asString(""))) {
                activity.putObject("recipient").put("id", entity.path("mentioned").path("id").asString(""));
                break;
            }
        }
        return activity;
    }

    private static ResponseEntity<Object> reply(String text) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("type", "message",
                "textFormat", "markdown", "text", TeamsCards.markdown(text)));
    }
}
