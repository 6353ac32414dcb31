package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.tocsin.support.FakeVonage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SMS and voice without one vendor (R12, issue 19 point 2): Vonage behind the same interface as Twilio, against a
 * fake of Vonage's SMS and Voice APIs and its signatures. When Twilio answers 500 the page goes out through Vonage,
 * exactly once, and the delivery log says so; Vonage's signed inbound SMS and call digits answer like Twilio's;
 * spoofed Vonage callbacks (no, wrong or stale signature, a body changed after signing) are refused and answer
 * nothing.
 */
class TelephonyFallbackTest extends NotifyTestBase {

    @Autowired
    FakeVonage vonage;

    @BeforeEach
    void vonageOn() {
        vonage.enable();
    }

    @AfterEach
    void vonageOff() {
        vonage.disable();
    }

    private String smsHook() {
        return baseUrl() + "/hooks/vonage/sms";
    }

    @Test
    void whenTwilioAnswers500ThePageGoesOutThroughVonageExactlyOnce() {
        var fred = reachable("Fred Fallback", ContactMethodType.SMS, uniquePhone());
        String phone = fred.destination();
        int twilioBefore = twilio.messagesTo(phone).size();
        twilio.failNext(phone, 1, 500);
        var subject = subject("Payments down");
        var delivery = page(fred, subject).getFirst();
        worker.deliverDue();

        assertThat(vonage.messagesTo(phone)).singleElement().satisfies(sms -> {
            assertThat(sms.text()).startsWith("Tocsin [" + subject.key() + "] Payments down.");
            assertThat(sms.from()).isEqualTo(FakeVonage.FROM.substring(1));
        });
        assertThat(twilio.messagesTo(phone)).hasSize(twilioBefore);
        var sent = notifications.delivery(delivery.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.providerId()).isEqualTo("vonage:" + vonage.messagesTo(phone).getFirst().id());
        var logged = fred.api().get("/api/v1/me/deliveries").expect(200).json();
        assertThat(logged.toString()).contains("vonage:" + vonage.messagesTo(phone).getFirst().id());

        clock.advance(Duration.ofMinutes(30));
        worker.deliverDue();
        assertThat(vonage.messagesTo(phone)).as("exactly once").hasSize(1);
        assertThat(twilio.messagesTo(phone)).hasSize(twilioBefore);

        String messageId = vonage.messagesTo(phone).getFirst().id();
        String dlr = baseUrl() + "/hooks/vonage/dlr";
        var forged = receipt(messageId, "delivered");
        forged.put("sig", io.tocsin.notify.internal.VonageSignatures.smsSignature(forged, "wrong-secret"));
        assertThat(vonage.postForm(dlr, forged).status()).as("signed with another secret").isEqualTo(403);
        var unsigned = receipt(messageId, "delivered");
        assertThat(vonage.postForm(dlr, unsigned).status()).as("unsigned").isEqualTo(403);
        var tampered = receipt(messageId, "failed");
        tampered.put("sig", io.tocsin.notify.internal.VonageSignatures.smsSignature(tampered, vonage.signatureSecret()));
        tampered.put("status", "delivered");
        assertThat(vonage.postForm(dlr, tampered).status()).as("status changed after signing").isEqualTo(403);
        assertThat(receiptOf(delivery.id())).as("nothing forged was recorded").containsExactly(null, null);

        var failed = receipt(messageId, "failed");
        failed.put("err-code", "6");
        failed.put("sig", io.tocsin.notify.internal.VonageSignatures.smsSignature(failed, vonage.signatureSecret()));
        assertThat(vonage.postForm(dlr, failed).status()).isEqualTo(204);
        assertThat(receiptOf(delivery.id())).containsExactly("failed", "6");
        var delivered = receipt(messageId, "delivered");
        delivered.put("sig", io.tocsin.notify.internal.VonageSignatures.smsSignature(delivered, vonage.signatureSecret()));
        assertThat(vonage.postForm(dlr, delivered).status()).isEqualTo(204);
        assertThat(receiptOf(delivery.id())).containsExactly("delivered", null);
    }

    /** Vonage's DLR parameters (before signing) for a message it sent. */
    private java.util.Map<String, String> receipt(String messageId, String status) {
        var params = new java.util.LinkedHashMap<String, String>();
        params.put("msisdn", "4930123456");
        params.put("to", FakeVonage.FROM.substring(1));
        params.put("network-code", "26201");
        params.put("messageId", messageId);
        params.put("price", "0.03330000");
        params.put("status", status);
        params.put("scts", "2612011200");
        params.put("err-code", "0");
        params.put("message-timestamp", clock.instant().toString().replace('T', ' ').substring(0, 19));
        params.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        params.put("nonce", java.util.UUID.randomUUID().toString());
        return params;
    }

    private java.util.List<String> receiptOf(java.util.UUID deliveryId) {
        return jdbc.sql("select receipt_status, receipt_error from notify_delivery where id = ?").param(deliveryId)
                .query((rs, n) -> java.util.Arrays.asList(rs.getString(1), rs.getString(2))).single();
    }

    @Test
    void whenEveryProviderFailsTheDeliveryIsRetriedNamingBoth() {
        var bea = reachable("Bea Both", ContactMethodType.SMS, uniquePhone());
        twilio.failNext(bea.destination(), 1, 503);
        vonage.failNext(bea.destination(), 1, 500);
        var delivery = page(bea, subject("Everything down")).getFirst();
        worker.deliverDue();
        var waiting = notifications.delivery(delivery.id());
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(waiting.lastError()).contains("twilio: Twilio Messages.json HTTP 503").contains("vonage: Vonage SMS HTTP 500");
        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        assertThat(twilio.messagesTo(bea.destination()).getLast().body()).contains("Everything down");
        assertThat(vonage.messagesTo(bea.destination())).isEmpty();
    }

    @Test
    void aCallThroughVonageTakesTheDigitSignedByVonage() {
        var vic = reachable("Vic Vonage", ContactMethodType.VOICE, uniquePhone());
        twilio.failNext(vic.destination(), 1, 500);
        var subject = subject("Database failover");
        page(vic, subject);
        worker.deliverDue();

        var call = vonage.callsTo(vic.destination()).getLast();
        assertThat(call.ncco().get(0).get("text").asString()).contains("Database failover")
                .contains("Press 1 to acknowledge. Press 6 to resolve.");
        assertThat(call.eventUrl()).startsWith(baseUrl() + "/hooks/vonage/voice/");

        String body = vonage.inputEvent(call, "1");
        assertThat(vonage.postJson(call.eventUrl(), body, null).status()).as("unsigned").isEqualTo(403);
        assertThat(vonage.postJson(call.eventUrl(), body, "Bearer " + vonage.callbackToken(body, "wrong-secret")).status())
                .as("signed with another secret").isEqualTo(403);
        assertThat(vonage.postJson(call.eventUrl(), vonage.inputEvent(call, "6"), "Bearer "
                + vonage.callbackToken(body, vonage.signatureSecret())).status()).as("body changed after signing").isEqualTo(403);
        var otherCall = new FakeVonage.Call(java.util.UUID.randomUUID().toString(), call.to(), call.from(), call.ncco());
        assertThat(vonage.press(otherCall, "1").body()).as("a call we did not place").isEqualTo("[]");
        assertThat(handler.answersFor(subject.id())).isEmpty();

        var pressed = vonage.press(call, "1");
        assertThat(pressed.status()).isEqualTo(200);
        assertThat(pressed.body()).contains("\"action\":\"talk\"").contains("Acknowledged");
        assertThat(handler.answersFor(subject.id())).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo(AnswerAction.ACKNOWLEDGE);
            assertThat(a.channel()).isEqualTo(ContactMethodType.VOICE);
        });
    }

    @Test
    void vonageSmsRepliesAnswerAndSpoofedOnesAreRefused() {
        var sue = reachable("Sue Signed", ContactMethodType.SMS, uniquePhone());
        String phone = sue.destination();
        var subject = subject("Login broken");
        page(sue, subject);
        worker.deliverDue();

        var unsigned = vonage.inboundParams(phone, "ack");
        assertThat(vonage.postForm(smsHook(), unsigned).status()).as("no sig").isEqualTo(403);
        var wrong = vonage.inboundParams(phone, "ack");
        wrong.put("sig", io.tocsin.notify.internal.VonageSignatures.smsSignature(wrong, "wrong-secret"));
        assertThat(vonage.postForm(smsHook(), wrong).status()).as("another secret").isEqualTo(403);
        var tampered = vonage.inboundParams(phone, "ack");
        tampered.put("sig", io.tocsin.notify.internal.VonageSignatures.smsSignature(tampered, vonage.signatureSecret()));
        tampered.put("text", "close");
        assertThat(vonage.postForm(smsHook(), tampered).status()).as("text changed after signing").isEqualTo(403);
        var stale = vonage.inboundParams(phone, "ack");
        stale.put("timestamp", Long.toString(clock.instant().minus(Duration.ofMinutes(10)).getEpochSecond()));
        stale.put("sig", io.tocsin.notify.internal.VonageSignatures.smsSignature(stale, vonage.signatureSecret()));
        assertThat(vonage.postForm(smsHook(), stale).status()).as("replayed after ten minutes").isEqualTo(403);
        assertThat(handler.answersFor(subject.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from notify_answer where subject_id = ?").param(subject.id())
                .query(Long.class).single()).isZero();

        assertThat(vonage.inboundSms(smsHook(), phone, "ack").status()).isEqualTo(204);
        assertThat(handler.answersFor(subject.id())).singleElement()
                .satisfies(a -> assertThat(a.channel()).isEqualTo(ContactMethodType.SMS));
        assertThat(vonage.messagesTo(phone)).singleElement()
                .satisfies(reply -> assertThat(reply.text()).isEqualTo("Acknowledged " + subject.key() + "."));
    }
}
