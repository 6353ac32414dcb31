package io.tocsin.notify.internal;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.OutgoingMessage;
import org.springframework.stereotype.Component;

/** SMS through the telephony providers in order; replies come back through {@code /hooks/twilio/sms} or {@code /hooks/vonage/sms}. */
@Component
class SmsChannel implements NotificationChannel {

    private static final int MAX_SMS = 1600;

    private final Telephony telephony;
    private final MessageTexts texts;
    private final CapturedMessages captured;

    SmsChannel(Telephony telephony, MessageTexts texts, CapturedMessages captured) {
        this.captured = captured;
        this.telephony = telephony;
        this.texts = texts;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.SMS;
    }

    @Override
    public String send(OutgoingMessage m) {
        String text = DeliveryRows.truncate(texts.sms(m), MAX_SMS);
        return captured.on() ? captured.telephony().sendSms(m.destination(), text) : telephony.sendSms(m.destination(), text);
    }
}
