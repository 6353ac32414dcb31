package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.Timers;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Updates end to end (R22, R23, R24, R25): stakeholder lists and subscribers of the service receive internal
 * updates of a major incident by e-mail through a real SMTP server, with the key in the subject; the checklist
 * refuses gaps unless acknowledged; late updates remind the communications manager; bad input sends nothing.
 */
class IncidentUpdatesApiTest extends IntegrationTest {

    @Autowired
    DurableTimers dueTimers;

    @Autowired
    Timers timers;

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;

    private Api as(User user) {
        return new Api(baseUrl(), tokenFor(user.id()));
    }

    private static Map<String, Object> followUp() {
        var body = new HashMap<String, Object>();
        body.put("audience", "INTERNAL");
        body.put("kind", "FOLLOW_UP");
        body.put("summary", "Card payments fail for about 9% of checkouts since 14:02.");
        body.put("customerImpact", "customers cannot pay by card");
        body.put("affected", "about 1,200 customers");
        body.put("rootCause", "not known yet");
        body.put("expectedRecovery", "within the hour");
        body.put("currentStatus", List.of("Errors since the 14:02 deploy", "Rollback started"));
        body.put("nextSteps", List.of("Finish the rollback", "Watch the error rate"));
        return body;
    }

    private long updates(String key) {
        return jdbc.sql("select count(*) from incident_update where incident_key = ?").param(key).query(Long.class).single();
    }

    private List<String> timeline(String key) {
        var texts = new ArrayList<String>();
        admin().get("/api/v1/incidents/" + key + "/timeline").expect(200).json().forEach(e -> texts.add(e.get("text").asString()));
        return texts;
    }

    @Test
    void majorIncidentUpdatesReachStakeholderListsAndSubscribersWithTheKeyInTheSubject() throws Exception {
        String serviceName = "billing-" + System.nanoTime();
        String serviceId = admin().post("/api/v1/services", Map.of("name", serviceName)).expect(201)
                .json().get("id").asString();
        var cm = createUser(Role.RESPONDER, "Carla Comms");
        var exec = createUser(Role.STAKEHOLDER, "Erik Exec");
        var fan = createUser(Role.STAKEHOLDER, "Fay Follower");
        identity.updateProfile(fan.id(), new io.tocsin.identity.Identity.UserProfile(fan.name(), fan.email(),
                "Europe/Berlin", "de", null));
        String plain = "cto-office-" + System.nanoTime() + "@example.org";
        admin().post("/api/v1/stakeholder-lists", Map.of("name", "Billing leads " + System.nanoTime(),
                "serviceId", serviceId, "members", List.of(Map.of("userId", exec.id()), Map.of("email", plain))))
                .expect(201);
        as(fan).post("/api/v1/me/subscriptions", Map.of("serviceId", serviceId)).expect(201);
        assertThat(as(fan).get("/api/v1/me/subscriptions").expect(200).json().get(0).asString()).isEqualTo(serviceId);

        String key = as(cm).post("/api/v1/incidents", Map.of("summary", "Invoices are not sent", "severity", 2,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
        as(cm).post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);

        // The first message: the handbook's "investigating an incident in ..." text.
        var initial = new HashMap<String, Object>(Map.of("audience", "INTERNAL", "kind", "INITIAL",
                "summary", "Invoices are stuck in the queue.", "customerImpact", "delays invoices"));
        var sent = as(cm).post("/api/v1/incidents/" + key + "/updates", initial).expect(201).json();
        assertThat(sent.get("title").asString()).isEqualTo("[" + key + "] Investigating an incident in " + serviceName);
        assertThat(sent.get("body").asString()).startsWith("We are investigating an incident in " + serviceName
                + ".\nImpact on customers: delays invoices\n\nInvoices are stuck in the queue.\n");
        assertThat(sent.get("recipientCount").asInt()).isEqualTo(3);
        worker.deliverDue();
        String subject = "[" + key + "] ";
        assertThat(mail.to(exec.email(), subject)).hasSize(1);
        assertThat(mail.to(plain, subject)).hasSize(1);
        var german = mail.to(fan.email(), subject);
        assertThat(german).hasSize(1);
        assertThat(TestMailServer.subject(german.getFirst())).startsWith("[" + key + "] Untersuchung eines Vorfalls bei billing-");
        var englishMail = mail.to(exec.email(), subject).getFirst();
        var parts = (MimeMultipart) englishMail.getContent();
        assertThat(englishMail.getContentType()).startsWith("multipart/");
        assertThat(parts.getCount()).isPositive();

        // A follow-up with gaps is refused until the poster acknowledges them.
        var gappy = followUp();
        gappy.remove("rootCause");
        gappy.put("nextSteps", List.of("Finish the rollback"));
        var refused = as(cm).post("/api/v1/incidents/" + key + "/updates", gappy).expect(422).json();
        assertThat(refused.toString()).contains("checklist.ROOT_CAUSE").contains("checklist.NEXT_STEPS_SHAPE");
        assertThat(updates(key)).isEqualTo(1);
        var preview = as(cm).post("/api/v1/incidents/" + key + "/updates/preview", gappy).expect(200).json();
        assertThat(preview.get("gaps").toString()).isEqualTo("[\"ROOT_CAUSE\",\"NEXT_STEPS_SHAPE\"]");
        assertThat(preview.get("body").asString()).contains("Root cause: not known yet");
        gappy.put("acknowledgeGaps", true);
        var followUp = as(cm).post("/api/v1/incidents/" + key + "/updates", gappy).expect(201).json();
        assertThat(followUp.get("gaps").toString()).contains("ROOT_CAUSE");
        assertThat(followUp.get("nextUpdateAt").asString()).as("sev 2: next update in 60 min")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(60)).toString());
        worker.deliverDue();
        assertThat(mail.to(exec.email(), subject)).hasSize(2);

        // The internal status page shows it as the latest update.
        var row = findRow(as(exec).get("/api/v1/status/internal").expect(200).json(), key);
        assertThat(row.get("latestUpdate").get("title").asString()).startsWith("[" + key + "] Update on the incident in");
        assertThat(row.get("room").asString()).isEqualTo(key.toLowerCase());
        assertThat(row.get("status").asString()).isEqualTo("FIXING");

        // The final message: duration, ticket count, no further updates; no more reminders.
        as(cm).post("/api/v1/incidents/" + key + "/resolve", Map.of()).expect(200);
        var fin = new HashMap<String, Object>(Map.of("audience", "INTERNAL", "kind", "FINAL", "summary",
                "Invoices went out late for 40 minutes.", "customerImpact", "late invoices", "affected", "300 customers",
                "rootCause", "a full disk on the queue host", "keyFigures", "300 invoices delayed"));
        var last = as(cm).post("/api/v1/incidents/" + key + "/updates", fin).expect(201).json();
        assertThat(last.get("body").asString()).contains("Support tickets: 0").contains("no further updates");
        assertThat(last.get("nextUpdateAt").isNull()).isTrue();
        assertThat(timers.find(IncidentUpdates.CADENCE_TIMER, last.get("incidentId").asString())).isEmpty();
        assertThat(timeline(key)).anyMatch(t -> t.startsWith("Internal final message sent: [" + key + "] Resolved"));
    }

    private static tools.jackson.databind.JsonNode findRow(tools.jackson.databind.JsonNode rows, String key) {
        for (var row : rows) {
            if (row.get("key").asString().equals(key)) {
                return row;
            }
        }
        throw new AssertionError(key + " is not on the internal status page");
    }

    @Test
    void anOverdueUpdateRemindsTheCommunicationsManagerOnTheTimelineAndByMail() {
        String serviceId = admin().post("/api/v1/services", Map.of("name", "search-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var im = createUser(Role.RESPONDER, "Ida Manager");
        var cm = createUser(Role.RESPONDER, "Carl Comms");
        String key = as(im).post("/api/v1/incidents", Map.of("summary", "Search returns nothing", "severity", 1,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
        as(im).post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);

        // Nobody has the communications role yet: the incident manager is reminded after 30 minutes (sev 1).
        clock.advance(Duration.ofMinutes(29));
        dueTimers.runDue();
        assertThat(timeline(key)).noneMatch(t -> t.startsWith("Update overdue"));
        clock.advance(Duration.ofMinutes(2));
        dueTimers.runDue();
        worker.deliverDue();
        assertThat(timeline(key)).anyMatch(t -> t.startsWith("Update overdue since") && t.endsWith("reminded: Ida Manager"));
        assertThat(mail.to(im.email(), "[" + key + "] Update overdue")).hasSize(1);

        // With a communications manager, the reminder goes to them; an update resets the clock.
        as(im).post("/api/v1/incidents/" + key + "/roles/communications-manager/assignments", Map.of("userId", cm.id()))
                .expect(201);
        var body = followUp();
        body.put("nextUpdateAt", clock.instant().plus(Duration.ofMinutes(15)).toString());
        as(cm).post("/api/v1/incidents/" + key + "/updates", body).expect(201);
        clock.advance(Duration.ofMinutes(14));
        dueTimers.runDue();
        worker.deliverDue();
        assertThat(mail.to(cm.email(), "[" + key + "] Update overdue")).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        dueTimers.runDue();
        worker.deliverDue();
        assertThat(mail.to(cm.email(), "[" + key + "] Update overdue")).hasSize(1);
        assertThat(mail.to(im.email(), "[" + key + "] Update overdue")).hasSize(1);
        assertThat(timeline(key)).anyMatch(t -> t.endsWith("reminded: Carl Comms"));
    }

    @Test
    void badInputIsRefusedClearlyAndNothingIsHalfSent() {
        String serviceId = admin().post("/api/v1/services", Map.of("name", "mail-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var exec = createUser(Role.STAKEHOLDER, "Gus Exec");
        String listName = "Broken " + System.nanoTime();
        long lists = count("stakeholder_list");

        // A list with a broken address: 422 naming it, no list stored.
        var broken = admin().post("/api/v1/stakeholder-lists", Map.of("name", listName, "serviceId", serviceId,
                "members", List.of(Map.of("userId", exec.id()), Map.of("email", "gus@@example..org")))).expect(422).json();
        assertThat(broken.toString()).contains("members[1].email").contains("gus@@example..org");
        assertThat(count("stakeholder_list")).isEqualTo(lists);

        admin().post("/api/v1/stakeholder-lists", Map.of("name", listName, "serviceId", serviceId,
                "members", List.of(Map.of("userId", exec.id())))).expect(201);
        var responder = createUser(Role.RESPONDER, "Hal Responder");
        String key = as(responder).post("/api/v1/incidents", Map.of("summary", "Mails bounce", "severity", 1,
                "serviceId", serviceId)).expect(201).json().get("key").asString();

        // An update without a summary.
        var noSummary = followUp();
        noSummary.remove("summary");
        var refused = as(responder).post("/api/v1/incidents/" + key + "/updates", noSummary).expect(422).json();
        assertThat(refused.toString()).contains("summary").contains("must not be blank");

        // One broken extra recipient: nobody gets anything, nothing is stored.
        var body = followUp();
        body.put("additionalRecipients", List.of("ok-" + System.nanoTime() + "@example.org", "not an address"));
        var badRecipient = as(responder).post("/api/v1/incidents/" + key + "/updates", body).expect(422).json();
        assertThat(badRecipient.toString()).contains("additionalRecipients[1]").contains("not an address");

        // Too many bullets breaks the fixed shape.
        var tooLong = followUp();
        tooLong.put("currentStatus", List.of("a", "b", "c", "d", "e"));
        as(responder).post("/api/v1/incidents/" + key + "/updates", tooLong).expect(422);

        assertThat(updates(key)).isZero();
        assertThat(jdbc.sql("select count(*) from notify_delivery where subject_key = ? and kind = 'UPDATE'").param(key).query(Long.class)
                .single()).as("nothing queued either").isZero();
        worker.deliverDue();
        assertThat(mail.withSubjectContaining("[" + key + "]")).isEmpty();
        assertThat(timeline(key)).noneMatch(t -> t.contains("sent:"));

        // Only administrators edit templates; a broken template is refused.
        as(responder).put("/api/v1/comms/templates/INTERNAL/INITIAL/en", Map.of("title", "x", "body", "y")).expect(403);
        var badTemplate = admin().put("/api/v1/comms/templates/INTERNAL/INITIAL/en", Map.of("title", "[(${T(java.lang.System).exit(1)})]",
                "body", "ok")).expect(422).json();
        assertThat(badTemplate.toString()).contains("title");
    }
}
