package io.tocsin.chat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SPI: one chat tool (Slack, Mattermost, Teams). Everything going out is one of these calls, made by the chat
 * queue's worker outside any transaction; each either succeeds or throws {@link ChatException} (transient ones are
 * retried, honouring the tool's {@code Retry-After}). Inbound requests (commands, buttons, reactions) are verified
 * and parsed by the adapter's own endpoint and handed to {@code ChatCommands} in tool-neutral form. A tool that
 * lacks a feature says so in {@link #supports} and the queue skips those calls.
 */
public interface ChatAdapter {

    /** The tool's id as stored ({@code slack}); also the prefix of its accounts in notify ({@code slack:U123}). */
    String tool();

    /** As people read it ("Slack"). */
    String displayName();

    /** Configured (credentials present): only then do incidents get rooms and messages in this tool. */
    boolean configured();

    boolean supports(Feature feature);

    /** What a tool may lack. */
    enum Feature {
        ROOMS, TOPIC, INVITE, ARCHIVE, DIRECT_MESSAGES, UPDATE_MESSAGES, FETCH_MESSAGE, ACCOUNT_BY_EMAIL
    }

    /** The longest topic the tool accepts (Slack: 250). */
    int topicLimit();

    /** Creates a public channel; returns its id. The name is a suggestion the tool may normalise. */
    Room createRoom(String name);

    record Room(String id, String name) {
    }

    void setTopic(String roomId, String topic);

    void invite(String roomId, List<String> accountIds);

    void archive(String roomId);

    /** Posts to a room; returns the message's reference (for updates). */
    String post(String roomId, ChatMessage message);

    void update(String roomId, String messageRef, ChatMessage message);

    /** Answers through the response URL an interaction came with (replacing the original message). */
    void respond(String responseUrl, ChatMessage message, boolean replaceOriginal);

    /** A direct message to one account; returns the message's reference. */
    String directMessage(String accountId, ChatMessage message);

    Optional<String> accountByEmail(String email);

    Optional<String> emailOf(String accountId);

    /** One message of a room, as the timeline copies it. */
    Optional<Quoted> message(String roomId, String messageRef);

    record Quoted(String authorAccountId, String authorName, String text, Instant at) {
    }

    /** Opens the declare form for the person who asked (Slack modal); false when the tool has no forms. */
    default boolean openDeclareForm(String triggerId, Locale locale) {
        return false;
    }

    /** Opens the update composer with the checklist for an incident; false when the tool has no forms. */
    default boolean openUpdateForm(String triggerId, String incidentKey, String summary, List<String> gaps,
            Locale locale) {
        return false;
    }
}
