package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.support.TestPhones;
import org.junit.jupiter.api.Test;

/**
 * Bad input never acknowledges anything (issue "Shown by"): forged and expired answer links, an SMS reply from an
 * unknown number, a callback with a bad Twilio signature, a webhook pointing at 127.0.0.1; plus the policy
 * preview that flags people nobody can reach, and refused policies.
 */
class EscalationBadInputAndPreviewTest extends EscalationTestSupport {

    @Test
    void forgedAndExpiredLinksUnknownNumbersAndBadSignaturesAcknowledgeNothing() throws Exception {
        var alice = emailResponder("Alice Target");
        String serviceId = service(null);
        assign(serviceId, policy(0, level(30, user(alice))));
        String key = integration(serviceId);
        trigger(key, "bad-input", "critical");
        worker.deliverDue();
        String alertId = alertId(serviceId, "bad-input");
        String runId = runOfAlert(alertId).get("id").asString();

        String link = links(mailTo(alice.destination()).getLast()).getFirst();
        String forged = link.substring(0, link.lastIndexOf('/') + 1) + "eyJmb3JnZWQiOnRydWV9.c2lnbmF0dXJl";
        assertThat(browse("POST", forged).status()).isBetween(400, 499);

        var sms = twilio.inboundSms(baseUrl() + "/hooks/twilio/sms", "+4915199999999", "ack");
        assertThat(sms.body()).doesNotContain("Acknowledged");
        var params = new LinkedHashMap<String, String>();
        params.put("From", "+4915199999998");
        params.put("Body", "ack");
        assertThat(twilio.post(baseUrl() + "/hooks/twilio/sms", params, "bm90IGEgc2lnbmF0dXJl").status()).isEqualTo(403);

        var webhook = alice.api().post("/api/v1/me/contact-methods", Map.of("type", "WEBHOOK",
                "destination", "http://127.0.0.1:9/hook"));
        assertThat(webhook.status()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from contact_method where user_id = ? and type = 'WEBHOOK'")
                .param(alice.id()).query(Long.class).single()).isZero();

        assertThat(admin().get("/api/v1/escalation-runs/" + runId).expect(200).json().get("status").asString())
                .isEqualTo("ACTIVE");

        // Expired: the genuine link after its lifetime (24 hours by default), with no step fired meanwhile.
        clock.advance(Duration.ofHours(25));
        assertThat(browse("POST", link).status()).isBetween(400, 499);
        var run = admin().get("/api/v1/escalation-runs/" + runId).expect(200).json();
        assertThat(run.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(run.get("answeredAt").isNull()).isTrue();
        assertThat(jdbc.sql("select count(*) from notify_delivery where subject_id = ? and status = 'CANCELLED'")
                .param(run.get("subjectId").asString()).query(Long.class).single()).isZero();
        admin().post("/api/v1/escalation-runs/" + runId + "/resolve", Map.of()).expect(200);
    }

    @Test
    void thePreviewListsWhoIsReachedInOrderAtWhichTimesAndFlagsTheUnreachable() {
        var anna = emailResponder("Anna Preview");
        String annaPhone = TestPhones.unique("+4917");
        rule(anna, verified(anna, "SMS", annaPhone), 1);
        var nobody = responder("Nils Noverify");
        var bert = emailResponder("Bert Preview");
        var policy = policy(0, level(5, user(anna), user(nobody)), level(10, user(bert)));
        var steps = admin().get("/api/v1/escalation-policies/" + policy.get("id").asString() + "/preview").expect(200).json();
        Instant now = clock.instant();
        var lines = new java.util.ArrayList<String>();
        steps.forEach(s -> lines.add(s.get("level").asInt() + " " + s.get("name").asString() + " "
                + (s.get("channel").isNull() ? "UNREACHABLE" : s.get("channel").asString()) + " +"
                + Duration.between(now, Instant.parse(s.get("at").asString())).toMinutes()));
        assertThat(lines).containsExactly(
                "1 Anna Preview EMAIL +0", "1 Nils Noverify UNREACHABLE +0",
                "1 Anna Preview EMAIL +1", "1 Anna Preview SMS +1",
                "1 Anna Preview EMAIL +2", "1 Anna Preview SMS +2",
                "2 Bert Preview EMAIL +3", "2 Bert Preview EMAIL +4", "2 Bert Preview EMAIL +5");
    }

    @Test
    void theIncidentPageShowsWhoIsPagedWithAcknowledgeAndResolveButtonsAndTheDeliveryLog() {
        var paul = emailResponder("Paul Panel");
        String serviceId = service(null);
        assign(serviceId, policy(0, level(5, user(paul))));
        String key = paul.api().post("/api/v1/incidents", Map.of("summary", "Panel test", "severity", 1,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
        worker.deliverDue();
        var user = identity.user(paul.id());
        var session = new io.tocsin.support.WebSession(baseUrl(), user.email(), "password-of-" + "Paul Panel".length() + "-chars");
        var page = session.get("/incidents/" + key);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("escalation-panel").contains("Paul Panel").contains("Acknowledge")
                .contains("/notify/deliveries?subjectType=incident");
        var run = admin().get("/api/v1/escalation-runs?incident=" + key).expect(200).json();
        String runId = null;
        for (var r : run) {
            if (r.get("kind").asString().equals("POLICY")) {
                runId = r.get("id").asString();
            }
        }
        var answered = session.post("/escalation-runs/" + runId + "/acknowledge", Map.of());
        assertThat(answered.statusCode()).isEqualTo(302);
        assertThat(admin().get("/api/v1/escalation-runs/" + runId).expect(200).json().get("status").asString())
                .isEqualTo("ACKNOWLEDGED");
        minutesPass(3);
        assertThat(mailTo(paul.destination())).hasSize(1);
    }

    @Test
    void badPoliciesAreRefusedAndNothingIsStored() {
        long before = count("escalation_policy");
        var problem = admin().post("/api/v1/escalation-policies", Map.of("name", " ", "repeatCount", 99,
                "levels", List.of(Map.of("timeoutMinutes", 0, "targets", List.of(Map.of("type", "USER",
                        "id", "00000000-0000-0000-0000-00000000abcd")))))).expect(422).json().toString();
        assertThat(problem).contains("name").contains("repeatCount").contains("levels[0].timeoutMinutes")
                .contains("levels[0].targets[0]");
        admin().post("/api/v1/escalation-policies", Map.of("name", "empty", "levels", List.of())).expect(422);
        assertThat(count("escalation_policy")).isEqualTo(before);
        var p = policy(0, level(null, user(responder("Default Timeout"))));
        assertThat(p.get("levels").get(0).get("timeoutMinutes").asInt()).as("R10 default").isEqualTo(5);
        admin().post("/api/v1/escalation-policies", Map.of("name", p.get("name").asString(),
                "levels", List.of(level(5, user(responder("Dup")))))).expect(409);
        String serviceId = service(null);
        assign(serviceId, p);
        admin().delete("/api/v1/escalation-policies/" + p.get("id").asString()).expect(409);
        responder("Randy").api().put("/api/v1/services/" + serviceId + "/escalation-policy",
                Map.of("policyId", p.get("id").asString())).expect(403);
    }
}
