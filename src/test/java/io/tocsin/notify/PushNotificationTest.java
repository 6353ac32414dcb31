package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.notify.internal.VapidKeys;
import io.tocsin.notify.internal.WebPushCrypto;
import io.tocsin.support.Api;
import io.tocsin.support.FakePushService;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Web Push without a vendor's cloud (R12 push first, issue 19 point 1), against a push service that implements
 * RFC 8030 and checks VAPID (RFC 8292) and decrypts (RFC 8291) as a browser would: a device becomes a verified
 * contact method by the code pushed to it; a page arrives with Acknowledge and Resolve actions whose signed links
 * answer once; 404/410 remove the subscription and tell its owner; 429 waits for Retry-After; the VAPID private
 * key is stored encrypted.
 */
class PushNotificationTest extends NotifyTestBase {

    @Autowired
    FakePushService push;

    @Autowired
    VapidKeys vapid;

    /** Subscribes the device, reads the code it was pushed and verifies it; returns the method id. */
    private String subscribe(Api user, FakePushService.Device device) {
        var created = user.post("/api/v1/me/contact-methods", device.contactMethod("Phone")).expect(201).json();
        assertThat(created.get("type").asString()).isEqualTo("PUSH");
        assertThat(created.get("verified").asBoolean()).isFalse();
        worker.deliverDue();
        var message = device.received().getLast().payload();
        assertThat(message.get("kind").asString()).isEqualTo("verification");
        user.post("/api/v1/me/contact-methods/" + created.get("id").asString() + "/verify",
                Map.of("code", message.get("code").asString())).expect(200);
        return created.get("id").asString();
    }

    private Reachable pushable(String name, FakePushService.Device device) {
        Api api = newUser(Role.RESPONDER, name);
        String methodId = subscribe(api, device);
        rule(api, methodId, 0);
        return new Reachable(api, id(api), device.endpoint(), methodId);
    }

    @Test
    void aDeviceIsVerifiedByTheCodePushedToItSignedWithTheAdvertisedVapidKey() {
        Api pia = newUser(Role.RESPONDER, "Pia Push");
        String key = pia.get("/api/v1/notify/push/public-key").expect(200).json().get("publicKey").asString();
        assertThat(WebPushCrypto.fromBase64Url(key)).hasSize(65).startsWith((byte) 4);
        var device = push.newDevice();
        var created = pia.post("/api/v1/me/contact-methods", device.contactMethod("Pixel")).expect(201).json();
        worker.deliverDue();

        var message = device.received().getLast();
        assertThat(message.vapidKey()).as("signed with the key browsers subscribed with").isEqualTo(key);
        assertThat(message.ttl()).isEqualTo("3600");
        assertThat(message.payload().get("body").asString()).matches("Your Tocsin verification code is \\d{6}\\.");
        pia.post("/api/v1/me/contact-methods/" + created.get("id").asString() + "/verify",
                Map.of("code", message.payload().get("code").asString())).expect(200);
        var method = pia.get("/api/v1/me/contact-methods/" + created.get("id").asString()).expect(200).json();
        assertThat(method.get("verified").asBoolean()).isTrue();
        assertThat(method.get("destination").asString()).isEqualTo(device.endpoint());
        assertThat(contactMethods.usersWithoutVerifiedMethod(java.util.List.of(id(pia)))).isEmpty();
    }

    @Test
    void aPageArrivesWithAcknowledgeAndResolveActionsThatAnswerOnce() {
        var device = push.newDevice();
        var paul = pushable("Paul Pager", device);
        var subject = subject("Checkout down");
        var deliveries = page(paul, subject);
        worker.deliverDue();

        var message = device.received().getLast();
        assertThat(message.urgency()).isEqualTo("high");
        JsonNode p = message.payload();
        assertThat(p.get("kind").asString()).isEqualTo("page");
        assertThat(p.get("title").asString()).isEqualTo("Tocsin: " + subject.key());
        assertThat(p.get("body").asString()).isEqualTo("Severity 1: Checkout down");
        assertThat(p.get("url").asString()).isEqualTo(subject.link());
        assertThat(p.get("actions")).extracting(a -> a.get("action").asString()).containsExactly("acknowledge", "resolve");
        var sent = notifications.delivery(deliveries.getFirst().id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.providerId()).isEqualTo(message.location());

        // What the service worker does when the Acknowledge action is pressed: POST the link.
        String ack = p.get("acknowledgeUrl").asString();
        assertThat(browse("POST", ack).status()).isEqualTo(200);
        assertThat(handler.answersFor(subject.id())).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo(AnswerAction.ACKNOWLEDGE);
            assertThat(a.channel()).isEqualTo(ContactMethodType.PUSH);
            assertThat(a.userId()).isEqualTo(paul.id());
        });
        assertThat(browse("POST", ack).status()).as("single use").isEqualTo(410);
        assertThat(browse("POST", p.get("resolveUrl").asString()).status()).isEqualTo(200);
        assertThat(handler.answersFor(subject.id())).extracting(Answer::action)
                .containsExactly(AnswerAction.ACKNOWLEDGE, AnswerAction.RESOLVE);
    }

    @Test
    void aForgedOrAlteredPushAnswerLinkIsRefusedAndAcknowledgesNothing() {
        var device = push.newDevice();
        var fay = pushable("Fay Forged", device);
        var subject = subject("Queue stuck");
        page(fay, subject);
        worker.deliverDue();
        String ack = device.received().getLast().payload().get("acknowledgeUrl").asString();
        String token = ack.substring(ack.lastIndexOf('/') + 1);
        String payload = token.substring(0, token.indexOf('.'));
        String altered = payload.substring(0, payload.length() - 2) + (payload.endsWith("AA") ? "AB" : "AA")
                + token.substring(token.indexOf('.'));
        assertThat(browse("POST", ack.replace(token, altered)).status()).isEqualTo(403);
        assertThat(browse("POST", ack.replace(token, "bm90LmEudG9rZW4")).status()).isEqualTo(403);
        assertThat(browse("POST", baseUrl() + "/notify/answer/" + payload + ".c2lnbmF0dXJl").status()).isEqualTo(403);
        assertThat(handler.answersFor(subject.id())).isEmpty();
        assertThat(jdbc.sql("select count(*) from notify_answer where subject_id = ?").param(subject.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredSubscriptionIsRemovedAndItsOwnerToldByMail() {
        for (int status : new int[] {410, 404}) {
            var device = push.newDevice();
            var ed = pushable("Ed Expired " + status, device);
            String email = identity.findUser(ed.id()).orElseThrow().email();
            if (status == 410) {
                device.unsubscribe();
            } else {
                device.answerNext(1, 404, null);
            }
            var subject = subject("Disk full");
            var delivery = page(ed, subject).getFirst();
            worker.deliverDue();

            var failed = notifications.delivery(delivery.id());
            assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(failed.lastError()).contains("HTTP " + status).contains("removed");
            ed.api().get("/api/v1/me/contact-methods/" + ed.methodId()).expect(404);
            assertThat(jdbc.sql("select count(*) from notify_push_subscription where contact_method_id = ?")
                    .param(java.util.UUID.fromString(ed.methodId())).query(Long.class).single()).isZero();
            assertThat(contactMethods.rulesOf(ed.id())).isEmpty();
            assertThat(contactMethods.usersWithoutVerifiedMethod(java.util.List.of(ed.id()))).containsExactly(ed.id());
            worker.deliverDue();
            assertThat(TestMailServer.mailTo(email)).singleElement()
                    .satisfies(m -> assertThat(TestMailServer.subject(m)).isEqualTo("Push notifications to Phone stopped"));
        }
    }

    @Test
    void tooManyRequestsWaitsForRetryAfterAndThenDeliversOnce() {
        var device = push.newDevice();
        var rita = pushable("Rita Retry", device);
        int before = device.received().size();
        device.answerNext(1, 429, "120");
        var subject = subject("Rate limited");
        var delivery = page(rita, subject).getFirst();
        worker.deliverDue();

        var waiting = notifications.delivery(delivery.id());
        assertThat(waiting.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(waiting.lastError()).contains("HTTP 429");
        assertThat(waiting.notBefore()).as("Retry-After, not the 30 s backoff").isEqualTo(clock.instant().plusSeconds(120));
        clock.advance(Duration.ofSeconds(60));
        worker.deliverDue();
        assertThat(device.received()).hasSize(before);
        clock.advance(Duration.ofSeconds(60));
        worker.deliverDue();
        worker.deliverDue();
        assertThat(device.received()).hasSize(before + 1);
        assertThat(notifications.delivery(delivery.id()).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(notifications.delivery(delivery.id()).retries()).isEqualTo(1);
    }

    @Test
    void badSubscriptionsAreRefusedFieldByField() {
        Api bo = newUser(Role.RESPONDER, "Bo Bad");
        var device = push.newDevice();
        var offCurve = WebPushCrypto.fromBase64Url(device.p256dh());
        offCurve[64] ^= 1;
        var bodies = Map.of(
                "keys", Map.of("type", "PUSH", "destination", device.endpoint()),
                "keys.p256dh", Map.of("type", "PUSH", "destination", device.endpoint(),
                        "keys", Map.of("p256dh", WebPushCrypto.base64Url(offCurve), "auth", device.auth())),
                "keys.auth", Map.of("type", "PUSH", "destination", device.endpoint(),
                        "keys", Map.of("p256dh", device.p256dh(), "auth", "c2hvcnQ")),
                "destination", Map.of("type", "PUSH", "destination", "ftp://push.example.net/x",
                        "keys", Map.of("p256dh", device.p256dh(), "auth", device.auth())));
        bodies.forEach((field, body) -> {
            var problem = bo.post("/api/v1/me/contact-methods", body).expect(422).json();
            assertThat(problem.toString()).as(field).contains("\"" + field + "\"");
        });
        assertThat(bo.get("/api/v1/me/contact-methods").expect(200).json()).isEmpty();
    }

    @Test
    void theVapidPrivateKeyIsStoredEncrypted() {
        var pair = vapid.keys();
        String stored = jdbc.sql("select secret from notify_secret where name = 'vapid'").query(String.class).single();
        byte[] scalar = WebPushCrypto.encode((java.security.interfaces.ECPrivateKey) pair.getPrivate());
        assertThat(stored).startsWith("v1.").doesNotContain(WebPushCrypto.base64Url(scalar))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(scalar))
                .doesNotContain(java.util.HexFormat.of().formatHex(scalar));
        assertThat(stored).endsWith("." + vapid.publicKey());
    }
}
