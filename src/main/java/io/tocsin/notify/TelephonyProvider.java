package io.tocsin.notify;

/**
 * SPI for SMS and voice. The Twilio implementation is built in; another provider replaces it by declaring its own
 * bean. Implementations throw {@link ChannelException} with {@code transient} set when a retry may succeed.
 */
public interface TelephonyProvider {

    /** Sends an SMS and returns the provider's message id. */
    String sendSms(String to, String body);

    /**
     * Places a call that says {@code speech} (in {@code language}, a BCP 47 tag such as {@code de-DE}) and, when
     * {@code gatherUrl} is given, gathers one keypress that the provider posts (signed) there; returns the call id.
     */
    String call(String to, String speech, String language, String gatherUrl);
}
