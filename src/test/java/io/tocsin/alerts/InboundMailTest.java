package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.tocsin.alerts.internal.MailIngest;
import io.tocsin.alerts.internal.MailIngestSettings;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alerts by e-mail (R3, issue 19 point 3) over real SMTP and IMAP: mail is sent by SMTP to a GreenMail server whose
 * mailbox Tocsin polls by IMAP, as a plus-addressing mail server delivers {@code alerts+<key>@…} to {@code alerts@…}.
 * A mail becomes an alert of the integration's service; the same subject with other numbers repeats it; an
 * auto-reply, a malformed mail, a mail to no integration and a mail from a sender off the integration's allow-list
 * are dropped; an oversized mail is refused unread.
 * Every mail is taken out of the mailbox.
 */
class InboundMailTest extends AlertTestSupport {

    private static final String MAILBOX = "alerts@tocsin.test";
    private static GreenMail server;

    @Autowired
    MailIngest mailIngest;

    @Autowired
    MailIngestSettings settings;

    @BeforeAll
    static void startServer() {
        server = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        server.start();
        server.setUser(MAILBOX, "alerts", "mailbox-password");
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void pointAtServer() throws Exception {
        server.purgeEmailFromAllMailboxes();
        settings.setProtocol("imap");
        settings.setHost("127.0.0.1");
        settings.setPort(server.getImap().getPort());
        settings.setUsername("alerts");
        settings.setPassword("mailbox-password");
        settings.setMaxBytes(100_000);
    }

    @AfterEach
    void unplug() {
        settings.setHost("");
        settings.setMaxBytes(1024 * 1024);
    }

    private static String address(Source source) {
        return "alerts+" + source.key() + "@tocsin.test";
    }

    /** Sends over SMTP: the To header says the integration's address, the envelope goes to the mailbox. */
    private static void send(String to, String from, String subject, String body, Map<String, String> headers)
            throws Exception {
        var session = smtp();
        var message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        for (var h : headers.entrySet()) {
            message.setHeader(h.getKey(), h.getValue());
        }
        Transport.send(message, new InternetAddress[] {new InternetAddress(MAILBOX)});
    }

    private static Session smtp() {
        var props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(server.getSmtp().getPort()));
        return Session.getInstance(props);
    }

    private int inMailbox() {
        return server.getReceivedMessagesForDomain("tocsin.test").length;
    }

    @Test
    void aMailBecomesAnAlertAndTheSameSubjectRepeatsIt() throws Exception {
        var source = newSource("EMAIL");
        send(address(source), "nagios@monitoring.example.org", "PROBLEM: disk 91% full on db-3",
                "Disk /var is 91% full.\nHost: db-3", Map.of("Auto-Submitted", "auto-generated"));
        assertThat(mailIngest.pollOnce()).isEqualTo(new MailIngest.Report(1, 0, 0, 0));

        var alerts = alerts(source.serviceId());
        assertThat(alerts).hasSize(1);
        String alertId = alerts.get(0).get("id").asString();
        var alert = alert(alertId).get("alert");
        assertThat(alert.get("summary").asString()).isEqualTo("PROBLEM: disk 91% full on db-3");
        assertThat(alert.get("source").asString()).isEqualTo("nagios@monitoring.example.org");
        assertThat(alert.toString()).contains("Disk /var is 91% full.");

        send(address(source), "nagios@monitoring.example.org", "PROBLEM: disk 97% full on db-3", "Now 97%.", Map.of());
        assertThat(mailIngest.pollOnce()).as("same subject but the numbers: a repeat")
                .isEqualTo(new MailIngest.Report(0, 1, 0, 0));
        assertThat(alertCount(source.serviceId())).isEqualTo(1);
        assertThat(alert(alertId).get("alert").get("eventCount").asLong()).isEqualTo(2);

        send(address(source), "nagios@monitoring.example.org", "PROBLEM: memory low on db-3", "RAM", Map.of());
        assertThat(mailIngest.pollOnce()).isEqualTo(new MailIngest.Report(1, 0, 0, 0));
        assertThat(alertCount(source.serviceId())).isEqualTo(2);
        assertThat(mailIngest.pollOnce()).as("every mail was taken out of the mailbox")
                .isEqualTo(new MailIngest.Report(0, 0, 0, 0));
    }

    @Test
    void autoRepliesMalformedMailAndMailToNoIntegrationAreDroppedAndOversizedMailRefused() throws Exception {
        var source = newSource("EMAIL");
        send(address(source), "bob@example.org", "Out of office: PROBLEM disk", "I am away.",
                Map.of("Auto-Submitted", "auto-replied"));
        send(address(source), "carol@example.org", "Automatische Antwort", "Abwesend.", Map.of("X-Autoreply", "yes"));
        send(address(source), "MAILER-DAEMON@mx.example.org", "Undelivered Mail Returned to Sender", "550", Map.of());
        send("alerts+" + "0".repeat(32) + "@tocsin.test", "dave@example.org", "PROBLEM: elsewhere", "x", Map.of());
        send(address(source), "erin@example.org", "PROBLEM: huge log attached", "x".repeat(200_000), Map.of());
        String broken = "From: mallory@example.org\r\nTo: " + address(source) + "\r\nSubject: broken\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\nno boundary at all\r\n";
        var session = smtp();
        var malformed = new MimeMessage(session, new ByteArrayInputStream(broken.getBytes(StandardCharsets.US_ASCII)));
        try (var transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(malformed, new InternetAddress[] {new InternetAddress(MAILBOX)});
        }
        int sent = inMailbox();

        assertThat(mailIngest.pollOnce()).isEqualTo(new MailIngest.Report(0, 0, 5, 1));
        assertThat(alertCount(source.serviceId())).isZero();
        assertThat(sent).isGreaterThanOrEqualTo(6);
        assertThat(mailIngest.pollOnce()).isEqualTo(new MailIngest.Report(0, 0, 0, 0));
    }

    @Test
    void anAllowListTakesMailOnlyFromItsSendersAndAnEmptyListFromEveryone() throws Exception {
        var source = newSource("EMAIL");
        var body = new java.util.HashMap<String, Object>();
        body.put("name", "nagios mail");
        body.put("kind", "EMAIL");
        body.put("allowedSenders", java.util.List.of(" Nagios@Monitoring.Example.org ", "@zabbix.example.org"));
        var path = "/api/v1/services/" + source.serviceId() + "/integrations/" + source.integrationId();
        var view = admin().put(path, body).expect(200).json();
        assertThat(view.get("allowedSenders").toString())
                .isEqualTo("[\"@zabbix.example.org\",\"nagios@monitoring.example.org\"]");

        send(address(source), "NAGIOS@monitoring.example.org", "PROBLEM: disk full on db-1", "x", Map.of());
        send(address(source), "agent@zabbix.example.org", "PROBLEM: load high on db-2", "x", Map.of());
        send(address(source), "mallory@evil.example.org", "PROBLEM: forged page", "x", Map.of());
        send(address(source), "nagios@monitoring.example.org.evil.example", "PROBLEM: look-alike", "x", Map.of());
        assertThat(mailIngest.pollOnce()).as("two senders allowed, two others dropped")
                .isEqualTo(new MailIngest.Report(2, 0, 2, 0));
        assertThat(alertCount(source.serviceId())).isEqualTo(2);

        body.put("allowedSenders", java.util.List.of("not an address"));
        admin().put(path, body).expect(422);
        body.put("allowedSenders", java.util.List.of());
        assertThat(admin().put(path, body).expect(200).json().get("allowedSenders").size()).isZero();
        send(address(source), "mallory@evil.example.org", "PROBLEM: anyone may page now", "x", Map.of());
        assertThat(mailIngest.pollOnce()).as("an empty list takes everyone's mail")
                .isEqualTo(new MailIngest.Report(1, 0, 0, 0));
    }

    @Test
    void onlyEmailIntegrationsHaveSenders() {
        var body = new java.util.HashMap<String, Object>();
        body.put("name", "hook");
        body.put("kind", "WEBHOOK");
        body.put("allowedSenders", java.util.List.of("a@example.org"));
        var serviceId = newSource("EMAIL").serviceId();
        assertThat(admin().post("/api/v1/services/" + serviceId + "/integrations", body).expect(422).body())
                .contains("allowedSenders");
    }
}
