package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Bad input on the PagerDuty endpoint (issue "Bad input" list, R4): each refused with PagerDuty's status and body,
 * and nothing stored (alert, event history and incident counts unchanged). Over-long text is no longer refused but
 * cut and noted (issue 17, see IngestContentContractTest).
 */
class BadInputTest extends AlertTestSupport {

    private long[] counts() {
        return new long[] {count("alert"), count("alert_event"), count("incident"), count("change_event")};
    }

    private void assertInvalid(String body, String errorFragment) {
        var before = counts();
        var r = anonymous().send("POST", "/v2/enqueue", body, "application/json").expect(400).json();
        assertThat(r.get("status").asString()).isEqualTo("invalid event");
        assertThat(r.get("message").asString()).isEqualTo("Event object is invalid");
        assertThat(r.get("errors").toString()).contains(errorFragment);
        assertThat(counts()).isEqualTo(before);
    }

    private static String trigger(String key) {
        return "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"payload\":"
                + "{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"critical\"}}";
    }

    @Test
    void wrongOrMissingRoutingKey() {
        newSource("PAGERDUTY");
        assertInvalid(trigger("ffffffffffffffffffffffffffffffff"), "routing_key");
        assertInvalid("{\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"info\"}}",
                "routing_key");
        // A key of another kind of integration is no PagerDuty key.
        var webhook = newSource("WEBHOOK");
        assertInvalid(trigger(webhook.key()), "routing_key");
    }

    @Test
    void wrongEventActionTypesAndFields() {
        var src = newSource("PAGERDUTY");
        assertInvalid(trigger(src.key()).replace("\"trigger\"", "\"explode\""), "event_action");
        assertInvalid(trigger(src.key()).replace("\"event_action\":\"trigger\",", ""), "event_action");
        assertInvalid(trigger(src.key()).replace("\"severity\":\"critical\"", "\"severity\":5"), "severity");
        assertInvalid(trigger(src.key()).replace("\"summary\":\"s\"", "\"summary\":{\"a\":1}"), "summary");
        assertInvalid(trigger(src.key()).replace(",\"payload\":{\"summary\":\"s\",\"source\":\"h\",\"severity\":\"critical\"}", ""),
                "payload");
        assertInvalid("{\"routing_key\":\"" + src.key() + "\",\"event_action\":\"resolve\"}", "dedup_key");
        // Issue 10: event_action null is an invalid event (it was a NullPointerException and 503 forever).
        assertInvalid(trigger(src.key()).replace("\"event_action\":\"trigger\"", "\"event_action\":null"),
                "event_action");
        assertInvalid(trigger(src.key()).replace("\"trigger\"", "7"), "event_action");
        assertInvalid(trigger(src.key()).replace("\"severity\":\"critical\"",
                "\"severity\":\"critical\",\"timestamp\":\"yesterday\""), "timestamp");
        assertInvalid(trigger(src.key()).replace("}}", "},\"links\":\"http://x\"}"), "links");
        assertThat(alertCount(src.serviceId())).isZero();
    }

    @Test
    void invalidJson() {
        var src = newSource("PAGERDUTY");
        assertInvalid("{\"routing_key\":\"" + src.key() + "\",", "malformed JSON");
        assertInvalid("[1,2]", "not a JSON object");
        assertInvalid("", "not a JSON object");
    }

    @Test
    void bodyOver512KbIs413AndNothingStored() {
        var src = newSource("PAGERDUTY");
        var before = counts();
        String big = trigger(src.key()).replace("\"severity\":\"critical\"",
                "\"severity\":\"critical\",\"custom_details\":{\"blob\":\"" + "a".repeat(600 * 1024) + "\"}");
        var r = anonymous().send("POST", "/v2/enqueue", big, "application/json");
        r.expect(413);
        assertThat(r.json().get("status").asString()).isEqualTo("invalid event");
        assertThat(counts()).isEqualTo(before);
        // Just under the limit is fine.
        String fits = trigger(src.key()).replace("\"severity\":\"critical\"",
                "\"severity\":\"info\",\"custom_details\":{\"blob\":\"" + "a".repeat(500 * 1024) + "\"}");
        anonymous().send("POST", "/v2/enqueue", fits, "application/json").expect(202);
        assertThat(alertCount(src.serviceId())).isEqualTo(1);
    }

    @Test
    void floodAboveTheRateLimitIs429WithRetryAfter() {
        var src = newSource("PAGERDUTY", 5, null);
        for (int i = 0; i < 5; i++) {
            anonymous().send("POST", "/v2/enqueue", trigger(src.key()).replace("\"critical\"", "\"info\""),
                    "application/json").expect(202);
        }
        var before = counts();
        for (int i = 0; i < 20; i++) {
            var r = anonymous().send("POST", "/v2/enqueue", trigger(src.key()), "application/json");
            r.expect(429);
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
        }
        assertThat(counts()).isEqualTo(before);
        // A minute later the bucket has refilled.
        clock.advance(java.time.Duration.ofSeconds(61));
        anonymous().send("POST", "/v2/enqueue", trigger(src.key()).replace("\"critical\"", "\"info\""),
                "application/json").expect(202);
    }

    @Test
    void rotatedKeyStopsWorkingAtOnce() {
        var src = newSource("PAGERDUTY");
        String newKey = admin().post("/api/v1/services/" + src.serviceId() + "/integrations/" + src.integrationId()
                + "/rotate-key", Map.of()).expect(200).json().get("key").asString();
        assertThat(newKey).hasSize(32).isNotEqualTo(src.key());
        assertInvalid(trigger(src.key()), "routing_key");
        anonymous().send("POST", "/v2/enqueue", trigger(newKey).replace("\"critical\"", "\"info\""), "application/json")
                .expect(202);
        // The key is shown once: listings carry only a hint, and the database only its hash.
        var listed = admin().get("/api/v1/services/" + src.serviceId() + "/integrations").expect(200).json().get(0);
        assertThat(listed.get("key").isNull()).isTrue();
        assertThat(listed.get("keyHint").asString()).isEqualTo("…" + newKey.substring(28));
        assertThat(jdbc.sql("select count(*) from alert_integration where key_hash = ?").param(newKey)
                .query(Long.class).single()).isZero();
        // Responders may see integrations (never keys) but not manage them.
        newUser(role("RESPONDER"), "Rita").post("/api/v1/services/" + src.serviceId() + "/integrations",
                Map.of("name", "x", "kind", "WEBHOOK")).expect(403);
    }
}
