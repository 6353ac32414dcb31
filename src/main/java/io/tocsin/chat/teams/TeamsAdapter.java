package io.tocsin.chat.teams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.ChatMessage;
import io.tocsin.comms.CommsSettings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Microsoft Teams as a Bot Framework bot (issue 14 point 3), through the Bot Connector REST API v3.
 * An incident's room is a thread in the configured channel ({@code POST /v3/conversations} with
 * {@code channelData.channel}); its first card shows the topic and is updated with it ({@code PUT
 * .../activities/{id}}); the mirror, replies and cards are activities in the thread; a page is a proactive 1:1
 * conversation with the person. "Inviting" someone mentions them in the thread, which notifies them (every member
 * of a standard channel can read it). What the Bot Connector cannot do, Tocsin does not pretend: no archiving of
 * a thread, and no copying of a message to the timeline by reaction (see docs/chat.md).
 */
@Component
public class TeamsAdapter implements ChatAdapter {

    public static final String TOOL = TeamsSettings.TOOL;

    private final TeamsSettings settings;
    private final TeamsConnector connector;
    private final TeamsReferences references;
    private final MessageSource messages;
    private final CommsSettings comms;

    TeamsAdapter(TeamsSettings settings, TeamsConnector connector, TeamsReferences references, MessageSource messages,
            CommsSettings comms) {
        this.comms = comms;
        this.settings = settings;
        this.connector = connector;
        this.references = references;
        this.messages = messages;
    }

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public String displayName() {
        return "Microsoft Teams";
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public boolean supports(Feature feature) {
        return switch (feature) {
            case ROOMS, TOPIC, INVITE -> !settings.channelId().isBlank();
            case DIRECT_MESSAGES, UPDATE_MESSAGES, ACCOUNT_BY_EMAIL -> true;
            case ARCHIVE, FETCH_MESSAGE -> false;
        };
    }

    @Override
    public int topicLimit() {
        return 1000;
    }

    private Map<String, Object> tenant() {
        return settings.tenantId().isBlank() ? Map.of() : Map.of("tenant", Map.of("id", settings.tenantId()));
    }

    @Override
    public Room createRoom(String name) {
        String channel = settings.channelId();
        if (channel.isBlank()) {
            throw ChatException.permanent("no_channel", "Teams: no channel-id set for incident threads");
        }
        var channelData = new LinkedHashMap<String, Object>(tenant());
        channelData.put("channel", Map.of("id", channel));
        var body = new LinkedHashMap<String, Object>();
        body.put("isGroup", true);
        body.put("channelData", channelData);
        body.put("activity", TeamsCards.topic(name, null));
        if (!settings.tenantId().isBlank()) {
            body.put("tenantId", settings.tenantId());
        }
        String serviceUrl = settings.serviceUrl();
        var created = connector.call("POST", serviceUrl, "/v3/conversations", body);
        String id = created.path("id").asString("");
        if (id.isBlank()) {
            throw ChatException.temporary("Teams POST /v3/conversations: no conversation id in the answer", null);
        }
        references.remember(TeamsReferences.Kind.CONVERSATION, id, new TeamsReferences.Reference(
                created.path("serviceUrl").asString(serviceUrl), id, created.path("activityId").asString(null), name,
                settings.tenantId()));
        return new Room(id, name);
    }

    private TeamsReferences.Reference conversation(String conversationId) {
        return references.find(TeamsReferences.Kind.CONVERSATION, conversationId).orElseGet(() ->
                new TeamsReferences.Reference(settings.serviceUrl(), conversationId, null, null, settings.tenantId()));
    }

    private static String activities(String conversationId) {
        return "/v3/conversations/" + TeamsConnector.enc(conversationId) + "/activities";
    }

    @Override
    public void setTopic(String roomId, String topic) {
        var ref = conversation(roomId);
        if (ref.rootActivity() == null) {
            throw ChatException.permanent("no_root_activity", "Teams: the thread's first card is not known");
        }
        connector.call("PUT", ref.serviceUrl(), activities(roomId) + "/" + TeamsConnector.enc(ref.rootActivity()),
                TeamsCards.topic(ref.displayName() == null ? "" : ref.displayName(), topic));
    }

    @Override
    public void invite(String roomId, List<String> accountIds) {
        for (String account : accountIds) {
            String name = references.find(TeamsReferences.Kind.ACCOUNT, account).map(TeamsReferences.Reference::displayName)
                    .filter(n -> !n.isBlank()).orElse(account);
            String mention = "<at>" + name + "</at>";
            var activity = new LinkedHashMap<String, Object>();
            activity.put("type", "message");
            activity.put("text", messages.getMessage("chat.teams.invited", new Object[] {mention},
                    comms.getDefaultLocale()));
            activity.put("entities", List.of(Map.of("type", "mention", "text", mention,
                    "mentioned", Map.of("id", account, "name", name))));
            connector.call("POST", conversation(roomId).serviceUrl(), activities(roomId), activity);
        }
    }

    @Override
    public void archive(String roomId) {
        throw ChatException.permanent("not_supported", "Teams threads cannot be archived through the Bot Connector");
    }

    @Override
    public String post(String roomId, ChatMessage message) {
        return connector.call("POST", conversation(roomId).serviceUrl(), activities(roomId), TeamsCards.activity(message))
                .path("id").asString("");
    }

    @Override
    public void update(String roomId, String messageRef, ChatMessage message) {
        connector.call("PUT", conversation(roomId).serviceUrl(), activities(roomId) + "/" + TeamsConnector.enc(messageRef),
                TeamsCards.activity(message));
    }

    /**
     * Answers an activity: {@code responseUrl} is {@link ReplyTo#encode} of where it came from. Replacing updates
     * the card whose button was pressed; otherwise the answer is a reply to the activity.
     */
    @Override
    public void respond(String responseUrl, ChatMessage message, boolean replaceOriginal) {
        var to = ReplyTo.decode(responseUrl);
        if (to == null) {
            throw ChatException.permanent("bad_reply_reference", "Teams: not a reply reference");
        }
        String path = activities(to.conversationId()) + "/" + TeamsConnector.enc(to.activityId());
        if (replaceOriginal) {
            connector.call("PUT", to.serviceUrl(), path, TeamsCards.activity(message));
        } else {
            var activity = new LinkedHashMap<String, Object>();
            activity.put("type", "message");
            activity.put("textFormat", "markdown");
            activity.put("text", TeamsCards.markdown(message.text()));
            activity.put("replyToId", to.activityId());
            connector.call("POST", to.serviceUrl(), path, activity);
        }
    }

    /** Where an answer goes: the service URL, conversation and activity of an authenticated activity. */
    record ReplyTo(String serviceUrl, String conversationId, String activityId) {
        private static final String PREFIX = "teams-reply ";

        String encode() {
            return PREFIX + serviceUrl + " " + conversationId + " " + activityId;
        }

        static ReplyTo decode(String text) {
            if (text == null || !text.startsWith(PREFIX)) {
                return null;
            }
            var parts = text.substring(PREFIX.length()).split(" ");
            return parts.length == 3 ? new ReplyTo(parts[0], parts[1], parts[2]) : null;
        }
    }

    /** A proactive 1:1 conversation with the person, then the message in it (a page with its buttons). */
    @Override
    public String directMessage(String accountId, ChatMessage message) {
        var known = references.find(TeamsReferences.Kind.ACCOUNT, accountId);
        String serviceUrl = known.map(TeamsReferences.Reference::serviceUrl).orElse(settings.serviceUrl());
        String tenant = known.map(TeamsReferences.Reference::tenantId).filter(t -> t != null && !t.isBlank())
                .orElse(settings.tenantId());
        var body = new LinkedHashMap<String, Object>();
        body.put("isGroup", false);
        body.put("bot", TeamsConnector.account("28:" + settings.appId()));
        body.put("members", List.of(TeamsConnector.account(accountId)));
        if (tenant != null && !tenant.isBlank()) {
            body.put("tenantId", tenant);
            body.put("channelData", Map.of("tenant", Map.of("id", tenant)));
        }
        String conversation = connector.call("POST", serviceUrl, "/v3/conversations", body).path("id").asString("");
        if (conversation.isBlank()) {
            throw ChatException.temporary("Teams POST /v3/conversations: no conversation id in the answer", null);
        }
        return connector.call("POST", serviceUrl, activities(conversation), TeamsCards.activity(message))
                .path("id").asString("");
    }

    /** By user principal name, which the Connector's member lookup accepts in place of the id (usually the e-mail). */
    @Override
    public Optional<String> accountByEmail(String email) {
        if (settings.teamId().isBlank()) {
            return Optional.empty();
        }
        return member(settings.serviceUrl(), settings.teamId(), email).map(m -> m.path("id").asString(""))
                .filter(id -> !id.isBlank());
    }

    @Override
    public Optional<String> emailOf(String accountId) {
        // Where the person wrote to the bot from, else the team's roster (someone mentioned who never wrote).
        var ref = references.find(TeamsReferences.Kind.ACCOUNT, accountId).filter(r -> r.conversationId() != null);
        String serviceUrl = ref.map(TeamsReferences.Reference::serviceUrl).orElse(settings.serviceUrl());
        String conversation = ref.map(TeamsReferences.Reference::conversationId).orElse(settings.teamId());
        if (conversation.isBlank()) {
            return Optional.empty();
        }
        return member(serviceUrl, conversation, accountId).map(m -> {
            String email = m.path("email").asString("");
            return email.isBlank() ? m.path("userPrincipalName").asString("") : email;
        }).filter(e -> !e.isBlank());
    }

    private Optional<JsonNode> member(String serviceUrl, String conversationId, String member) {
        try {
            return Optional.of(connector.call("GET", serviceUrl, "/v3/conversations/" + TeamsConnector.enc(conversationId)
                    + "/members/" + TeamsConnector.enc(member), null));
        } catch (ChatException e) {
            if ("MemberNotFoundInConversation".equals(e.error()) || "http_404".equals(e.error())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<Quoted> message(String roomId, String messageRef) {
        return Optional.empty();
    }

    /** The declare form as a card, posted in reply to the command ({@code triggerId} is its reply reference). */
    @Override
    public boolean openDeclareForm(String triggerId, Locale locale) {
        var to = ReplyTo.decode(triggerId);
        if (to == null) {
            return false;
        }
        var form = new LinkedHashMap<String, Object>(TeamsCards.declareForm(msg("chat.slack.form.declare.title", locale),
                msg("chat.slack.form.summary", locale), msg("chat.slack.form.severity", locale),
                List.of(msg("chat.slack.form.severity.1", locale), msg("chat.slack.form.severity.2", locale),
                        msg("chat.slack.form.severity.3", locale)),
                msg("chat.slack.form.description", locale), msg("chat.slack.form.declare.submit", locale)));
        form.put("replyToId", to.activityId());
        connector.call("POST", to.serviceUrl(), activities(to.conversationId()) + "/" + TeamsConnector.enc(to.activityId()),
                form);
        return true;
    }

    private String msg(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }
}
