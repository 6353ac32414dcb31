package io.tocsin.notify;

/**
 * How a person can be reached. SMS and voice are rate limited per contact method; e-mail, webhooks and Web Push
 * (a browser or phone, RFC 8030) are not.
 */
public enum ContactMethodType {
    EMAIL, SMS, VOICE, WEBHOOK, PUSH;

    public boolean telephony() {
        return this == SMS || this == VOICE;
    }
}
