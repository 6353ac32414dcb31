package io.tocsin.notify;

import java.util.UUID;

/**
 * SPI for SMS and voice. Twilio and Vonage are built in; another provider joins them by declaring its own bean.
 * Pages go through the configured providers in order ({@code tocsin.notify.telephony.order}), skipping those not
 * configured: when one fails, the next one sends. Implementations throw {@link ChannelException} with
 * {@code transient} set when a retry may succeed.
 */
public interface TelephonyProvider {

    /** The provider's name in configuration and in the delivery log (provider ids other than Twilio's carry it). */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Whether it has what it needs to send (credentials, a from number). */
    default boolean configured() {
        return true;
    }

    /** Sends an SMS and returns the provider's message id. */
    String sendSms(String to, String body);

    /**
     * Places a call that says {@code speech} (in {@code language}, a BCP 47 tag such as {@code de-DE}) and, when
     * {@code gatherFor} (a delivery) is given, gathers one keypress that the provider posts, signed, to its own
     * callback for that delivery; returns the call id.
     */
    String call(String to, String speech, String language, UUID gatherFor);
}
