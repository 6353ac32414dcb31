package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tocsin.alerts.internal.AlertRules;
import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, point 5 (R14): two identical nodes on one PostgreSQL behave as one. A change made through one node
 * reaches a browser watching the incident on the other (server-sent events relayed by LISTEN/NOTIFY), cached keys
 * and alert rules are dropped on the other node within 2 s (their caches would otherwise keep them 30 s and 5 s),
 * an integration's rate limit is one allowance for the cluster, not one per node, and a login on one node is a
 * login on every node.
 */
class ClusterModeTest {

    private static final Duration WITHIN = Duration.ofSeconds(2);

    @Test
    void twoNodesShareLiveUpdatesCachesAndRateLimits() throws Exception {
        // H2 is the single-node database; a cluster needs PostgreSQL. Run with -Dtocsin.test.db=postgresql.
        Assumptions.assumeTrue(TestDatabase.postgres(), "a cluster needs PostgreSQL");
        var db = TestDatabase.create();
        try (var one = RunningApp.start(db); var two = RunningApp.start(db)) {
            var admin = one.bean(Identity.class).findByEmail("admin@tocsin.local").orElseThrow();
            String token = one.bean(ApiTokens.class).create(admin.id(), "cluster").token();
            var viaOne = new Api(one.baseUrl(), token);
            var viaTwo = new Api(two.baseUrl(), token);
            String password = "password-long-enough-" + System.nanoTime();
            String email = "rita." + System.nanoTime() + "@example.org";
            one.bean(Identity.class).createUser(new Identity.NewUser("Rita", email, "Europe/Berlin", "en",
                    Role.RESPONDER, password));

            // Live updates: Rita watches the incident on node two; the change is made through node one.
            String key = viaOne.post("/api/v1/incidents", Map.of("summary", "Checkout down", "severity", 2))
                    .expect(201).json().get("key").asString();
            var browser = two.browserSession(email, password);
            assertThat(browser).as("Rita logs in on node two").isNotNull();
            // Her login is the cluster's (Spring Session in the database): node one knows the same cookie, so a
            // balancer needs no sticky sessions.
            var onOne = browser.send(HttpRequest.newBuilder(URI.create(one.baseUrl() + "/incidents/" + key)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(onOne.statusCode()).as("signed in on node one too, not sent to its login").isEqualTo(200);
            assertThat(onOne.body()).contains("Checkout down");
            var events = new CopyOnWriteArrayList<String>();
            var stream = browser.sendAsync(HttpRequest.newBuilder(URI.create(two.baseUrl() + "/incidents/" + key
                    + "/events")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                    .thenAccept(r -> r.body().forEach(events::add));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("event:ready"));
            viaOne.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "NOTE", "body", "from node one"))
                    .expect(201);
            await().atMost(WITHIN).until(() -> events.contains("event:changed"));
            stream.cancel(true);

            // Integration keys: node two has the key cached; rotated through node one, it stops working there too (an
            // unknown routing key is a 400, as PagerDuty answers it).
            String serviceId = viaOne.post("/api/v1/services", Map.of("name", "checkout")).expect(201).json()
                    .get("id").asString();
            var created = viaOne.post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", "pd",
                    "kind", "PAGERDUTY")).expect(201).json();
            String integrationId = created.get("id").asString();
            String oldKey = created.get("key").asString();
            assertThat(trigger(viaTwo, oldKey, "first").status()).isEqualTo(202);
            String newKey = viaOne.post("/api/v1/services/" + serviceId + "/integrations/" + integrationId
                    + "/rotate-key", null).expect(200).json().get("key").asString();
            long rotated = System.nanoTime();
            await().atMost(WITHIN).until(() -> trigger(viaTwo, oldKey, "old").status() == 400);
            assertThat(Duration.ofNanos(System.nanoTime() - rotated)).isLessThan(WITHIN);

            // Rate limits: 10 a minute for a key, wherever its events arrive.
            String limitedKey = viaOne.post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", "pd2",
                    "kind", "PAGERDUTY", "rateLimitPerMinute", 10)).expect(201).json().get("key").asString();
            int accepted = 0;
            int limited = 0;
            for (int i = 0; i < 12; i++) {
                var response = trigger(i % 2 == 0 ? viaOne : viaTwo, limitedKey, "burst-" + i);
                if (response.status() == 202) {
                    accepted++;
                } else if (response.status() == 429) {
                    limited++;
                    assertThat(response.header("Retry-After")).isNotBlank();
                }
            }
            assertThat(accepted).as("one allowance for both nodes").isEqualTo(10);
            assertThat(limited).isEqualTo(2);
            assertThat(trigger(viaTwo, newKey, "new").status()).as("the rotated key works on node two").isEqualTo(202);

            // Alert rules: node two has the rule cached; a change through node one reaches it within 2 s.
            var rules = two.bean(AlertRules.class);
            var before = rules.cached(java.util.UUID.fromString(serviceId));
            var rule = viaOne.get("/api/v1/services/" + serviceId + "/alert-rules").expect(200).json();
            var body = Api.JSON.convertValue(rule, Map.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> changed = new java.util.HashMap<>(body);
            changed.put("thresholdCount", before.thresholdCount() + 3);
            viaOne.put("/api/v1/services/" + serviceId + "/alert-rules", changed).expect(200);
            await().atMost(WITHIN).until(() -> rules.cached(java.util.UUID.fromString(serviceId)).thresholdCount()
                    == before.thresholdCount() + 3);
        }
    }

    private static Api.Response trigger(Api node, String key, String dedup) {
        return node.post("/v2/enqueue", Map.of("routing_key", key, "event_action", "trigger", "dedup_key", dedup,
                "payload", Map.of("summary", "Disk full", "source", "db-1", "severity", "critical")));
    }
}
