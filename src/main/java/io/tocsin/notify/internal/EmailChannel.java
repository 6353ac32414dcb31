package io.tocsin.notify.internal;

import java.util.Locale;

import io.tocsin.notify.ChannelException;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.NotifySettings;
import io.tocsin.notify.OutgoingMessage;
import jakarta.mail.MessagingException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * E-mail over SMTP: HTML and plain text in the recipient's language, subject {@code [INC-42] summary}, with
 * acknowledge and resolve links that carry signed single-use tokens.
 */
@Component
class EmailChannel implements NotificationChannel {

    private final ObjectProvider<JavaMailSender> mail;
    private final ITemplateEngine templates;
    private final MessageTexts texts;
    private final NotifySettings settings;
    private final CapturedMessages captured;

    EmailChannel(ObjectProvider<JavaMailSender> mail, ITemplateEngine templates, MessageTexts texts,
            NotifySettings settings, CapturedMessages captured) {
        this.captured = captured;
        this.mail = mail;
        this.templates = templates;
        this.texts = texts;
        this.settings = settings;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.EMAIL;
    }

    @Override
    public String send(OutgoingMessage m) {
        var sender = captured.on() ? captured.mailSender() : mail.getIfAvailable();
        if (sender == null) {
            throw new ChannelException("SMTP is not configured (spring.mail.host)", false);
        }
        Locale locale = m.locale();
        String subjectLine = m.kind() == DeliveryKind.VERIFICATION
                ? texts.get("notify.mail.verification.subject", locale, m.verificationCode())
                : texts.get("notify.mail.page.subject", locale, m.subject().label(), MessageTexts.oneLine(m.subject().summary()));
        var context = new Context(locale);
        context.setVariable("m", m);
        context.setVariable("subjectLine", subjectLine);
        context.setVariable("lang", locale.getLanguage());
        String html = templates.process("notify/mail/message", context);
        try {
            var message = sender.createMimeMessage();
            var helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.getMail().getFrom());
            helper.setTo(m.destination());
            helper.setSubject(subjectLine);
            helper.setText(text(m, subjectLine), html);
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Tocsin-Delivery", m.deliveryId().toString());
            sender.send(message);
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new ChannelException("could not build the e-mail: " + e.getMessage(), false, e);
        } catch (MailException e) {
            throw new ChannelException("SMTP: " + e.getMessage(), true, e);
        }
    }

    private String text(OutgoingMessage m, String subjectLine) {
        Locale l = m.locale();
        var sb = new StringBuilder();
        sb.append(texts.get("notify.mail.greeting", l, m.recipientName())).append("\n\n");
        if (m.kind() == DeliveryKind.VERIFICATION) {
            sb.append(texts.get("notify.mail.verification.body", l, m.verificationCode())).append("\n");
        } else {
            sb.append(subjectLine).append("\n");
            if (m.subject().severity() != null) {
                sb.append(texts.get("notify.mail.severity", l, m.subject().severity())).append("\n");
            }
            sb.append("\n");
            if (m.ackUrl() != null) {
                sb.append(texts.get("notify.mail.acknowledge", l)).append(": ").append(m.ackUrl()).append("\n");
                sb.append(texts.get("notify.mail.resolve", l)).append(": ").append(m.resolveUrl()).append("\n");
            }
            if (m.subject().link() != null) {
                sb.append(texts.get("notify.mail.open", l)).append(": ").append(m.subject().link()).append("\n");
            }
        }
        sb.append("\n-- \n").append(texts.get("notify.mail.footer", l)).append("\n");
        return sb.toString();
    }
}
