package io.tocsin.support;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.SpringApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A real SMTP server (GreenMail) on a free loopback port, started once per JVM and shared by every test context,
 * with the mail sender pointed at it. Tests find their own mails by a unique incident key in the subject, never
 * by counting all mails.
 */
@Configuration(proxyBeanMethods = false)
public class TestMailServer {

    private static GreenMail server;

    private JavaMailSenderImpl sender;

    public TestMailServer() {
        start();
    }

    private static synchronized void start() {
        if (server == null) {
            server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            server.start();
            // After the application contexts have closed (a JVM hook would race their last mails).
            SpringApplication.getShutdownHandlers().add(server::stop);
        }
    }

    @Bean
    GreenMail greenMail() {
        return server;
    }

    @Bean
    @Primary
    JavaMailSender testMailSender() {
        sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getSmtp().getPort());
        sender.setDefaultEncoding("UTF-8");
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        return sender;
    }

    /**
     * Points this application's mail at another port until closed, then back at GreenMail: a port where nothing
     * listens (the SMTP server is down) or a {@link ScriptedSmtpServer}. Tests that send nothing else meanwhile
     * only: the application context, and so the mail sender, is shared.
     */
    public Diversion divertTo(int port) {
        sender.setPort(port);
        return () -> sender.setPort(server.getSmtp().getPort());
    }

    /** Ends a {@link #divertTo} diversion. */
    public interface Diversion extends AutoCloseable {
        @Override
        void close();
    }

    /** A loopback port where nothing listens. */
    public static int closedPort() {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every copy received so far whose subject contains the text (e.g. "[INC-42]"): one per recipient mailbox,
     * including the sender's own address that stands in the To header.
     */
    public List<MimeMessage> withSubjectContaining(String text) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> subject(m).contains(text)).toList();
    }

    /** Every message with the address among its To recipients, in the order received. */
    public static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                var to = m.getRecipients(jakarta.mail.Message.RecipientType.TO);
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The messages for one recipient whose subject contains the text. */
    public List<MimeMessage> to(String address, String subjectContains) {
        return server.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address),
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
