package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import org.junit.jupiter.api.Test;

/**
 * Pages by e-mail against a real SMTP server (R12, issue 5 point 5): subject {@code [KEY] summary}, HTML and text in
 * the person's language, and one-click acknowledge/resolve links with signed, expiring, single-use tokens. Forged,
 * expired and reused links are refused and acknowledge nothing.
 */
class EmailNotificationTest extends NotifyTestBase {

    @Test
    void aPageArrivesWithSubjectKeyAndLinksThatAcknowledgeAndResolveOnce() throws Exception {
        var rita = reachable("Rita Mail", ContactMethodType.EMAIL, uniqueEmail("rita"));
        String address = rita.destination();
        var subject = subject("Checkout returns 500");

        var queued = page(rita, subject);
        assertThat(queued).hasSize(1);
        assertThat(worker.deliverDue()).isGreaterThanOrEqualTo(1);

        var mail = mailTo(address).getLast();
        assertThat(mail.getSubject()).isEqualTo("[" + subject.key() + "] Checkout returns 500");
        var parts = parts(mail);
        assertThat(parts.get("text")).contains("Hello Rita Mail,").contains("Severity 1").contains(subject.link());
        assertThat(parts.get("html")).contains("Hello Rita Mail,").contains("Acknowledge").contains("Resolve");
        List<String> textLinks = links(parts.get("text"));
        assertThat(textLinks).hasSize(2);
        assertThat(links(parts.get("html").replace("&amp;", "&"))).containsExactlyElementsOf(textLinks);
        String ack = textLinks.get(0);
        String resolve = textLinks.get(1);
        assertThat(ack).startsWith(baseUrl() + "/notify/answer/");

        // Opening the link only asks; a prefetch by a mail scanner acknowledges nothing.
        var confirm = browse("GET", ack);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(confirm.body()).contains("Acknowledge " + subject.key() + "?").contains("<form");
        assertThat(handler.answersFor(subject.id())).isEmpty();

        var done = browse("POST", ack);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Done: " + subject.key() + " is acknowledged.");
        var answers = handler.answersFor(subject.id());
        assertThat(answers).hasSize(1);
        assertThat(answers.getFirst().action()).isEqualTo(AnswerAction.ACKNOWLEDGE);
        assertThat(answers.getFirst().userId()).isEqualTo(rita.id());
        assertThat(answers.getFirst().channel()).isEqualTo(ContactMethodType.EMAIL);
        assertThat(answers.getFirst().deliveryId()).isEqualTo(queued.getFirst().id());

        // Single use: the same link again is refused and nothing more is acknowledged.
        var again = browse("POST", ack);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("already used");
        assertThat(browse("GET", ack).status()).isEqualTo(410);
        assertThat(handler.answersFor(subject.id())).hasSize(1);

        assertThat(browse("POST", resolve).body()).contains("Done: " + subject.key() + " is resolved.");
        assertThat(handler.answersFor(subject.id())).extracting(Answer::action)
                .containsExactly(AnswerAction.ACKNOWLEDGE, AnswerAction.RESOLVE);
        assertThat(jdbc.sql("select count(*) from notify_answer where subject_id = ? and outcome = 'APPLIED'")
                .param(subject.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theMessageSpeaksThePersonsLanguage() throws Exception {
        Api dora = newUser(Role.RESPONDER, "Dora Deutsch");
        var me = dora.get("/api/v1/me").expect(200).json();
        dora.put("/api/v1/me", Map.of("name", "Dora Deutsch", "email", me.get("email").asString(),
                "timeZone", "Europe/Berlin", "locale", "de")).expect(200);
        String address = uniqueEmail("dora");
        var methodId = dora.post("/api/v1/me/contact-methods", Map.of("type", "EMAIL", "destination", address))
                .expect(201).json().get("id").asString();
        worker.deliverDue();
        var verification = mailTo(address).getLast();
        assertThat(verification.getSubject()).startsWith("Ihr Tocsin-Bestätigungscode: ");
        dora.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code(verification.getSubject())))
                .expect(200);
        rule(dora, methodId, 0);

        var subject = subject("Zahlungen schlagen fehl");
        notifications.pageUser(id(dora), subject, "t:" + UUID.randomUUID());
        worker.deliverDue();
        var mail = mailTo(address).getLast();
        assertThat(mail.getSubject()).isEqualTo("[" + subject.key() + "] Zahlungen schlagen fehl");
        var parts = parts(mail);
        assertThat(parts.get("text")).contains("Hallo Dora Deutsch,").contains("Schweregrad 1").contains("Bestätigen: ");
        assertThat(parts.get("html")).contains("lang=\"de\"").contains("Bestätigen").contains("Beheben");
        var confirm = browse("GET", links(parts.get("text")).getFirst());
        assertThat(confirm.body()).contains(subject.key() + " bestätigen?");
    }

    @Test
    void forgedAndExpiredLinksAreRefusedAndAcknowledgeNothing() throws Exception {
        var max = reachable("Max Forger", ContactMethodType.EMAIL, uniqueEmail("max"));
        String address = max.destination();
        var subject = subject("Disk full");
        page(max, subject);
        worker.deliverDue();
        String ack = links(parts(mailTo(address).getLast()).get("text")).getFirst();
        String token = ack.substring(ack.lastIndexOf('/') + 1);
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);

        String flipped = payload.substring(0, 3) + (payload.charAt(3) == 'A' ? 'B' : 'A') + payload.substring(4);
        for (String forged : List.of(flipped + "." + signature, payload + "." + signature.substring(1) + "A",
                payload, "not-a-token", payload + "." + "A".repeat(43))) {
            var page = browse("POST", baseUrl() + "/notify/answer/" + forged);
            assertThat(page.status()).as(forged).isEqualTo(403);
            assertThat(page.body()).contains("This link is not valid.");
        }

        clock.advance(Duration.ofHours(24));
        var expired = browse("POST", ack);
        assertThat(expired.status()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        assertThat(handler.answersFor(subject.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from notify_answer where subject_id = ?").param(subject.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from notify_answer_token where subject_id = ? and used_at is not null")
                .param(subject.id()).query(Long.class).single()).isZero();
    }

    @Test
    void anAnswerNothingWaitsForIsRecordedAsNothingToAcknowledge() throws Exception {
        var una = reachable("Una Handled", ContactMethodType.EMAIL, uniqueEmail("una"));
        String address = una.destination();
        var subject = new Subject(SubjectType.INCIDENT, UUID.randomUUID().toString(), "ZZZ-1", 2, "Orphan", null);
        page(una, subject);
        worker.deliverDue();
        String ack = links(parts(mailTo(address).getLast()).get("text")).getFirst();

        assertThat(browse("POST", ack).body()).contains("Nothing to acknowledge for ZZZ-1.");
        assertThat(jdbc.sql("select outcome from notify_answer where subject_id = ?").param(subject.id())
                .query(String.class).list()).containsExactly("NOTHING_TO_ANSWER");
    }

    @Test
    void acknowledgingStopsThePagesStillWaitingForTheirRule() throws Exception {
        Api ada = newUser(Role.RESPONDER, "Ada Stop");
        String address = uniqueEmail("ada");
        String phone = uniquePhone();
        rule(ada, verified(ada, ContactMethodType.EMAIL, address), 0);
        rule(ada, verified(ada, ContactMethodType.SMS, phone), 1);
        var subject = subject("Queue backlog");
        notifications.pageUser(id(ada), subject, "t:" + UUID.randomUUID());
        worker.deliverDue();
        int smsBefore = twilio.messagesTo(phone).size();

        browse("POST", links(parts(mailTo(address).getLast()).get("text")).getFirst());
        clock.advance(Duration.ofMinutes(2));
        worker.deliverDue();

        assertThat(twilio.messagesTo(phone)).hasSize(smsBefore);
        var log = notifications.forSubject(subject.type(), subject.id());
        assertThat(log).extracting(Delivery::channel, Delivery::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ContactMethodType.EMAIL, DeliveryStatus.SENT),
                org.assertj.core.groups.Tuple.tuple(ContactMethodType.SMS, DeliveryStatus.CANCELLED));
    }
}
