package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.declare;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Signed webhook subscribers of a status page end to end (issue 11 point 6, R22/R25 external side): a visitor
 * registers an endpoint and gets the secret once; the endpoint (a real HTTP server in this test, which checks
 * every signature) must answer the test ping with its challenge before it gets anything; then publication,
 * update and resolution reach it as signed Statuspage-shaped bodies through notify's outbox. A 429 is retried no
 * sooner than its Retry-After, a 410 fails at once, repeated failures disable the subscriber and mail its owner,
 * and the unsubscribe link in every body ends it. Bad input is refused as problem+json, including http and
 * loopback targets unless the settings allow them.
 */
class StatusPageWebhookSubscribersTest extends IntegrationTest {

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @Autowired
    WebhookSettings settings;

    private StatuspageWebhookEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        endpoint = new StatuspageWebhookEndpoint();
        // The subscription path is throttled per address; a minute on gives this test its own allowance.
        clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void stop() {
        endpoint.close();
        settings.setAllowHttp(false);
        settings.setAllowPrivateTargets(false);
        settings.setDisableAfter(5);
    }

    private void deliver() {
        timers.runDue();
        timers.runDue();
        worker.deliverDue();
    }

    private String state(String pageId, String id) {
        return admin().get("/api/v1/status-pages/" + pageId + "/webhook-subscribers").expect(200).json().valueStream()
                .filter(s -> s.get("id").asString().equals(id)).findFirst().orElseThrow().get("state").asString();
    }

    private String register(String slug, String url, String owner) {
        var answer = anonymous().post("/status/" + slug + "/subscriptions/webhooks",
                Map.of("url", url, "email", owner, "language", "de")).expect(201).json();
        assertThat(answer.get("state").asString()).isEqualTo("PENDING");
        String secret = answer.get("secret").asString();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(30);
        endpoint.secret(url, secret);
        return answer.get("id").asString();
    }

    @Test
    void aConfirmedEndpointGetsSignedUpdatesRetriesA429LaterAndADeadOneIsSwitchedOff() {
        settings.setAllowHttp(true);
        settings.setAllowPrivateTargets(true);
        settings.setDisableAfter(2);
        var admin = admin();
        String slug = unique("hooks");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of()).get("id").asString();
        String svc = service(admin, "hooks");
        String api = StatusPageTestSupport.component(admin, pageId, "API", null, List.of(svc)).get("id").asString();
        String good = endpoint.newUrl();
        String busy = endpoint.newUrl();
        String gone = endpoint.newUrl();
        String goodId = register(slug, good, "good@example.org");
        String busyId = register(slug, busy, "busy@example.org");
        String goneId = register(slug, gone, "gone@example.org");
        String silent = endpoint.newUrl();
        String silentId = register(slug, silent, "silent@example.org");
        endpoint.then(silent, 200, null);
        assertThat(jdbc.sql("select secret from status_webhook_subscriber where id = ?").param(UUID.fromString(goodId))
                .query(String.class).single()).as("the secret is kept sealed").doesNotContain("whsec_");

        deliver();
        await().atMost(Duration.ofSeconds(10)).until(() -> state(pageId, goodId).equals("ACTIVE")
                && state(pageId, busyId).equals("ACTIVE") && state(pageId, goneId).equals("ACTIVE"));
        assertThat(endpoint.received(good)).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo("ping");
            assertThat(r.signatureValid()).isTrue();
        });
        assertThat(state(pageId, silentId)).as("a 200 without the challenge confirms nothing").isEqualTo("PENDING");

        // Publication: everyone confirmed hears of it, signed, shaped like Statuspage's incident webhooks.
        String key = declare(admin, svc, "API errors " + slug);
        String incidentId = admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents", List.of(key),
                "name", "API errors", "body", "Some calls fail.", "components", Map.of(api, "PARTIAL_OUTAGE")))
                .expect(201).json().get("id").asString();
        endpoint.then(busy, 429, "120");
        endpoint.then(gone, 410, null);
        deliver();
        var first = endpoint.events(good);
        assertThat(first).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.event()).isEqualTo("incident.investigating");
            assertThat(r.body().get("page").get("id").asString()).isEqualTo(pageId);
            assertThat(r.body().get("page").get("status_indicator").asString()).isEqualTo("major");
            assertThat(r.body().get("incident").get("id").asString()).isEqualTo(incidentId);
            assertThat(r.body().get("incident").get("status").asString()).isEqualTo("investigating");
            assertThat(r.body().get("incident").get("incident_updates").get(0).get("body").asString())
                    .isEqualTo("Some calls fail.");
            assertThat(r.body().get("meta").get("unsubscribe").asString()).contains("/status/" + slug
                    + "/subscriptions/" + goodId + "/unsubscribe?token=");
        });
        assertThat(endpoint.events(silent)).as("unconfirmed: nothing").isEmpty();

        // 429 with Retry-After: 120 s: not at the 30 s backoff, only once the two minutes are over.
        assertThat(endpoint.events(busy)).hasSize(1);
        clock.advance(Duration.ofSeconds(100));
        worker.deliverDue();
        assertThat(endpoint.events(busy)).hasSize(1);
        clock.advance(Duration.ofSeconds(21));
        worker.deliverDue();
        assertThat(endpoint.events(busy)).hasSize(2);
        assertThat(endpoint.events(busy).get(1).answered()).isEqualTo(200);
        var busyLog = admin.get("/api/v1/status-pages/" + pageId + "/webhook-subscribers/" + busyId + "/deliveries")
                .expect(200).json();
        assertThat(busyLog.get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(busyLog.get(0).get("attempts").asInt()).isEqualTo(2);

        // 410 can never succeed: failed after one attempt, no retries.
        var goneLog = admin.get("/api/v1/status-pages/" + pageId + "/webhook-subscribers/" + goneId + "/deliveries")
                .expect(200).json();
        assertThat(goneLog.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(goneLog.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(goneLog.get(0).get("lastError").asString()).contains("HTTP 410");

        // A second failure in a row switches it off and tells the owner.
        endpoint.then(gone, 404, null);
        admin.post("/api/v1/status-pages/" + pageId + "/public-incidents/" + incidentId + "/updates",
                Map.of("status", "IDENTIFIED", "body", "We found the cause.")).expect(200);
        deliver();
        await().atMost(Duration.ofSeconds(10)).until(() -> state(pageId, goneId).equals("DISABLED"));
        assertThat(endpoint.events(good)).hasSize(2);
        assertThat(endpoint.events(good).get(1).event()).isEqualTo("incident.identified");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from notify_delivery"
                + " where idempotency_key like ? and destination = 'gone@example.org'")
                .param("mail:statuspage:webhook-disabled:" + goneId + "%").query(Long.class).single() == 1);

        // Resolution: the disabled one hears nothing more; the good one gets the resolved incident.
        admin.post("/api/v1/status-pages/" + pageId + "/public-incidents/" + incidentId + "/updates",
                Map.of("status", "RESOLVED", "body", "Fixed.")).expect(200);
        deliver();
        assertThat(endpoint.events(gone)).hasSize(2);
        var resolved = endpoint.events(good).get(2);
        assertThat(resolved.event()).isEqualTo("incident.resolved");
        assertThat(resolved.body().get("incident").get("resolved_at").isNull()).isFalse();
        assertThat(resolved.body().get("page").get("status_indicator").asString()).isEqualTo("none");

        // Responders cannot see the subscribers; the unsubscribe link in the body ends the subscription.
        newUser(Role.RESPONDER, "Rita Responder").get("/api/v1/status-pages/" + pageId + "/webhook-subscribers")
                .expect(403);
        String unsubscribe = resolved.body().get("meta").get("unsubscribe").asString();
        String path = unsubscribe.substring(unsubscribe.indexOf("/status/"));
        anonymous().send("POST", path, null, null);
        assertThat(admin.get("/api/v1/status-pages/" + pageId + "/webhook-subscribers").expect(200).json().valueStream()
                .map(s -> s.get("id").asString())).doesNotContain(goodId).contains(busyId);
    }

    @Test
    void badRegistrationsAreRefusedAsProblemsAndStoreNothing() {
        var admin = admin();
        String slug = unique("badhooks");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of()).get("id").asString();
        var visitor = anonymous();
        String path = "/status/" + slug + "/subscriptions/webhooks";

        var http = visitor.post(path, Map.of("url", "http://example.org/hook", "email", "a@example.org"));
        assertThat(http.status()).isEqualTo(422);
        assertThat(http.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.body()).contains("\"url\"", "https");

        for (String loopback : List.of("https://127.0.0.1/hook", "https://localhost:8443/x", "https://10.1.2.3/x",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/x")) {
            var refused = visitor.post(path, Map.of("url", loopback, "email", "a@example.org"));
            assertThat(refused.status()).as(loopback).isEqualTo(422);
            assertThat(refused.body()).as(loopback).contains("\"url\"");
        }
        var badMail = visitor.post(path, Map.of("url", "https://example.org/hook", "email", "not an address"));
        assertThat(badMail.status()).isEqualTo(422);
        assertThat(badMail.body()).contains("\"email\"");
        assertThat(visitor.post(path, Map.of("url", "ftp://example.org/x", "email", "a@example.org")).status())
                .isEqualTo(422);
        assertThat(visitor.send("POST", path, "{not json", "application/json").status()).isEqualTo(400);
        assertThat(visitor.send("POST", path, null, null).status()).isBetween(400, 422);
        assertThat(visitor.post("/status/no-such-page-" + UUID.randomUUID() + "/subscriptions/webhooks",
                Map.of("url", "https://example.org/hook", "email", "a@example.org")).status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from status_webhook_subscriber where page_id = ?")
                .param(UUID.fromString(pageId)).query(Long.class).single()).isZero();

        // Throttled per address: 10 a minute, then 429 with Retry-After, refused or not.
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(visitor.post(path, Map.of("url", "http://example.org/" + i, "email", "a@example.org")).status())
                    .isEqualTo(422);
        }
        var throttled = visitor.post(path, Map.of("url", "http://example.org/x", "email", "a@example.org"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("60");
        assertThat(throttled.header("Content-Type")).startsWith("application/problem+json");

        // The same loopback target is accepted once an administrator allows it (the tests' own receiver).
        clock.advance(Duration.ofMinutes(1));
        settings.setAllowHttp(true);
        settings.setAllowPrivateTargets(true);
        visitor.post(path, Map.of("url", endpoint.newUrl(), "email", "a@example.org")).expect(201);
    }
}
