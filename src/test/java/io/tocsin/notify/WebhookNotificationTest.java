package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Outgoing webhooks (R12, issue 5 point 5): signed with HMAC-SHA256, with timeouts, and never to private or loopback
 * addresses unless an administrator allowed the target. The local receiver here is reachable only because the test
 * allows loopback explicitly.
 */
class WebhookNotificationTest extends NotifyTestBase {

    @Autowired
    WebhookReceiver receiver;

    @Autowired
    NotifySettings settings;

    static String hmac(String secret, String text) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** An administrator adds a loopback webhook for the person, who verifies it with the code it received. */
    String allowedLoopbackWebhook(Api person, String url, String[] secret) {
        var created = admin().post("/api/v1/users/" + id(person) + "/contact-methods", Map.of("type", "WEBHOOK",
                "name", "Team chat", "destination", url, "allowPrivateTarget", true)).expect(201).json();
        secret[0] = created.get("webhookSecret").asString();
        assertThat(secret[0]).hasSize(64);
        assertThat(person.get("/api/v1/me/contact-methods").expect(200).body()).doesNotContain(secret[0]);
        worker.deliverDue();
        var verification = receiver.received(url).getLast();
        String code = verificationCode(verification.body());
        String methodId = created.get("id").asString();
        person.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code)).expect(200);
        return methodId;
    }

    private static String verificationCode(String body) {
        return io.tocsin.support.Api.JSON.readTree(body).get("verificationCode").asString();
    }

    @Test
    void aWebhookToLoopbackIsRefusedByDefault() {
        Api eve = newUser(Role.RESPONDER, "Eve Ssrf");
        String url = receiver.newUrl();
        long before = count("contact_method");
        for (String target : new String[] {url, url.replace("127.0.0.1", "localhost"), "http://169.254.169.254/latest",
                "http://10.0.0.1/hook", "http://[::1]/hook"}) {
            var refused = eve.post("/api/v1/me/contact-methods", Map.of("type", "WEBHOOK", "destination", target)).expect(422);
            assertThat(refused.json().get("errors").get(0).get("message").asString()).as(target)
                    .contains("administrator must allow");
        }
        assertThat(count("contact_method")).isEqualTo(before);
        assertThat(receiver.received(url)).isEmpty();
    }

    @Test
    void anAllowedWebhookGetsSignedPagesWithAnswerLinks() throws Exception {
        Api will = newUser(Role.RESPONDER, "Will Webhook");
        String url = receiver.newUrl();
        String[] secret = new String[1];
        String methodId = allowedLoopbackWebhook(will, url, secret);
        rule(will, methodId, 0);
        var subject = subject("Payments failing");

        notifications.pageUser(id(will), subject, "t:" + UUID.randomUUID());
        worker.deliverDue();
        var page = receiver.received(url).getLast();
        String timestamp = page.header("X-Tocsin-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(page.header("X-Tocsin-Signature")).isEqualTo("v1=" + hmac(secret[0], "v1:" + timestamp + ":" + page.body()));
        assertThat(page.header("X-Tocsin-Signature")).isNotEqualTo("v1=" + hmac("another-secret", "v1:" + timestamp + ":" + page.body()));
        assertThat(page.header("Content-Type")).startsWith("application/json");
        JsonNode json = Api.JSON.readTree(page.body());
        assertThat(json.get("type").asString()).isEqualTo("page");
        assertThat(json.get("text").asString()).startsWith("[" + subject.key() + "] Payments failing");
        assertThat(json.get("subject").get("key").asString()).isEqualTo(subject.key());
        assertThat(json.get("deliveryId").asString()).isEqualTo(page.header("X-Tocsin-Delivery"));

        assertThat(browse("POST", json.get("acknowledgeUrl").asString()).body()).contains("is acknowledged");
        assertThat(handler.answersFor(subject.id())).singleElement()
                .satisfies(a -> assertThat(a.channel()).isEqualTo(ContactMethodType.WEBHOOK));
        assertThat(notifications.delivery(UUID.fromString(json.get("deliveryId").asString())).providerId())
                .isEqualTo("HTTP 200");
    }

    @Test
    void aTargetNoLongerAllowedIsRefusedAtSendTimeAndNothingIsSent() {
        Api tom = newUser(Role.RESPONDER, "Tom Turned");
        String url = receiver.newUrl();
        String methodId = allowedLoopbackWebhook(tom, url, new String[1]);
        rule(tom, methodId, 0);
        int before = receiver.received(url).size();
        // As if the administrator withdrew the permission (or the name now resolved to an internal address).
        jdbc.sql("update contact_method set private_target_allowed = false where id = ?").param(UUID.fromString(methodId)).update();

        var subject = subject("Should not leave");
        notifications.pageUser(id(tom), subject, "t:" + UUID.randomUUID());
        worker.deliverDue();
        var delivery = notifications.forSubject(subject.type(), subject.id()).getFirst();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(delivery.lastError()).startsWith("refused target: ").contains("127.0.0.1");
        assertThat(receiver.received(url)).hasSize(before);
    }

    @Test
    void aSlowOrFailingReceiverTimesOutAndIsRetried() {
        Api sly = newUser(Role.RESPONDER, "Sly Slow");
        String url = receiver.newUrl();
        rule(sly, allowedLoopbackWebhook(sly, url, new String[1]), 0);
        var subject = subject("Slow chat");
        var timeout = settings.getWebhook().getResponseTimeout();
        settings.getWebhook().setResponseTimeout(Duration.ofMillis(300));
        try {
            receiver.respondWith(url, 200, 1500);
            notifications.pageUser(id(sly), subject, "t:" + UUID.randomUUID());
            worker.deliverDue();
        } finally {
            settings.getWebhook().setResponseTimeout(timeout);
        }
        var delivery = notifications.forSubject(subject.type(), subject.id()).getFirst();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.lastError()).contains("Timeout");

        receiver.respondWith(url, 500, 0);
        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        assertThat(notifications.delivery(delivery.id()).lastError()).isEqualTo("webhook answered HTTP 500");

        receiver.respondWith(url, 200, 0);
        clock.advance(Duration.ofMinutes(1));
        worker.deliverDue();
        var sent = notifications.delivery(delivery.id());
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.retries()).isEqualTo(2);
    }
}
