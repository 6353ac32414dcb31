package io.tocsin.notify;

import java.util.List;

import io.tocsin.identity.Identity;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Tells a person by e-mail that a device's push subscription expired and was removed, so they can enable it again. */
@Component
class PushExpiryNotices {

    private final Identity identity;
    private final MailOutbox mail;
    private final MessageSource messages;

    PushExpiryNotices(Identity identity, MailOutbox mail, MessageSource messages) {
        this.identity = identity;
        this.mail = mail;
        this.messages = messages;
    }

    void tell(ContactMethod method, String reason) {
        var user = identity.findUser(method.userId());
        if (user.isEmpty() || MailRecipient.problem(user.get().email()).isPresent()) {
            return;
        }
        var locale = user.get().locale();
        String subject = messages.getMessage("notify.push.expired.subject", new Object[] {method.name()}, locale);
        String text = messages.getMessage("notify.push.expired.body", new Object[] {user.get().name(), method.name(),
                reason}, locale);
        mail.insert(List.of(MailRequest.now("push-expired:" + method.id(), DeliveryKind.NOTICE,
                new Subject("user", method.userId().toString(), null, null, subject, null),
                new MailRecipient(user.get().email(), locale), MailContent.of(subject, text, null))));
    }
}
