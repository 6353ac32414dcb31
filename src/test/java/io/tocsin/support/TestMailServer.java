package io.tocsin.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1:3025 for every test context, started once per JVM. Tests share it,
 * so they find their own mails by a unique incident key in the subject, never by counting all mails.
 */
@Component
public class TestMailServer {

    public static final int PORT = 3025;
    private static GreenMail greenMail;

    public TestMailServer() {
        start();
    }

    private static synchronized void start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
        }
    }

    /**
     * Every copy received so far whose subject contains the text (e.g. "[INC-42]"): one per recipient mailbox,
     * including the sender's own address that stands in the To header.
     */
    public List<MimeMessage> withSubjectContaining(String text) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> subject(m).contains(text)).toList();
    }

    /** The messages for one recipient whose subject contains the text. */
    public List<MimeMessage> to(String address, String subjectContains) {
        return greenMail.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address),
                m -> subject(m).contains(subjectContains)).toList();
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
