package io.tocsin.notify.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.TelephonyProvider;
import org.springframework.mail.javamail.JavaMailSender;
import io.tocsin.shared.StartupNotes;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The in-app outbox (issue 13): when Tocsin runs without a way out (the demo without a mail server), every message
 * that would leave it (mail, SMS, call, webhook) is kept here instead, as its recipient would read it, and the
 * outbox page shows it with its links. On when {@code tocsin.notify.capture=true}, or when Tocsin starts with
 * {@code --demo} and {@code spring.mail.host} is not set; off otherwise, and then nothing is kept.
 */
@Component
public class CapturedMessages {

    /** One kept message; {@code subject} is the mail's subject line (null for SMS, calls and webhooks). */
    public record Captured(UUID id, Instant capturedAt, ContactMethodType channel, String recipient, String subject,
            String body) {
    }

    private final boolean on;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final JavaMailSender mailSender = new CapturingTransports.CapturingMailSender(this);
    private final TelephonyProvider telephony = CapturingTransports.telephony(this);

    CapturedMessages(Environment environment, JdbcClient jdbc, Clock clock, StartupNotes notes) {
        this.on = wanted(environment);
        this.jdbc = jdbc;
        this.clock = clock;
        if (on) {
            notes.add(StartupNotes.Section.ADVICE, "Messages stay inside Tocsin (no mail server is configured)", List.of(
                    "Every e-mail, SMS, call and webhook it sends lands on the Outbox page instead: /notify/outbox",
                    "To send for real, set spring.mail.host (and Twilio for SMS and calls) and start without --demo."));
        }
    }

    /** Whether messages stay in the building (decided once, at the start). */
    public boolean on() {
        return on;
    }

    /** Where mail goes while capturing: built as JavaMail builds it, kept instead of sent. */
    JavaMailSender mailSender() {
        return mailSender;
    }

    /** Where SMS and calls go while capturing. */
    TelephonyProvider telephony() {
        return telephony;
    }

    static boolean wanted(Environment environment) {
        var explicit = environment.getProperty("tocsin.notify.capture", Boolean.class);
        if (explicit != null) {
            return explicit;
        }
        boolean demo = environment.containsProperty("demo")
                || environment.getProperty("tocsin.demo", Boolean.class, false);
        String host = environment.getProperty("spring.mail.host");
        return demo && (host == null || host.isBlank());
    }

    /** Registers a bean only while capturing. */
    public static class On implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return wanted(context.getEnvironment());
        }
    }

    /** Keeps one message and returns its id, which stands in for the provider's id. */
    String keep(ContactMethodType channel, String recipient, String subject, String body) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into notify_captured_message (id, captured_at, channel, recipient, subject, body)
                values (?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(clock.instant()), channel.name(), DeliveryRows.truncate(recipient, 512),
                        subject == null ? null : DeliveryRows.truncate(subject, 1000),
                        DeliveryRows.truncate(body == null ? "" : body, 200_000))
                .update();
        return "captured-" + id;
    }

    /** The newest messages first. */
    public List<Captured> newest(int limit) {
        return jdbc.sql("""
                select id, captured_at, channel, recipient, subject, body from notify_captured_message
                order by captured_at desc, id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new Captured(rs.getObject("id", UUID.class),
                        rs.getTimestamp("captured_at").toInstant(), ContactMethodType.valueOf(rs.getString("channel")),
                        rs.getString("recipient"), rs.getString("subject"), rs.getString("body")))
                .list();
    }
}
