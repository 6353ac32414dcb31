package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Issue 10 (R4, R19): when the alerts of one incident resolve within milliseconds (one Alertmanager receiver with
 * several configs does that), they land in different writer threads, transactions or nodes. Exactly one "all
 * alerts resolved" entry must be written, and an incident whose rule resolves it with its alerts must resolve.
 * Each round releases four resolves at once from four real threads; the rounds repeat enough to hit the window
 * between one resolve's count of open alerts and another's commit.
 */
class ConcurrentResolveTest extends AlertTestSupport {

    private static final int ROUNDS = 24;
    private static final int ALERTS = 4;

    @Test
    void fourResolvesAtOnceThroughIngestLeaveExactlyOneAllResolvedEntry() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            var src = newSource("PAGERDUTY", 100_000, null);
            var incident = incidentWithAlerts(src);
            race(key -> () -> anonymous().post("/v2/enqueue", Map.of("routing_key", src.key(),
                    "event_action", "resolve", "dedup_key", key)).status(), 202);
            assertResolvedOnce(incident, round);
        }
    }

    @Test
    void fourResolvesAtOnceThroughTheAlertsApiLeaveExactlyOneAllResolvedEntry() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            var src = newSource("PAGERDUTY", 100_000, null);
            var incident = incidentWithAlerts(src);
            var ids = new java.util.HashMap<String, String>();
            for (var a : alerts(src.serviceId())) {
                ids.put(a.get("dedupKey").asString(), a.get("id").asString());
            }
            race(key -> () -> admin().post("/api/v1/alerts/" + ids.get(key) + "/resolve", Map.of()).status(), 200);
            assertResolvedOnce(incident, round);
        }
    }

    /** A service whose rule resolves incidents with their alerts, four critical alerts on one incident, taken. */
    private UUID incidentWithAlerts(Source src) {
        admin().put("/api/v1/services/" + src.serviceId() + "/alert-rules", Map.of("openOnCritical", true,
                "criticalIncidentSeverity", 2, "thresholdCount", 0, "thresholdMinutes", 10,
                "thresholdIncidentSeverity", 3, "attachToOpenIncident", true, "resolveIncidentWithAlerts", true))
                .expect(200);
        for (String key : keys()) {
            anonymous().post("/v2/enqueue", Map.of("routing_key", src.key(), "event_action", "trigger",
                    "dedup_key", key, "payload", Map.of("summary", "checkout " + key + " down", "source", "lb-1",
                            "severity", "critical"))).expect(202);
        }
        var list = alerts(src.serviceId());
        assertThat(list.size()).isEqualTo(ALERTS);
        String incidentId = list.get(0).get("incidentId").asString();
        assertThat(list).allSatisfy(a -> assertThat(a.get("incidentId").asString()).isEqualTo(incidentId));
        admin().post("/api/v1/incidents/" + incidentId + "/assign", Map.of()).expect(200);
        return UUID.fromString(incidentId);
    }

    private static List<String> keys() {
        var keys = new ArrayList<String>();
        for (int i = 0; i < ALERTS; i++) {
            keys.add("resolve-race-" + i);
        }
        return keys;
    }

    /** Starts one call per alert key on its own thread, all released by one barrier, and checks every answer. */
    private static void race(java.util.function.Function<String, Callable<Integer>> call, int expected)
            throws Exception {
        var barrier = new CyclicBarrier(ALERTS);
        var tasks = new ArrayList<Callable<Integer>>();
        for (String key : keys()) {
            var c = call.apply(key);
            tasks.add(() -> {
                barrier.await(30, TimeUnit.SECONDS);
                return c.call();
            });
        }
        try (var pool = Executors.newFixedThreadPool(ALERTS)) {
            for (var f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(expected);
            }
        }
    }

    private void assertResolvedOnce(UUID incidentId, int round) {
        assertThat(timelineEvents(incidentId, "alerts.all-resolved")).as("'all resolved' entries in round %d", round)
                .isEqualTo(1);
        assertThat(timelineEvents(incidentId, "alerts.auto-resolving")).as("auto-resolve entries in round %d", round)
                .isEqualTo(1);
        assertThat(admin().get("/api/v1/incidents/" + incidentId).expect(200).json().get("status").asString())
                .as("incident status after round %d", round).isEqualTo("RESOLVED");
    }

    private long timelineEvents(UUID incidentId, String event) {
        return jdbc.sql("select count(*) from timeline_entry where incident_id = ? and event = ?")
                .params(incidentId, event).query(Long.class).single();
    }
}
