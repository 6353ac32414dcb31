package io.tocsin.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import io.tocsin.alerts.internal.AlertIngest.Result;
import io.tocsin.alerts.internal.AlertIngest.Route;
import io.tocsin.alerts.internal.IngestWriters.Command;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Group commit of ingest events (issue 3, point 7; R4): a batch is applied in arrival order as if event by event,
 * repeats of one key are counted, a failing event does not take its neighbours down, and under concurrent load
 * every accepted event is counted exactly once.
 */
class IngestWritersTest extends IntegrationTest {

    @Autowired
    IngestWriters writers;

    /** A service with the default alert rules: critical alerts open an incident, later ones join it. */
    private UUID newService() {
        var id = admin().post("/api/v1/services", Map.of("name", "writers-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
        admin().put("/api/v1/services/" + id + "/alert-rules", Map.of("openOnCritical", true,
                "criticalIncidentSeverity", 2, "thresholdCount", 0, "thresholdMinutes", 10,
                "thresholdIncidentSeverity", 3, "attachToOpenIncident", true, "resolveIncidentWithAlerts", false))
                .expect(200);
        return UUID.fromString(id);
    }

    private static Signal signal(String key, String summary) {
        return new Signal("test", key, summary, "host-1", "info", "{\"n\":\"" + summary + "\"}", null, null);
    }

    private static Command trigger(Route route, String key, String summary) {
        return Command.trigger(route, signal(key, summary), key);
    }

    private static Result result(Command c) {
        return c.result().join().result();
    }

    private List<Map<String, Object>> alerts(Route route, String key) {
        return jdbc.sql("select status, event_count, summary from alert where scope_id = ? and dedup_key = ?"
                + " order by first_seen_at, event_count desc, status").params(route.scopeId(), key).query().listOfRows();
    }

    @Test
    void batchAppliesEventsInArrivalOrderAndIsolatesAFailingOne() {
        // A heartbeat-scoped route needs no integration row; the scope is what dedup keys belong to.
        var route = new Route(newService(), null, UUID.randomUUID());
        var nowhere = new Route(UUID.randomUUID(), null, UUID.randomUUID());
        var first = trigger(route, "k1", "first");
        var broken = trigger(nowhere, "k9", "service does not exist");
        var other = trigger(route, "k2", "other key");
        var repeat = trigger(route, "k1", "repeat");
        var resolve = Command.transition(route, "k1", "tester", false);
        var again = trigger(route, "k1", "after resolve");
        var unknownAck = Command.transition(route, "never-seen", "tester", true);

        writers.apply(List.of(first, broken, other, repeat, resolve, again, unknownAck));

        assertThat(result(first)).isEqualTo(Result.CREATED);
        assertThatThrownBy(() -> broken.result().join()).hasRootCauseInstanceOf(java.sql.SQLException.class);
        assertThat(result(other)).isEqualTo(Result.CREATED);
        assertThat(result(repeat)).isEqualTo(Result.REPEATED);
        assertThat(result(resolve)).isEqualTo(Result.RESOLVED);
        assertThat(result(again)).isEqualTo(Result.CREATED);
        assertThat(result(unknownAck)).isEqualTo(Result.DROPPED);
        assertThat(alerts(route, "k1")).extracting(r -> r.get("status"), r -> ((Number) r.get("event_count")).longValue())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("RESOLVED", 2L),
                        org.assertj.core.groups.Tuple.tuple("TRIGGERED", 1L));
        assertThat(alerts(route, "k2")).hasSize(1);
        assertThat(alerts(nowhere, "k9")).isEmpty();
        assertThat(jdbc.sql("select count(*) from alert where service_id = ?").param(nowhere.serviceId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void repeatsOfOneKeyInABatchAreCountedWithTheLastSummary() {
        var route = new Route(newService(), null, UUID.randomUUID());
        var opening = trigger(route, "busy", "opening");
        writers.apply(List.of(opening));
        assertThat(result(opening)).isEqualTo(Result.CREATED);

        var batch = new ArrayList<Command>();
        for (int i = 1; i <= 5; i++) {
            batch.add(trigger(route, "busy", "repeat " + i));
        }
        var fresh = trigger(route, "fresh", "new in the same batch");
        batch.add(fresh);
        writers.apply(batch);

        assertThat(batch.subList(0, 5)).allSatisfy(c -> assertThat(result(c)).isEqualTo(Result.REPEATED));
        assertThat(result(fresh)).isEqualTo(Result.CREATED);
        var busy = alerts(route, "busy");
        assertThat(busy).hasSize(1);
        assertThat(((Number) busy.getFirst().get("event_count")).longValue()).isEqualTo(6);
        assertThat(busy.getFirst().get("summary")).isEqualTo("repeat 5");
    }

    @Test
    void criticalAlertsInOneBatchOpenOneIncidentTheLaterOnesJoin() {
        var service = newService();
        var route = new Route(service, null, UUID.randomUUID());
        var batch = new ArrayList<Command>();
        for (String key : List.of("db-down", "api-down", "web-down")) {
            batch.add(Command.trigger(route, new Signal("test", key, key, "host-1", "critical", null, null, null), key));
        }
        writers.apply(batch);

        assertThat(batch).allSatisfy(c -> assertThat(result(c)).isEqualTo(Result.CREATED));
        var incidents = jdbc.sql("select id from incident where service_id = ?").param(service).query(UUID.class).list();
        assertThat(incidents).hasSize(1);
        assertThat(jdbc.sql("select count(*) from alert where scope_id = ? and incident_id = ?")
                .params(route.scopeId(), incidents.getFirst()).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void concurrentEventsOverHttpAreEachCountedOnce() throws Exception {
        String serviceId = admin().post("/api/v1/services", Map.of("name", "writers-http-" + System.nanoTime()))
                .expect(201).json().get("id").asString();
        var integration = admin().post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", "pd",
                "kind", "PAGERDUTY", "rateLimitPerMinute", 100_000)).expect(201).json();
        String key = integration.get("key").asString();
        int keys = 4;
        int perKey = 30;
        var calls = new ArrayList<CompletableFuture<Integer>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < keys * perKey; i++) {
                String dedup = "concurrent-" + (i % keys);
                calls.add(CompletableFuture.supplyAsync(() -> anonymous().post("/v2/enqueue", Map.of("routing_key", key,
                        "event_action", "trigger", "dedup_key", dedup, "payload", Map.of("summary", "load",
                                "source", "test", "severity", "info"))).status(), pool));
            }
        }
        assertThat(calls).allSatisfy(c -> assertThat(c.join()).isEqualTo(202));
        var rows = jdbc.sql("select dedup_key, count(*) as alerts, sum(event_count) as events from alert"
                + " where integration_id = ? group by dedup_key")
                .param(UUID.fromString(integration.get("id").asString())).query().listOfRows();
        assertThat(rows).hasSize(keys).allSatisfy(r -> {
            assertThat(((Number) r.get("alerts")).longValue()).isEqualTo(1);
            assertThat(((Number) r.get("events")).longValue()).isEqualTo(perKey);
        });
    }
}
