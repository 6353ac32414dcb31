package io.tocsin.notify.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.TelephonyProvider;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * While {@link CapturedMessages} is on, the channels hand mail and telephony to these instead of an SMTP server or
 * Twilio: the same messages, built by the same code, kept where the outbox page shows them. Not beans, so no
 * configured transport is ever replaced by accident; the channels ask {@link CapturedMessages#on()} each time.
 */
final class CapturingTransports {

    private CapturingTransports() {
    }

    static TelephonyProvider telephony(CapturedMessages kept) {
        return new TelephonyProvider() {
            @Override
            public String sendSms(String to, String body) {
                return kept.keep(ContactMethodType.SMS, to, null, body);
            }

            @Override
            public String call(String to, String speech, String language, String gatherUrl) {
                return kept.keep(ContactMethodType.VOICE, to, null, speech);
            }
        };
    }

    /** Builds messages as JavaMail does and keeps them instead of connecting anywhere. */
    static final class CapturingMailSender extends JavaMailSenderImpl {

        private final CapturedMessages kept;

        CapturingMailSender(CapturedMessages kept) {
            this.kept = kept;
        }

        @Override
        protected void doSend(MimeMessage[] messages, Object[] originals) {
            var failed = new java.util.LinkedHashMap<Object, Exception>();
            for (int i = 0; i < messages.length; i++) {
                var message = messages[i];
                try {
                    if (message.getSentDate() == null) {
                        message.setSentDate(new Date());
                    }
                    String id = message.getMessageID();
                    message.saveChanges();
                    if (id != null) {
                        message.setHeader("Message-ID", id);
                    }
                    kept.keep(ContactMethodType.EMAIL, recipients(message), message.getSubject(), text(message));
                } catch (MessagingException | IOException | RuntimeException e) {
                    failed.put(originals != null ? originals[i] : message, e);
                }
            }
            if (!failed.isEmpty()) {
                throw new MailSendException(failed);
            }
        }

        @Override
        public void testConnection() {
            // Nothing to connect to: the outbox is the database.
        }

        private static String recipients(MimeMessage message) throws MessagingException {
            var to = message.getAllRecipients();
            if (to == null) {
                return "";
            }
            var names = new ArrayList<String>();
            for (var address : to) {
                names.add(address.toString());
            }
            return String.join(", ", names);
        }

        /** The plain-text part as the recipient reads it, plus the names of any attachments. */
        static String text(Part message) throws MessagingException, IOException {
            var texts = new ArrayList<String>();
            var attachments = new ArrayList<String>();
            walk(message, texts, attachments);
            var sb = new StringBuilder(String.join("\n", texts));
            attachments.forEach(a -> sb.append("\n[").append(a).append("]"));
            return sb.toString();
        }

        private static void walk(Part part, List<String> texts, List<String> attachments)
                throws MessagingException, IOException {
            if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                attachments.add(part.getFileName() == null ? part.getContentType() : part.getFileName());
            } else if (part.isMimeType("text/plain")) {
                texts.add(String.valueOf(part.getContent()));
            } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                boolean alternative = part.isMimeType("multipart/alternative");
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    int before = texts.size();
                    walk(child, texts, attachments);
                    if (alternative && texts.size() > before) {
                        return;
                    }
                }
            } else if (part.isMimeType("text/html") && texts.isEmpty()) {
                texts.add(String.valueOf(part.getContent()).replaceAll("<[^>]+>", " ").replaceAll("[ \\t]+", " "));
            }
        }
    }
}
