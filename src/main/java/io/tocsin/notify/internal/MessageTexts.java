package io.tocsin.notify.internal;

import java.util.Locale;
import java.util.stream.Collectors;

import io.tocsin.notify.OutgoingMessage;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The short texts of SMS and voice messages, in the recipient's language. */
@Component
public class MessageTexts {

    private final MessageSource messages;

    MessageTexts(MessageSource messages) {
        this.messages = messages;
    }

    public String get(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    public String sms(OutgoingMessage m) {
        return switch (m.kind()) {
            case VERIFICATION -> get("notify.sms.verification", m.locale(), m.verificationCode());
            case PAGE -> get("notify.sms.page", m.locale(), m.subject().label(), oneLine(m.subject().summary()),
                    String.valueOf(m.replyRef()));
            case BUNDLE -> get("notify.sms.bundle", m.locale(), m.bundled().size(), m.bundled().stream()
                    .map(p -> p.subject().label() + " (" + p.replyRef() + ")").collect(Collectors.joining(", ")));
            default -> throw new IllegalArgumentException(m.kind() + " is a mail, never an SMS");
        };
    }

    public String speech(OutgoingMessage m) {
        return switch (m.kind()) {
            case VERIFICATION -> get("notify.voice.verification", m.locale(),
                    String.join(", ", m.verificationCode().split("")));
            case PAGE -> get("notify.voice.page", m.locale(), m.recipientName(), spoken(m.subject().label()),
                    m.subject().severity() == null ? "-" : m.subject().severity(), oneLine(m.subject().summary()))
                    + " " + get("notify.voice.menu", m.locale());
            case BUNDLE -> get("notify.voice.bundle", m.locale(), m.bundled().size(), m.recipientName()) + " "
                    + get("notify.voice.menu.all", m.locale());
            default -> throw new IllegalArgumentException(m.kind() + " is a mail, never a call");
        };
    }

    /** Speaks "INC-42" as "INC 42" rather than "INC minus 42". */
    static String spoken(String key) {
        return key == null ? "" : key.replace('-', ' ');
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
