package io.tocsin.notify.internal;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.OutgoingMessage;
import io.tocsin.notify.TelephonyProvider;
import org.springframework.stereotype.Component;

/** Phone calls through the telephony provider; the keypress comes back through {@code /hooks/twilio/voice/<id>}. */
@Component
class VoiceChannel implements NotificationChannel {

    private final TelephonyProvider telephony;
    private final MessageTexts texts;
    private final CapturedMessages captured;

    VoiceChannel(TelephonyProvider telephony, MessageTexts texts, CapturedMessages captured) {
        this.captured = captured;
        this.telephony = telephony;
        this.texts = texts;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.VOICE;
    }

    @Override
    public String send(OutgoingMessage m) {
        return (captured.on() ? captured.telephony() : telephony).call(m.destination(), texts.speech(m), language(m.locale()), m.gatherUrl());
    }

    static String language(java.util.Locale locale) {
        return "de".equals(locale.getLanguage()) ? "de-DE" : "en-US";
    }
}
