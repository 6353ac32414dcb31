package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.notify.SubjectType;
import io.tocsin.support.Api;
import io.tocsin.support.AtOnce;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import io.tocsin.support.WebSession;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Stakeholder and subscription mail through notify's outbox (R24, issue 10): an update is committed at once and
 * queues one mail per recipient, which the delivery log (API and page) shows; the delivery worker sends each
 * exactly once, however often and on however many threads it runs; an SMTP server that is down delays the mail,
 * never the update; a rolled-back update queues nothing.
 */
class StakeholderMailOutboxTest extends IntegrationTest {

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    IncidentUpdates updates;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    Notifications notifications;

    record Setup(String key, String incidentId, List<String> listed, User subscriber, Api cm) {
    }

    private Api as(User user) {
        return new Api(baseUrl(), tokenFor(user.id()));
    }

    /** A major incident on a service with a stakeholder list of plain addresses and a German subscriber. */
    private Setup majorIncidentWithStakeholders(String name, int listSize) {
        String serviceId = admin().post("/api/v1/services", Map.of("name", name + "-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var listed = new ArrayList<String>();
        var members = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < listSize; i++) {
            listed.add(name + ".lead" + i + "." + System.nanoTime() + "@example.org");
            members.add(Map.of("email", listed.getLast()));
        }
        admin().post("/api/v1/stakeholder-lists", Map.of("name", name + " leads " + System.nanoTime(), "serviceId", serviceId,
                "members", members)).expect(201);
        var fan = createUser(Role.STAKEHOLDER, "Fritz Folger");
        identity.updateProfile(fan.id(), new io.tocsin.identity.Identity.UserProfile(fan.name(), fan.email(),
                "Europe/Berlin", "de", null));
        as(fan).post("/api/v1/me/subscriptions", Map.of("serviceId", serviceId)).expect(201);
        var cm = newUser(Role.RESPONDER, "Carla Comms");
        var incident = cm.post("/api/v1/incidents", Map.of("summary", "Payments fail", "severity", 1, "serviceId", serviceId))
                .expect(201).json();
        return new Setup(incident.get("key").asString(), incident.get("id").asString(), listed, fan, cm);
    }

    private static Map<String, Object> initial() {
        return new HashMap<>(Map.of("audience", "INTERNAL", "kind", "INITIAL", "summary", "Card payments fail.",
                "customerImpact", "blocks card payments"));
    }

    private JsonNode log(Setup s) {
        return admin().get("/api/v1/notify/deliveries?subjectType=incident&subjectId=" + s.incidentId() + "&kind=UPDATE")
                .expect(200).json();
    }

    private static List<String> statuses(JsonNode log) {
        var result = new ArrayList<String>();
        log.forEach(d -> result.add(d.get("status").asString() + "/" + d.get("attempts").asInt()));
        return result;
    }

    @Test
    void anUpdateQueuesOneDeliveryPerRecipientShownInTheLogAndEachArrivesOnce() throws Exception {
        var s = majorIncidentWithStakeholders("ledger", 20);
        var sent = s.cm().post("/api/v1/incidents/" + s.key() + "/updates", initial()).expect(201).json();
        // Our 20 listed addresses and the subscriber, and whoever is on the organisation-wide lists of other tests.
        int recipients = sent.get("recipientCount").asInt();
        assertThat(recipients).isGreaterThanOrEqualTo(21);

        var queued = log(s);
        assertThat(queued.size()).isEqualTo(recipients);
        assertThat(statuses(queued)).allMatch(st -> st.equals("PENDING/0"));
        var destinations = new ArrayList<String>();
        queued.forEach(d -> destinations.add(d.get("destination").asString()));
        assertThat(destinations).containsAll(s.listed()).contains(s.subscriber().email()).doesNotHaveDuplicates();
        assertThat(queued.get(0).get("title").asString()).startsWith("[" + s.key() + "] ");
        assertThat(queued.get(0).get("subject").get("key").asString()).isEqualTo(s.key());

        var browser = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(browser.get("/incidents/" + s.key()).body()).as("the update links to its deliveries")
                .contains("data-update-deliveries=\"" + sent.get("id").asString() + "\"")
                .contains("Mailed to " + recipients + " recipients: delivery log");
        var page = browser.get("/notify/deliveries?subjectType=incident&subjectId=" + s.incidentId() + "&kind=UPDATE");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().split("data-delivery=", -1)).hasSize(recipients + 1);
        assertThat(page.body()).contains(s.listed().getFirst()).contains("[" + s.key() + "] Investigating an incident in");

        // Two workers at once (as two nodes), then once more: nobody gets the update twice.
        AtOnce.run(2, worker::deliverDue);
        worker.deliverDue();
        String subject = "[" + s.key() + "] ";
        for (String address : s.listed()) {
            assertThat(mail.to(address, subject)).as(address).hasSize(1);
        }
        var german = mail.to(s.subscriber().email(), subject);
        assertThat(german).hasSize(1);
        assertThat(TestMailServer.subject(german.getFirst())).startsWith(subject + "Untersuchung eines Vorfalls bei ledger-");
        assertThat(german.getFirst().getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) german.getFirst().getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("lang=\"de\"").contains(s.key());
        assertThat(german.getFirst().getHeader("Content-Language", null)).isEqualTo("de");
        assertThat(statuses(log(s))).hasSize(recipients).allMatch(st -> st.equals("SENT/1"));
    }

    @Test
    void whileTheMailServerIsDownTheUpdateIsCommittedAtOnceAndItsMailFollowsWhenTheServerIsBack() {
        var s = majorIncidentWithStakeholders("mailroom", 3);
        worker.deliverDue(); // what earlier tests left queued goes out now, not into this outage
        int recipients;
        try (var down = mail.divertTo(TestMailServer.closedPort())) {
            recipients = s.cm().post("/api/v1/incidents/" + s.key() + "/updates", initial()).expect(201).json()
                    .get("recipientCount").asInt();
            assertThat(s.cm().get("/api/v1/incidents/" + s.key() + "/updates").expect(200).json().get("items").size()).isEqualTo(1);
            worker.deliverDue();
            var waiting = log(s);
            assertThat(statuses(waiting)).hasSize(recipients).allMatch(st -> st.equals("PENDING/1"));
            assertThat(waiting.get(0).get("lastError").asString()).startsWith("SMTP");
        }
        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        worker.deliverDue();
        assertThat(statuses(log(s))).hasSize(recipients).allMatch(st -> st.equals("SENT/2"));
        for (String address : s.listed()) {
            assertThat(mail.to(address, "[" + s.key() + "] ")).as(address).hasSize(1);
        }
    }

    @Test
    void aRolledBackUpdateQueuesNothing() {
        var s = majorIncidentWithStakeholders("rollback", 2);
        var draft = new UpdateDraft(UpdateAudience.INTERNAL, UpdateKind.INITIAL, "en", "Card payments fail.",
                "blocks card payments", null, null, null, List.of(), List.of(), null, null,
                List.of("extra." + System.nanoTime() + "@example.org"), true);
        tx.executeWithoutResult(status -> {
            var update = updates.post(s.key(), draft);
            assertThat(notifications.forSubject(SubjectType.INCIDENT, s.incidentId(), DeliveryKind.UPDATE))
                    .as("queued inside the transaction").hasSize(update.recipientCount());
            assertThat(update.recipientCount()).isGreaterThanOrEqualTo(4);
            assertThat(log(s).size()).as("not visible to others before the commit").isZero();
            status.setRollbackOnly();
        });
        assertThat(s.cm().get("/api/v1/incidents/" + s.key() + "/updates").expect(200).json().get("items").size()).isZero();
        assertThat(log(s).size()).isZero();
        worker.deliverDue();
        assertThat(mail.withSubjectContaining("[" + s.key() + "]")).isEmpty();
    }
}
