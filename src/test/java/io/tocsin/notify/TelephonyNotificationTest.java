package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tocsin.identity.Role;
import io.tocsin.notify.internal.TwilioSignature;
import io.tocsin.support.Api;
import io.tocsin.support.FakeTwilio;
import org.junit.jupiter.api.Test;

/**
 * SMS and voice through Twilio's REST API, against a fake that implements it and signs its callbacks (R12, issue 5
 * points 5 and 6): replies and keypresses acknowledge; unknown numbers and bad signatures acknowledge nothing;
 * STOP opts out; an alert storm is held to SMS 5 per 15 minutes, about one a minute, bundled into "N new alerts";
 * transient provider failures are retried with backoff and every attempt is in the delivery log.
 */
class TelephonyNotificationTest extends NotifyTestBase {

    private static final Pattern REF = Pattern.compile("\"ack (\\d+)\"");

    private String smsHook() {
        return baseUrl() + "/hooks/twilio/sms";
    }

    private static int ref(FakeTwilio.Sms sms) {
        var m = REF.matcher(sms.body());
        assertThat(m.find()).as(sms.body()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private long answersRecorded(Subject subject) {
        return jdbc.sql("select count(*) from notify_answer where subject_id = ?").param(subject.id()).query(Long.class)
                .single();
    }

    @Test
    void smsRepliesAcknowledgeAndResolveByNumberByKeyOrTheLatest() {
        var rita = reachable("Rita Sms", ContactMethodType.SMS, uniquePhone());
        String phone = rita.destination();
        var first = subject("Checkout down");
        page(rita, first);
        worker.deliverDue();
        var sms = twilio.messagesTo(phone).getLast();
        assertThat(sms.from()).isEqualTo(FakeTwilio.FROM);
        assertThat(sms.body()).startsWith("Tocsin [" + first.key() + "] Checkout down. Reply \"ack ");
        int firstRef = ref(sms);

        clock.advance(Duration.ofMinutes(1));
        var second = subject("Search slow");
        page(rita, second);
        worker.deliverDue();
        assertThat(twilio.messagesTo(phone).getLast().body()).contains(second.key());

        var reply = twilio.inboundSms(smsHook(), phone, "ack " + firstRef);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("<Response><Message>Acknowledged " + first.key() + ".</Message></Response>");
        assertThat(handler.answersFor(first.id())).singleElement().satisfies(a -> {
            assertThat(a.channel()).isEqualTo(ContactMethodType.SMS);
            assertThat(a.userId()).isEqualTo(rita.id());
        });
        assertThat(handler.answersFor(second.id())).isEmpty();

        assertThat(twilio.inboundSms(smsHook(), phone, "1").body()).contains("Acknowledged " + second.key());
        assertThat(twilio.inboundSms(smsHook(), phone, "4 " + first.key()).body()).contains("Already done: " + first.key());
        assertThat(twilio.inboundSms(smsHook(), phone, "close " + first.key().toLowerCase()).body())
                .contains("Resolved " + first.key());
        assertThat(twilio.inboundSms(smsHook(), phone, "on my way").body()).contains("not understood");
        assertThat(twilio.inboundSms(smsHook(), phone, "ack 999").body()).contains("nothing to answer");
        assertThat(handler.answersFor(first.id())).extracting(Answer::action)
                .containsExactly(AnswerAction.ACKNOWLEDGE, AnswerAction.ACKNOWLEDGE, AnswerAction.RESOLVE);
    }

    @Test
    void unknownNumbersAndBadSignaturesAreRefusedAndAcknowledgeNothing() {
        var sam = reachable("Sam Signed", ContactMethodType.SMS, uniquePhone());
        String phone = sam.destination();
        var subject = subject("Login broken");
        page(sam, subject);
        worker.deliverDue();

        var stranger = twilio.inboundSms(smsHook(), uniquePhone(), "ack");
        assertThat(stranger.status()).isEqualTo(200);
        assertThat(stranger.body()).isEqualTo("<Response/>");

        var params = new LinkedHashMap<String, String>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("From", phone);
        params.put("To", FakeTwilio.FROM);
        params.put("Body", "ack");
        assertThat(twilio.post(smsHook(), params, null).status()).as("unsigned").isEqualTo(403);
        assertThat(twilio.post(smsHook(), params, TwilioSignature.sign("wrong-token", smsHook(), params)).status())
                .as("signed with another token").isEqualTo(403);
        assertThat(twilio.post(smsHook(), params, TwilioSignature.sign(twilio.authToken(), smsHook() + "?x=1", params))
                .status()).as("signed for another URL").isEqualTo(403);
        var tampered = new LinkedHashMap<>(params);
        String signature = TwilioSignature.sign(twilio.authToken(), smsHook(), params);
        tampered.put("Body", "close");
        assertThat(twilio.post(smsHook(), tampered, signature).status()).as("body changed after signing").isEqualTo(403);

        assertThat(handler.answersFor(subject.id())).isEmpty();
        assertThat(answersRecorded(subject)).isZero();
    }

    @Test
    void stopOptsTheNumberOutAndStartBackIn() {
        Api otto = newUser(Role.RESPONDER, "Otto Optout");
        String phone = uniquePhone();
        String methodId = verified(otto, ContactMethodType.SMS, phone);
        rule(otto, methodId, 0);

        assertThat(twilio.inboundSms(smsHook(), phone, "STOP").body()).contains("no more messages");
        assertThat(otto.get("/api/v1/me/contact-methods/" + methodId).expect(200).json().get("optedOut").asBoolean()).isTrue();
        assertThat(notifications.pageUser(id(otto), subject("Ignored"), "t:" + UUID.randomUUID())).isEmpty();
        assertThat(contactMethods.usersWithoutVerifiedMethod(List.of(id(otto)))).containsExactly(id(otto));

        assertThat(twilio.inboundSms(smsHook(), phone, "start").body()).contains("switched on again");
        assertThat(notifications.pageUser(id(otto), subject("Heard"), "t:" + UUID.randomUUID())).hasSize(1);
    }

    @Test
    void aCallGathersOneKeypressThatAcknowledges() {
        var vera = reachable("Vera Voice", ContactMethodType.VOICE, uniquePhone());
        String phone = vera.destination();
        var subject = subject("Database failover");
        page(vera, subject);
        worker.deliverDue();

        var call = twilio.callsTo(phone).getLast();
        assertThat(call.twiml()).contains("<Gather numDigits=\"1\"").contains("method=\"POST\"")
                .contains("Hello Vera Voice, this is Tocsin. " + subject.key().replace('-', ' ') + ", severity 1: Database failover.")
                .contains("Press 1 to acknowledge. Press 6 to resolve.");
        assertThat(call.gatherUrl()).startsWith(baseUrl() + "/hooks/twilio/voice/");

        var params = new LinkedHashMap<String, String>();
        params.put("CallSid", call.sid());
        params.put("Digits", "1");
        params.put("To", phone);
        assertThat(twilio.post(call.gatherUrl(), params, "bm90IGEgc2lnbmF0dXJl").status()).isEqualTo(403);
        var otherCall = new FakeTwilio.Call("CA" + UUID.randomUUID().toString().replace("-", ""), phone, FakeTwilio.FROM,
                call.twiml());
        assertThat(twilio.press(otherCall, "1").body()).as("a call we did not place").contains("<Hangup/>");
        assertThat(handler.answersFor(subject.id())).isEmpty();

        assertThat(twilio.press(call, "9").body()).contains("that key does nothing").contains("<Gather");
        var pressed = twilio.press(call, "1");
        assertThat(pressed.status()).isEqualTo(200);
        assertThat(pressed.body()).contains("Acknowledged. Goodbye.").contains("<Hangup/>");
        assertThat(handler.answersFor(subject.id())).singleElement()
                .satisfies(a -> assertThat(a.channel()).isEqualTo(ContactMethodType.VOICE));
    }

    @Test
    void anAlertStormIsHeldToTheSmsLimitAndBundled() {
        var stan = reachable("Stan Storm", ContactMethodType.SMS, uniquePhone());
        String phone = stan.destination();
        int before = twilio.messagesTo(phone).size();
        Instant t0 = clock.instant();

        // Pages that are due together go out as one message.
        var storm = new java.util.ArrayList<Subject>();
        for (int i = 0; i < 3; i++) {
            storm.add(subject("Storm " + i));
            notifications.pageUser(stan.id(), storm.getLast(), "t:" + UUID.randomUUID());
        }
        worker.deliverDue();
        assertThat(twilio.messagesTo(phone)).hasSize(before + 1);
        assertThat(twilio.messagesTo(phone).getLast().body()).startsWith("Tocsin: 3 new alerts: ")
                .contains(storm.get(0).key()).contains(storm.get(1).key()).contains(storm.get(2).key());

        // About one a minute: the next page waits for its minute.
        var next = subject("Next");
        page(stan, next);
        worker.deliverDue();
        assertThat(twilio.messagesTo(phone)).hasSize(before + 1);
        clock.advance(Duration.ofMinutes(1));
        worker.deliverDue();
        assertThat(twilio.messagesTo(phone)).hasSize(before + 2);
        assertThat(twilio.messagesTo(phone).getLast().body()).startsWith("Tocsin [" + next.key() + "]");

        // Three more, a minute apart, reach the limit of five in 15 minutes; the rest wait and go out as one.
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            notifications.pageUser(stan.id(), subject("Later " + i), "t:" + UUID.randomUUID());
            worker.deliverDue();
        }
        assertThat(twilio.messagesTo(phone)).hasSize(before + 5);
        clock.setTo(t0.plus(Duration.ofMinutes(15)).minusSeconds(1));
        worker.deliverDue();
        assertThat(twilio.messagesTo(phone)).hasSize(before + 5);
        clock.setTo(t0.plus(Duration.ofMinutes(15)));
        worker.deliverDue();
        assertThat(twilio.messagesTo(phone)).hasSize(before + 6);
        assertThat(twilio.messagesTo(phone).getLast().body()).startsWith("Tocsin: 2 new alerts: ");

        // "ack" answers every page of the latest bundle.
        var reply = twilio.inboundSms(smsHook(), phone, "ack");
        assertThat(reply.body()).contains("Acknowledged").containsPattern("Acknowledged TST-\\d+\\. Acknowledged TST-\\d+\\.");

        var log = notifications.forSubject(storm.get(1).type(), storm.get(1).id());
        assertThat(log).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.BUNDLED);
            assertThat(d.bundleId()).isNotNull();
            assertThat(d.sentAt()).isNotNull();
        });
        assertThat(notifications.delivery(log.getFirst().bundleId()).bundleSize()).isEqualTo(3);
    }

    @Test
    void transientProviderFailuresAreRetriedWithBackoffAndLogged() {
        var rob = reachable("Rob Retry", ContactMethodType.SMS, uniquePhone());
        String phone = rob.destination();
        var subject = subject("Flaky provider");
        twilio.failNext(phone, 2, 503);
        page(rob, subject);

        worker.deliverDue();
        var delivery = notifications.forSubject(subject.type(), subject.id()).getFirst();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.attempts()).isEqualTo(1);
        assertThat(delivery.lastError()).contains("HTTP 503");
        assertThat(delivery.notBefore()).isEqualTo(clock.instant().plusSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        assertThat(notifications.delivery(delivery.id()).notBefore()).as("backoff doubles").isEqualTo(clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        worker.deliverDue();

        var sent = notifications.delivery(delivery.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.retries()).isEqualTo(2);
        assertThat(sent.providerId()).isEqualTo(twilio.messagesTo(phone).getLast().sid());
        var logged = rob.api().get("/api/v1/notify/deliveries?subjectType=" + subject.type() + "&subjectId=" + subject.id())
                .expect(200).json().get(0);
        assertThat(logged.get("channel").asString()).isEqualTo("SMS");
        assertThat(logged.get("destination").asString()).isEqualTo(phone);
        String asSeenByColleague = newUser(Role.RESPONDER, "Colleague").get("/api/v1/notify/deliveries?subjectType="
                + subject.type() + "&subjectId=" + subject.id()).expect(200).json().get(0).get("destination").asString();
        assertThat(asSeenByColleague).as("a colleague sees that, not where").startsWith("+49***").doesNotContain(phone.substring(5));
        assertThat(logged.get("retries").asInt()).isEqualTo(2);
        assertThat(logged.get("providerId").asString()).startsWith("SM");
        assertThat(logged.get("attemptLog")).hasSize(3);
        assertThat(logged.get("attemptLog").get(0).get("outcome").asString()).isEqualTo("RETRY");
        assertThat(logged.get("attemptLog").get(0).get("error").asString()).contains("503");
        assertThat(logged.get("attemptLog").get(2).get("outcome").asString()).isEqualTo("SENT");
        var mine = new java.util.ArrayList<String>();
        rob.api().get("/api/v1/me/deliveries").expect(200).json().forEach(d -> mine.add(d.get("kind").asString() + " " + d.get("id").asString()));
        assertThat(mine).containsExactlyInAnyOrder("PAGE " + delivery.id(), "VERIFICATION " + twilioVerification(rob.api()));
    }

    private String twilioVerification(Api person) {
        return jdbc.sql("select id from notify_delivery where user_id = ? and kind = 'VERIFICATION'").param(id(person))
                .query(String.class).single();
    }

    @Test
    void aPermanentProviderErrorFailsAtOnce() {
        var pia = reachable("Pia Permanent", ContactMethodType.SMS, uniquePhone());
        String phone = pia.destination();
        var subject = subject("Unsubscribed");
        twilio.failNext(phone, 1, 400);
        page(pia, subject);
        worker.deliverDue();
        var failed = notifications.forSubject(subject.type(), subject.id()).getFirst();
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("HTTP 400").contains("21610");
    }

}
