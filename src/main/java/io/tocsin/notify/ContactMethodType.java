package io.tocsin.notify;

/**
 * How a person can be reached. SMS and voice are rate limited per contact method; e-mail, webhooks and Web Push
 * (a browser or phone, RFC 8030) are not. {@code CHAT} is a direct message through a chat tool (Slack, Mattermost):
 * its destination is {@code <tool>:<the tool's user id>}, e.g. {@code slack:U024BE7LH}; the chat module sends it
 * and notify knows no chat tool.
 */
public enum ContactMethodType {
    EMAIL, SMS, VOICE, WEBHOOK, PUSH, CHAT;

    public boolean telephony() {
        return this == SMS || this == VOICE;
    }
}
