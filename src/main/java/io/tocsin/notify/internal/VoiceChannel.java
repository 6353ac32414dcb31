package io.tocsin.notify.internal;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.OutgoingMessage;
import org.springframework.stereotype.Component;

/** Phone calls through the telephony providers in order; the keypress comes back to the provider's callback. */
@Component
class VoiceChannel implements NotificationChannel {

    private final Telephony telephony;
    private final MessageTexts texts;
    private final CapturedMessages captured;

    VoiceChannel(Telephony telephony, MessageTexts texts, CapturedMessages captured) {
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
        var gatherFor = m.gatherUrl() == null ? null : m.deliveryId();
        String speech = texts.speech(m);
        return captured.on() ? captured.telephony().call(m.destination(), speech, language(m.locale()), gatherFor)
                : telephony.call(m.destination(), speech, language(m.locale()), gatherFor);
    }

    static String language(java.util.Locale locale) {
        return "de".equals(locale.getLanguage()) ? "de-DE" : "en-US";
    }
}
