package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

/** PagerDuty Events API v2 contract (integrations.md section 1; R4). */
class PagerDutyIngestTest extends AlertTestSupport {

    private static Map<String, Object> event(String key, String action, String dedup, String severity) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("routing_key", key);
        m.put("event_action", action);
        if (dedup != null) {
            m.put("dedup_key", dedup);
        }
        if (action.equals("trigger")) {
            m.put("payload", Map.of("summary", "Disk 95% full on db-1", "source", "db-1", "severity", severity,
                    "timestamp", "2015-07-17T08:42:58.315+0000", "custom_details", Map.of("free", "5%", "n", 3)));
            m.put("links", List.of(Map.of("href", "https://runbooks.example.org/db", "text", "Runbook")));
        }
        return m;
    }

    @Test
    void triggerRepeatAcknowledgeResolveRetrigger() {
        var src = newSource("PAGERDUTY");
        var first = anonymous().post("/v2/enqueue", event(src.key(), "trigger", "disk-db-1", "warning")).expect(202).json();
        assertThat(first.get("status").asString()).isEqualTo("success");
        assertThat(first.get("message").asString()).isEqualTo("Event processed");
        assertThat(first.get("dedup_key").asString()).isEqualTo("disk-db-1");

        anonymous().post("/v2/enqueue", event(src.key(), "trigger", "disk-db-1", "warning")).expect(202);
        anonymous().post("/v2/enqueue", event(src.key(), "trigger", "disk-db-1", "warning")).expect(202);
        var list = alerts(src.serviceId());
        assertThat(list.size()).as("repeats do not create alerts").isEqualTo(1);
        var alert = list.get(0);
        assertThat(alert.get("eventCount").asLong()).isEqualTo(3);
        assertThat(alert.get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(alert.get("severity").asString()).isEqualTo("WARNING");
        assertThat(alert.get("details").get("custom_details").get("n").asInt()).isEqualTo(3);
        assertThat(alert.get("links").get(0).get("href").asString()).isEqualTo("https://runbooks.example.org/db");

        anonymous().post("/v2/enqueue", event(src.key(), "acknowledge", "disk-db-1", null)).expect(202);
        String id = alert.get("id").asString();
        assertThat(alert(id).get("alert").get("status").asString()).isEqualTo("ACKNOWLEDGED");
        anonymous().post("/v2/enqueue", event(src.key(), "trigger", "disk-db-1", "warning")).expect(202);
        assertThat(alert(id).get("alert").get("status").asString()).as("a trigger while acknowledged stays acknowledged")
                .isEqualTo("ACKNOWLEDGED");

        anonymous().post("/v2/enqueue", event(src.key(), "resolve", "disk-db-1", null)).expect(202);
        var resolved = alert(id);
        assertThat(resolved.get("alert").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("history").toString()).contains("TRIGGERED", "ACKNOWLEDGED", "RESOLVED");

        anonymous().post("/v2/enqueue", event(src.key(), "trigger", "disk-db-1", "warning")).expect(202);
        assertThat(alertCount(src.serviceId())).as("re-trigger after resolve opens a new alert").isEqualTo(2);
    }

    @Test
    void triggerWithoutDedupKeyGetsOneAndUnknownKeysAreDropped() {
        var src = newSource("PAGERDUTY");
        var r = anonymous().post("/v2/enqueue", event(src.key(), "trigger", null, "info")).expect(202).json();
        assertThat(r.get("dedup_key").asString()).hasSize(32);
        assertThat(alerts(src.serviceId()).get(0).get("dedupKey").asString()).isEqualTo(r.get("dedup_key").asString());

        anonymous().post("/v2/enqueue", event(src.key(), "acknowledge", "never-seen", null)).expect(202);
        anonymous().post("/v2/enqueue", event(src.key(), "resolve", "never-seen", null)).expect(202);
        assertThat(alertCount(src.serviceId())).as("ack/resolve of an unknown key creates nothing").isEqualTo(1);
    }

    @Test
    void dedupIsScopedByRoutingKey() {
        var a = newSource("PAGERDUTY");
        var b = addSource(a.serviceId(), "PAGERDUTY", null, null);
        anonymous().post("/v2/enqueue", event(a.key(), "trigger", "same", "info")).expect(202);
        anonymous().post("/v2/enqueue", event(b.key(), "trigger", "same", "info")).expect(202);
        assertThat(alertCount(a.serviceId())).isEqualTo(2);
    }

    @Test
    void identicalTriggersAtOnceMakeOneAlert() throws Exception {
        var src = newSource("PAGERDUTY");
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> anonymous().post("/v2/enqueue", event(src.key(), "trigger", "race", "info")).status());
        }
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(202);
            }
        }
        assertThat(alertCount(src.serviceId())).isEqualTo(1);
        assertThat(alerts(src.serviceId()).get(0).get("eventCount").asLong()).isEqualTo(16);
    }

    @Test
    void capturedAlertmanagerPagerDutyBodies() {
        var src = newSource("PAGERDUTY");
        // The fixtures carry Alertmanager's routing key; point them at ours, byte for byte otherwise.
        String trigger = fixture("pagerduty-trigger.json").replace("0123456789abcdef0123456789abcdef", src.key());
        String resolve = fixture("pagerduty-resolve.json").replace("0123456789abcdef0123456789abcdef", src.key());
        var r = anonymous().send("POST", "/v2/enqueue", trigger, "application/json").expect(202).json();
        assertThat(r.get("dedup_key").asString())
                .isEqualTo("97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb");
        var alert = alerts(src.serviceId()).get(0);
        assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.get("summary").asString()).isEqualTo("[FIRING:1] HighErrorRate checkout (prod checkout-1:8080 critical)");
        anonymous().send("POST", "/v2/enqueue", resolve, "application/json").expect(202);
        assertThat(alerts(src.serviceId()).get(0).get("status").asString()).isEqualTo("RESOLVED");

        String rawTrigger = fixture("pagerduty-trigger.raw.json").replace("0123456789abcdef0123456789abcdef", src.key());
        String rawResolve = fixture("pagerduty-resolve.raw.json").replace("0123456789abcdef0123456789abcdef", src.key());
        anonymous().send("POST", "/v2/enqueue", rawTrigger, "application/json").expect(202);
        anonymous().send("POST", "/v2/enqueue", rawResolve, "application/json").expect(202);
        assertThat(alertCount(src.serviceId())).isEqualTo(2);
    }

    @Test
    void changeEventsLandOnTheOpenIncidentTimeline() {
        var src = newSource("PAGERDUTY");
        anonymous().post("/v2/enqueue", event(src.key(), "trigger", "crit", "critical")).expect(202);
        String incidentId = alerts(src.serviceId()).get(0).get("incidentId").asString();
        anonymous().post("/v2/change/enqueue", Map.of("routing_key", src.key(), "payload",
                Map.of("summary", "Deployed checkout 4.3.0", "source", "ci", "timestamp", clock.instant().toString())))
                .expect(202);
        var timeline = admin().get("/api/v1/incidents/" + incidentId + "/timeline").expect(200).body();
        assertThat(timeline).contains("Deployed checkout 4.3.0");
        assertThat(count("change_event")).isPositive();
    }
}
