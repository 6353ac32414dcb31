package io.tocsin.notify;

/** How a person can be reached. SMS and voice are rate limited per contact method; e-mail and webhooks are not. */
public enum ContactMethodType {
    EMAIL, SMS, VOICE, WEBHOOK;

    public boolean telephony() {
        return this == SMS || this == VOICE;
    }
}
