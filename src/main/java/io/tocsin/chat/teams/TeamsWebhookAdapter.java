package io.tocsin.chat.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tocsin.chat.ChatAction;
import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.ChatMessage;
import io.tocsin.comms.CommsSettings;
import io.tocsin.comms.IncidentChannels;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Microsoft Teams without a bot (issue 14 point 3): messages go to channels through Workflows webhooks, commands
 * come from an outgoing webhook ({@link TeamsOutgoingController}). The "room" of every incident is the configured
 * incident channel ({@code incidents/inc-42}: no threads, topics, invitations or updates: a webhook can only
 * post). A page goes to the channel named by the contact method ({@code teamswebhook:oncall-db}, added and verified like any contact method: the code is posted to the channel); its Acknowledge and Resolve are
 * {@code Action.OpenUrl} to notify's signed, single-use, expiring answer links, which confirm before they act.
 * An incident message's buttons open the incident in Tocsin, where the signed-in person acts: a shared channel
 * link that acted by itself would act for whoever clicked, unidentified.
 */
@Component
public class TeamsWebhookAdapter implements ChatAdapter {

    public static final String TOOL = TeamsWebhookSettings.TOOL;
    static final String REPLY_PREFIX = "teams-webhook-channel ";

    private final TeamsWebhookSettings settings;
    private final TeamsWorkflows workflows;
    private final IncidentChannels channels;
    private final MessageSource messages;
    private final CommsSettings comms;

    TeamsWebhookAdapter(TeamsWebhookSettings settings, TeamsWorkflows workflows, IncidentChannels channels,
            MessageSource messages, CommsSettings comms) {
        this.settings = settings;
        this.messages = messages;
        this.comms = comms;
        this.workflows = workflows;
        this.channels = channels;
    }

    @Override
    public String tool() {
        return TOOL;
    }

    @Override
    public String displayName() {
        return "Microsoft Teams (webhooks)";
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public boolean supports(Feature feature) {
        return switch (feature) {
            case ROOMS -> !settings.incidentChannel().isBlank();
            // Pages go to channels, not to people: linking an account adds no direct-message contact method.
            case TOPIC, INVITE, DIRECT_MESSAGES, ARCHIVE, UPDATE_MESSAGES, FETCH_MESSAGE, ACCOUNT_BY_EMAIL -> false;
        };
    }

    @Override
    public int topicLimit() {
        return 1000;
    }

    @Override
    public Room createRoom(String name) {
        String channel = settings.incidentChannel();
        if (channel.isBlank()) {
            throw ChatException.permanent("no_channel", "Teams webhooks: no incident channel set");
        }
        // Unique per incident (rooms are looked up by id); the part before the slash names the channel.
        return new Room(channel + "/" + name, name);
    }

    @Override
    public void setTopic(String roomId, String topic) {
        throw unsupported("topics");
    }

    @Override
    public void invite(String roomId, List<String> accountIds) {
        throw unsupported("invitations");
    }

    @Override
    public void archive(String roomId) {
        throw unsupported("archiving");
    }

    @Override
    public String post(String roomId, ChatMessage message) {
        int slash = roomId.indexOf('/');
        workflows.post(url(slash < 0 ? roomId : roomId.substring(0, slash)), card(message));
        return "";
    }

    @Override
    public void update(String roomId, String messageRef, ChatMessage message) {
        throw unsupported("updating a message");
    }

    /** A later answer to an outgoing-webhook command goes to the channel it names, as a new message. */
    @Override
    public void respond(String responseUrl, ChatMessage message, boolean replaceOriginal) {
        if (responseUrl == null || !responseUrl.startsWith(REPLY_PREFIX)) {
            throw ChatException.permanent("bad_reply_reference", "Teams webhooks: not a reply reference");
        }
        post(responseUrl.substring(REPLY_PREFIX.length()), message);
    }

    /** A page: {@code accountId} is the name of the channel (its Workflows webhook) the person is paged in. */
    @Override
    public String directMessage(String accountId, ChatMessage message) {
        post(accountId, message);
        return "";
    }

    @Override
    public Optional<String> accountByEmail(String email) {
        return Optional.empty();
    }

    @Override
    public Optional<String> emailOf(String accountId) {
        return Optional.empty();
    }

    @Override
    public Optional<Quoted> message(String roomId, String messageRef) {
        return Optional.empty();
    }

    private String url(String channel) {
        String url = settings.url(channel);
        if (url.isBlank()) {
            throw ChatException.permanent("unknown_channel", "Teams webhooks: no webhook URL for channel " + channel);
        }
        return url;
    }

    private static ChatException unsupported(String what) {
        return ChatException.permanent("not_supported", "Teams webhooks cannot do " + what);
    }

    /** The Workflows payload: a message with the card; buttons as links (a webhook's card can only open URLs). */
    Map<String, Object> card(ChatMessage message) {
        var actions = new ArrayList<Map<String, Object>>();
        String incident = null;
        for (var b : message.buttons()) {
            if (b.url() != null && !b.url().isBlank()) {
                actions.add(openUrl(b.label(), b.url(), b.primary()));
            } else if (!b.value().startsWith("d:") && b.action() == ChatAction.ACKNOWLEDGE) {
                incident = b.value();
            }
        }
        if (incident != null) {
            actions.add(openUrl(messages.getMessage("chat.teams-webhook.open", null, comms.getDefaultLocale()),
                    channels.incidentUrl(incident), true));
        }
        return TeamsCards.activity(TeamsCards.summary(message.text()),
                List.of(TeamsCards.textBlock(TeamsCards.markdown(message.text()), false)), actions);
    }

    private static Map<String, Object> openUrl(String title, String url, boolean primary) {
        var action = new LinkedHashMap<String, Object>();
        action.put("type", "Action.OpenUrl");
        action.put("title", title);
        action.put("url", url);
        if (primary) {
            action.put("style", "positive");
        }
        return action;
    }
}
