package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.support.AtOnce;
import io.tocsin.support.ScriptedSmtpServer;
import io.tocsin.support.TestMailServer;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail to addresses through the outbox (issue 10; R24 stakeholders, and what status page subscribers, postmortem
 * invitations and reminders build on): queued in the caller's transaction, one delivery per recipient in the log,
 * sent by the worker after commit, retried with backoff while the SMTP server is down, failed at once when the
 * server refuses the address for good, never twice, with attachments and headers intact.
 */
class MailOutboxTest extends NotifyTestBase {

    @Autowired
    TestMailServer mail;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    NotifySettings settings;

    static Subject about(String summary) {
        return new Subject(SubjectType.INCIDENT, UUID.randomUUID().toString(), "MAIL-" + (System.nanoTime() % 100_000), 2,
                summary, "http://tocsin.test/incidents/x");
    }

    static MailRequest update(Subject about, String address, String text) {
        return MailRequest.now("test:update:" + about.id(), DeliveryKind.UPDATE, about,
                new MailRecipient(address, Locale.ENGLISH), MailContent.of("[" + about.key() + "] " + text, text, null));
    }

    static String status(Delivery d) {
        return d.status() + "/" + d.attempts();
    }

    /** Every leaf part of a message, in order. */
    static List<Part> leaves(Part part) throws Exception {
        var result = new ArrayList<Part>();
        if (part.getContent() instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                result.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            result.add(part);
        }
        return result;
    }

    static byte[] bytes(Part part) throws Exception {
        var out = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(out);
        return out.toByteArray();
    }

    @Test
    void anInvitationArrivesWithItsCalendarAndBinaryAttachmentIntactAndItsHeaders() throws Exception {
        var about = new Subject(SubjectType.POSTMORTEM, UUID.randomUUID().toString(), "PM-" + System.nanoTime() % 10_000, null,
                "Review of the checkout outage", null);
        String address = uniqueEmail("guest");
        String calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tocsin//Test//EN\r\nMETHOD:REQUEST\r\n"
                + "BEGIN:VEVENT\r\nUID:" + about.id() + "@tocsin.test\r\nDTSTAMP:20270104T090000Z\r\n"
                + "DTSTART:20270105T140000Z\r\nDTEND:20270105T150000Z\r\nSUMMARY:Postmortem: Überprüfung\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n";
        byte[] binary = new byte[256 * 40];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 7);
        }
        var content = MailContent.of("Einladung: Postmortem-Besprechung", "Bitte kommen Sie.\nDanke.",
                "<p>Bitte <b>kommen</b> Sie.</p>").withAttachments(List.of(
                new MailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=UTF-8",
                        calendar.getBytes(StandardCharsets.UTF_8)),
                new MailAttachment("timeline.bin", "application/octet-stream", binary)))
                .withUnsubscribe(new MailContent.Unsubscribe(List.of(URI.create("https://tocsin.test/u/xyz"),
                        URI.create("mailto:unsubscribe@tocsin.test")), true));
        var queued = notifications.enqueueMail(MailRequest.now("test:invite:" + about.id(), DeliveryKind.INVITATION,
                about, new MailRecipient(address, Locale.GERMAN), content));
        assertThat(status(queued)).isEqualTo("PENDING/0");
        assertThat(queued.userId()).isNull();
        assertThat(queued.title()).isEqualTo("Einladung: Postmortem-Besprechung");

        worker.deliverDue();
        var sent = notifications.delivery(queued.id());
        assertThat(status(sent)).isEqualTo("SENT/1");
        var received = mailTo(address);
        assertThat(received).hasSize(1);
        MimeMessage m = received.getFirst();
        assertThat(m.getSubject()).isEqualTo("Einladung: Postmortem-Besprechung");
        assertThat(m.getMessageID()).isEqualTo(sent.providerId()).startsWith("<" + queued.id() + "@");
        assertThat(m.getHeader("Content-Language", null)).isEqualTo("de");
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<https://tocsin.test/u/xyz>, <mailto:unsubscribe@tocsin.test>");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        var parts = leaves(m);
        assertThat(parts).extracting(p -> p.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT))
                .containsExactly("text/plain", "text/html", "text/calendar", "application/octet-stream");
        assertThat((String) parts.get(0).getContent()).as("text travels with CRLF line ends (RFC 5322)")
                .isEqualTo("Bitte kommen Sie.\r\nDanke.");
        assertThat((String) parts.get(1).getContent()).contains("<b>kommen</b>");
        var invite = parts.get(2);
        assertThat(invite.getFileName()).isEqualTo("invite.ics");
        assertThat(invite.getContentType()).contains("method=REQUEST");
        assertThat(new String(bytes(invite), StandardCharsets.UTF_8)).isEqualTo(calendar);
        assertThat(parts.get(3).getFileName()).isEqualTo("timeline.bin");
        assertThat(bytes(parts.get(3))).isEqualTo(binary);

        assertThat(jdbc.sql("select count(*) from notify_mail where delivery_id = ?").param(queued.id())
                .query(Long.class).single()).as("the content goes once the mail is out").isZero();
        assertThat(jdbc.sql("select count(*) from notify_mail_attachment where delivery_id = ?").param(queued.id())
                .query(Long.class).single()).isZero();

        // The delivery log: the administrator sees the address, anyone else only that it went out.
        var logged = admin().get("/api/v1/notify/deliveries?subjectType=postmortem&subjectId=" + about.id()
                + "&kind=INVITATION").expect(200).json();
        assertThat(logged.size()).isEqualTo(1);
        assertThat(logged.get(0).get("destination").asString()).isEqualTo(address);
        assertThat(logged.get(0).get("title").asString()).isEqualTo("Einladung: Postmortem-Besprechung");
        assertThat(logged.get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(logged.get(0).get("attemptLog").get(0).get("outcome").asString()).isEqualTo("SENT");
        var asResponder = newUser(Role.RESPONDER, "Rex Reader").get("/api/v1/notify/deliveries?subjectType=postmortem&subjectId="
                + about.id()).expect(200).json();
        assertThat(asResponder.get(0).get("destination").asString()).doesNotContain(address.substring(3, 10));
        assertThat(asResponder.get(0).get("idempotencyKey").asString()).doesNotContain(address);
        assertThat(admin().get("/api/v1/notify/deliveries?subjectType=postmortem&subjectId=" + about.id() + "&kind=UPDATE")
                .expect(200).json().size()).isZero();
        assertThat(admin().get("/api/v1/notify/deliveries?subjectId=" + about.id() + "&kind=INVITATION").expect(200)
                .json().size()).as("by id alone").isEqualTo(1);
        assertThat(admin().get("/api/v1/notify/deliveries?subjectId=" + about.id() + "&kind=LETTER").expect(400).json()
                .toString()).contains("kind");
    }

    @Test
    void theSameMailToTheSameAddressIsOneDeliveryWhateverTheCase() throws Exception {
        var about = about("Once per address");
        String address = uniqueEmail("once");
        var first = notifications.enqueueMail(update(about, address, "First"));
        var again = notifications.enqueueMail(update(about, address.toUpperCase(Locale.ROOT), "First"));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(notifications.enqueueMails(List.of(update(about, address, "First")))).isZero();
        // Racing nodes queueing the same mail: one of them inserts it, nobody's transaction fails.
        var raced = update(about, uniqueEmail("raced"), "Raced");
        var ids = AtOnce.run(4, () -> notifications.enqueueMail(raced).id());
        assertThat(new java.util.HashSet<>(ids)).hasSize(1);
        worker.deliverDue();
        worker.deliverDue();
        assertThat(mailTo(address)).hasSize(1);
        assertThat(mailTo(raced.to().address())).hasSize(1);
        assertThat(notifications.forSubject(SubjectType.INCIDENT, about.id(), DeliveryKind.UPDATE)).extracting(MailOutboxTest::status)
                .containsExactly("SENT/1", "SENT/1");
    }

    @Test
    void withdrawingThePagesAboutAnIncidentLeavesItsMailAlone() {
        var about = about("Acknowledged, still news");
        String address = uniqueEmail("news");
        notifications.enqueueMail(update(about, address, "Still going out"));
        assertThat(notifications.cancelPending(about.type(), about.id())).isZero();
        worker.deliverDue();
        assertThat(mailTo(address)).hasSize(1);
    }

    @Test
    void aBadAddressIsRefusedByNameAndNothingOfTheBatchIsQueued() {
        var about = about("Bad address");
        var requests = List.of(update(about, uniqueEmail("fine"), "x"), update(about, "not an address", "x"));
        assertThatThrownBy(() -> notifications.enqueueMails(requests)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                    assertThat(v.field()).isEqualTo("to[1]");
                    assertThat(v.message()).contains("'not an address' is not a valid e-mail address");
                }));
        assertThat(notifications.forSubject(SubjectType.INCIDENT, about.id())).isEmpty();
    }

    @Test
    void aRolledBackTransactionQueuesNothingAndSendsNothing() {
        var about = about("Rolled back");
        String address = uniqueEmail("rollback");
        tx.executeWithoutResult(status -> {
            notifications.enqueueMail(update(about, address, "Never"));
            assertThat(notifications.forSubject(SubjectType.INCIDENT, about.id())).as("visible inside the transaction").hasSize(1);
            status.setRollbackOnly();
        });
        assertThat(notifications.forSubject(SubjectType.INCIDENT, about.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from notify_mail m left join notify_delivery d on d.id = m.delivery_id"
                + " where d.id is null").query(Long.class).single()).as("no orphaned content").isZero();
        worker.deliverDue();
        assertThat(mailTo(address)).isEmpty();
    }

    @Test
    void whileTheServerIsDownTheMailWaitsWithBackoffAndGoesOutOnceItIsBack() {
        var about = about("Server down");
        String address = uniqueEmail("down");
        worker.deliverDue(); // what earlier tests left queued goes out now, not into this outage
        var queued = notifications.enqueueMail(update(about, address, "Patience"));
        try (var down = mail.divertTo(TestMailServer.closedPort())) {
            worker.deliverDue();
            var waiting = notifications.delivery(queued.id());
            assertThat(status(waiting)).isEqualTo("PENDING/1");
            assertThat(waiting.lastError()).startsWith("SMTP").containsIgnoringCase("connect");
            assertThat(waiting.notBefore()).isEqualTo(clock.instant().plusSeconds(30));
            assertThat(notifications.attempts(queued.id())).extracting(DeliveryAttempt::outcome).containsExactly("RETRY");

            clock.advance(Duration.ofSeconds(29));
            worker.deliverDue();
            assertThat(status(notifications.delivery(queued.id()))).as("not before the backoff").isEqualTo("PENDING/1");
            clock.advance(Duration.ofSeconds(1));
            worker.deliverDue();
            var twice = notifications.delivery(queued.id());
            assertThat(status(twice)).isEqualTo("PENDING/2");
            assertThat(twice.notBefore()).as("the wait doubles").isEqualTo(clock.instant().plusSeconds(60));
        }
        clock.advance(Duration.ofSeconds(60));
        worker.deliverDue();
        worker.deliverDue();
        assertThat(status(notifications.delivery(queued.id()))).isEqualTo("SENT/3");
        assertThat(notifications.attempts(queued.id())).extracting(DeliveryAttempt::outcome)
                .containsExactly("RETRY", "RETRY", "SENT");
        assertThat(mailTo(address)).hasSize(1);
    }

    @Test
    void anAddressTheServerRefusesFailsAtOnceWhileTheRestOfTheBatchGoesOutOverFewConnections() throws Exception {
        var about = about("Refusals");
        var accepted = new ArrayList<String>();
        var requests = new ArrayList<MailRequest>();
        for (int i = 0; i < 12; i++) {
            accepted.add(uniqueEmail("fine" + i));
            requests.add(update(about, accepted.getLast(), "Batch"));
        }
        String refused = uniqueEmail("refused");
        String busy = uniqueEmail("busy");
        requests.add(4, update(about, refused, "Batch"));
        requests.add(9, update(about, busy, "Batch"));
        worker.deliverDue(); // what earlier tests left queued goes to GreenMail, not to the scripted server
        notifications.enqueueMails(requests);

        try (var server = new ScriptedSmtpServer(); var diverted = mail.divertTo(server.port())) {
            worker.deliverDue();
            assertThat(server.received()).hasSize(12);
            assertThat(server.received()).flatExtracting(ScriptedSmtpServer.Received::recipients)
                    .containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(server.connections()).as("each connection carries several mails")
                    .isLessThanOrEqualTo(settings.getMail().getConnections());
        }
        var byAddress = new java.util.HashMap<String, Delivery>();
        notifications.forSubject(SubjectType.INCIDENT, about.id()).forEach(d -> byAddress.put(d.destination(), d));
        assertThat(status(byAddress.get(refused))).as("5xx: failed for good at once").isEqualTo("FAILED/1");
        assertThat(byAddress.get(refused).lastError()).startsWith("SMTP 550 5.1.1");
        assertThat(status(byAddress.get(busy))).as("4xx: tried again later").isEqualTo("PENDING/1");
        assertThat(byAddress.get(busy).lastError()).startsWith("SMTP 451 4.3.0");
        assertThat(accepted).allSatisfy(a -> assertThat(status(byAddress.get(a))).isEqualTo("SENT/1"));

        clock.advance(Duration.ofMinutes(10));
        worker.deliverDue();
        assertThat(status(notifications.delivery(byAddress.get(refused).id()))).as("never retried").isEqualTo("FAILED/1");
        assertThat(mailTo(busy)).as("the busy mailbox, back on GreenMail").hasSize(1);
    }

    @Test
    void twoWorkersSendEachMailExactlyOnce() throws Exception {
        var about = about("Two workers");
        var addresses = new ArrayList<String>();
        var requests = new ArrayList<MailRequest>();
        for (int i = 0; i < 300; i++) {
            addresses.add(uniqueEmail("both" + i));
            requests.add(update(about, addresses.getLast(), "Parallel"));
        }
        assertThat(notifications.enqueueMails(requests)).isEqualTo(300);
        var sentBy = AtOnce.run(2, worker::deliverDue);
        assertThat(sentBy.get(0) + sentBy.get(1)).isGreaterThanOrEqualTo(300);
        worker.deliverDue();
        assertThat(addresses).allSatisfy(address -> assertThat(mailTo(address)).hasSize(1));
        assertThat(notifications.forSubject(SubjectType.INCIDENT, about.id())).hasSize(300)
                .allSatisfy(d -> assertThat(status(d)).isEqualTo("SENT/1"));
    }
}
