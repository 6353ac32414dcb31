package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.tocsin.support.TestPhones;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 points 2, 3 and 6 end to end: an alert that pages starts a run; level 1 is re-notified every minute and
 * the run escalates after three unanswered attempts (R10, R11); an answer from any channel (web, e-mail link, SMS
 * reply, keypress) stops every pending page for everyone (R12); resolve ends the run; a repeated trigger while
 * acknowledged pages nobody.
 */
class EscalationEndToEndTest extends EscalationTestSupport {

    record Setup(Person first, Person second, String serviceId, String key) {
    }

    private Setup twoLevels(Person first) {
        var second = emailResponder("Bob Second");
        String serviceId = service(null);
        assign(serviceId, policy(0, level(5, user(first)), level(5, user(second))));
        return new Setup(first, second, serviceId, integration(serviceId));
    }

    @Test
    void levelOneRepeatsEveryMinuteAndEscalatesAfterThreeAttemptsR11() {
        var s = twoLevels(emailResponder("Alice First"));
        trigger(s.key(), "disk-full", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "disk-full");
        assertThat(mailTo(s.first().destination())).hasSize(1);
        assertThat(subjectOf(mailTo(s.first().destination()).getFirst())).startsWith("[INC-");

        minutesPass(1);
        assertThat(mailTo(s.first().destination())).as("second attempt after one minute").hasSize(2);
        minutesPass(1);
        assertThat(mailTo(s.first().destination())).as("third attempt").hasSize(3);
        assertThat(mailTo(s.second().destination())).isEmpty();
        assertThat(runOfAlert(alertId).get("level").asInt()).isEqualTo(1);

        minutesPass(1);
        assertThat(mailTo(s.first().destination())).as("no fourth attempt on level 1").hasSize(3);
        assertThat(mailTo(s.second().destination())).as("escalated to level 2").hasSize(1);
        var run = runOfAlert(alertId);
        assertThat(run.get("level").asInt()).isEqualTo(2);
        assertThat(run.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(run.get("pages")).hasSize(2);

        var answered = s.second().api().post("/api/v1/escalation-runs/" + run.get("id").asString() + "/acknowledge",
                Map.of()).expect(200).json();
        assertThat(answered.get("outcome").asString()).isEqualTo("APPLIED");
        assertThat(answered.get("run").get("answeredByName").asString()).isEqualTo(s.second().name());
        minutesPass(10);
        assertThat(mailTo(s.first().destination())).hasSize(3);
        assertThat(mailTo(s.second().destination())).hasSize(1);
        assertThat(scheduledTimers.find("escalation.step", run.get("id").asString())).isEmpty();

        trigger(s.key(), "disk-full", "critical");
        minutesPass(2);
        assertThat(mailTo(s.first().destination()).size() + mailTo(s.second().destination()).size())
                .as("a repeated trigger while acknowledged pages nobody").isEqualTo(4);
    }

    @Test
    void anEmailAcknowledgeLinkStopsEveryPendingPageForEveryoneR12() throws Exception {
        var alice = emailResponder("Alice Mail");
        String phone = TestPhones.unique("+4917");
        rule(alice, verified(alice, "SMS", phone), 1);
        var s = twoLevels(alice);
        trigger(s.key(), "mail-ack", "critical");
        worker.deliverDue();
        var mail = mailTo(alice.destination()).getLast();
        int smsBefore = twilio.messagesTo(phone).size();

        var ack = links(mail).stream().filter(l -> !l.contains("resolve")).findFirst().orElseThrow();
        var done = browse("POST", ack);
        assertThat(done.status()).isEqualTo(200);
        var run = runOfAlert(alertId(s.serviceId(), "mail-ack"));
        assertThat(run.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(run.get("answeredVia").asString()).isEqualTo("EMAIL");

        minutesPass(6);
        assertThat(twilio.messagesTo(phone)).as("the SMS due after a minute was withdrawn").hasSize(smsBefore);
        assertThat(mailTo(alice.destination())).hasSize(1);
        assertThat(mailTo(s.second().destination())).as("level 2 never reached").isEmpty();
        assertThat(jdbc.sql("select count(*) from notify_delivery where subject_id = ? and status = 'PENDING'")
                .param(run.get("subjectId").asString()).query(Long.class).single()).isZero();
    }

    @Test
    void anSmsReplyAcknowledgesAndStopsEverything() {
        var s = twoLevels(phoneResponder("Sam Sms", "SMS"));
        trigger(s.key(), "sms-ack", "critical");
        worker.deliverDue();
        assertThat(twilio.messagesTo(s.first().destination())).isNotEmpty();

        var reply = twilio.inboundSms(baseUrl() + "/hooks/twilio/sms", s.first().destination(), "ack");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("Acknowledged INC-");
        var run = runOfAlert(alertId(s.serviceId(), "sms-ack"));
        assertThat(run.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(run.get("answeredVia").asString()).isEqualTo("SMS");
        int sent = twilio.messagesTo(s.first().destination()).size();
        minutesPass(6);
        assertThat(twilio.messagesTo(s.first().destination())).hasSize(sent);
        assertThat(mailTo(s.second().destination())).isEmpty();
    }

    @Test
    void aKeypressOnTheCallAcknowledgesAndStopsEverything() {
        var s = twoLevels(phoneResponder("Vic Voice", "VOICE"));
        trigger(s.key(), "voice-ack", "critical");
        worker.deliverDue();
        var call = twilio.callsTo(s.first().destination()).getLast();

        assertThat(twilio.press(call, "1").body()).contains("Acknowledged");
        var run = runOfAlert(alertId(s.serviceId(), "voice-ack"));
        assertThat(run.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(run.get("answeredVia").asString()).isEqualTo("VOICE");
        int calls = twilio.callsTo(s.first().destination()).size();
        minutesPass(6);
        assertThat(twilio.callsTo(s.first().destination())).hasSize(calls);
        assertThat(mailTo(s.second().destination())).isEmpty();
    }

    @Test
    void resolveEndsTheRunAndANewTriggerAfterwardsPagesAgain() {
        var s = twoLevels(emailResponder("Rita Resolve"));
        trigger(s.key(), "resolve-me", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "resolve-me");
        var run = runOfAlert(alertId);
        var resolved = s.first().api().post("/api/v1/escalation-runs/" + run.get("id").asString() + "/resolve", Map.of())
                .expect(200).json();
        assertThat(resolved.get("run").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("run").get("endedAt").isNull()).isFalse();
        minutesPass(6);
        assertThat(mailTo(s.first().destination())).hasSize(1);
        assertThat(mailTo(s.second().destination())).isEmpty();
        assertThat(s.first().api().post("/api/v1/escalation-runs/" + run.get("id").asString() + "/acknowledge", Map.of())
                .expect(200).json().get("outcome").asString()).isEqualTo("ALREADY_DONE");
    }

    @Test
    void theAlertSourceResolvingTheAlertEndsTheRun() {
        var s = twoLevels(emailResponder("Otto Source"));
        trigger(s.key(), "auto-resolve", "error");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "auto-resolve");
        anonymous().post("/v2/enqueue", Map.of("routing_key", s.key(), "event_action", "resolve", "dedup_key",
                "auto-resolve")).expect(202);
        assertThat(runOfAlert(alertId).get("status").asString()).isEqualTo("RESOLVED");
        minutesPass(4);
        assertThat(mailTo(s.first().destination())).hasSize(1);
        assertThat(mailTo(s.second().destination())).isEmpty();
    }

    @Test
    void aPolicyRepeatsAsOftenAsConfiguredThenGivesUp() {
        var only = emailResponder("Ursula Repeat");
        String serviceId = service(null);
        assign(serviceId, policy(1, level(2, user(only))));
        String key = integration(serviceId);
        trigger(key, "repeat-policy", "critical");
        worker.deliverDue();
        minutesPass(1);
        assertThat(mailTo(only.destination())).hasSize(2);
        minutesPass(1);
        assertThat(mailTo(only.destination())).as("the 2-minute timeout comes before a third attempt: round 2 starts")
                .hasSize(3);
        minutesPass(1);
        assertThat(mailTo(only.destination())).hasSize(4);
        minutesPass(1);
        assertThat(mailTo(only.destination())).as("round 2 timed out: nothing more").hasSize(4);
        minutesPass(3);
        assertThat(mailTo(only.destination())).hasSize(4);
        var run = runOfAlert(alertId(serviceId, "repeat-policy"));
        assertThat(run.get("status").asString()).isEqualTo("EXHAUSTED");
        assertThat(run.get("round").asInt()).isEqualTo(2);
    }

    @Test
    void aDuplicateKeyNeverDeliversTwice() {
        var s = twoLevels(emailResponder("Ida Idem"));
        trigger(s.key(), "idem", "critical");
        worker.deliverDue();
        var keys = jdbc.sql("select idempotency_key from notify_delivery where user_id = ?").param(s.first().id())
                .query(String.class).list();
        assertThat(keys).anySatisfy(k -> assertThat(k).startsWith("esc:").contains(":C0:L0:A0:" + s.first().id()));
        assertThat(UUID.fromString(runOfAlert(alertId(s.serviceId(), "idem")).get("id").asString())).isNotNull();
    }
}
