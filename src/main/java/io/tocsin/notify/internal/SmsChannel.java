package io.tocsin.notify.internal;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.OutgoingMessage;
import io.tocsin.notify.TelephonyProvider;
import org.springframework.stereotype.Component;

/** SMS through the telephony provider; replies come back through {@code /hooks/twilio/sms}. */
@Component
class SmsChannel implements NotificationChannel {

    private static final int MAX_SMS = 1600;

    private final TelephonyProvider telephony;
    private final MessageTexts texts;
    private final CapturedMessages captured;

    SmsChannel(TelephonyProvider telephony, MessageTexts texts, CapturedMessages captured) {
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
        return (captured.on() ? captured.telephony() : telephony).sendSms(m.destination(), DeliveryRows.truncate(texts.sms(m), MAX_SMS));
    }
}
