package io.tocsin.notify.internal;

import io.tocsin.notify.NotifySettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Turns a claimed mail into a MIME message: text, or text and HTML as alternatives, attachments with their own
 * content types, the recipient's language, and the headers that keep auto-responders quiet and let mailbox
 * providers offer "unsubscribe". The Message-ID is derived from the delivery, so a retry or a post-crash
 * duplicate is recognisably the same message.
 */
@Component
class MailComposer {

    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    static {
        // Jakarta Mail 2.1 finds its StreamProvider through a ServiceLoader scan of the classpath for every body part
        // and multipart it creates (jakartaee/mail-api#699, #861): a third of the CPU of a mail burst. Naming the
        // implementation turns the lookup into a plain class load. Only when nobody chose one, and only for Angus
        // Mail, the implementation Spring Boot ships.
        if (System.getProperty(STREAM_PROVIDER) == null && present(ANGUS_STREAM_PROVIDER)) {
            System.setProperty(STREAM_PROVIDER, ANGUS_STREAM_PROVIDER);
        }
    }

    private final NotifySettings settings;

    MailComposer(NotifySettings settings) {
        this.settings = settings;
    }

    MimeMessage compose(JavaMailSender sender, MailBatchStore.Claimed mail) throws MessagingException {
        if (mail.text() == null) {
            throw new MessagingException("the mail's content is missing from the outbox");
        }
        var message = sender.createMimeMessage();
        // The flattest structure that carries the content: text; text and HTML as alternatives; with attachments
        // multipart/mixed around them. No multipart/related: these mails have no inline images.
        var helper = mail.attachments().isEmpty() ? new MimeMessageHelper(message, false, "UTF-8")
                : new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
        var from = new InternetAddress(settings.getMail().getFrom(), false);
        helper.setFrom(from);
        helper.setTo(new InternetAddress(mail.to(), true));
        helper.setSubject(mail.subject());
        if (mail.html() == null) {
            helper.setText(mail.text());
        } else if (mail.attachments().isEmpty()) {
            message.setContent(alternatives(mail.text(), mail.html()));
        } else {
            helper.setText(mail.text(), mail.html());
        }
        for (var file : mail.attachments()) {
            helper.addAttachment(file.name(), new ByteArrayDataSource(file.content(), file.contentType()));
        }
        message.setHeader("Message-ID", messageId(mail, from));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("Content-Language", mail.locale().toLanguageTag());
        message.setHeader("X-Tocsin-Delivery", mail.id().toString());
        if (mail.listUnsubscribe() != null) {
            message.setHeader("List-Unsubscribe", mail.listUnsubscribe());
            if (mail.oneClick()) {
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
        return message;
    }

    private static MimeMultipart alternatives(String text, String html) throws MessagingException {
        var plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        var rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        var alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(plain);
        alternatives.addBodyPart(rich);
        return alternatives;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, MailComposer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static String messageId(MailBatchStore.Claimed mail, InternetAddress from) {
        String address = from.getAddress();
        String domain = address != null && address.contains("@") ? address.substring(address.lastIndexOf('@') + 1) : "tocsin";
        return "<" + mail.id() + "@" + domain + ">";
    }
}
