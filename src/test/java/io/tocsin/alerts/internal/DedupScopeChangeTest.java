package io.tocsin.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.alerts.internal.AlertIngest.Result;
import io.tocsin.alerts.internal.AlertIngest.Route;
import io.tocsin.alerts.internal.IngestWriters.Command;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Dedup per service (issue 10, R4) through the ingest writers: repeats from two integrations in one batch are
 * counted per source; an event that still carries the old scope after a change (another node's cached rule, or an
 * event that waited for its writer) cannot leave a duplicate open for good or lose a resolve.
 */
class DedupScopeChangeTest extends IntegrationTest {

    @Autowired
    IngestWriters writers;

    @Autowired
    AlertSources sources;

    @Autowired
    AlertRepository alerts;

    @Autowired
    DurableTimers timers;

    private record Service(UUID id, Route a, Route b) {
    }

    /** A service with two PagerDuty integrations A and B, deduplicating in {@code scope}. */
    private Service service(DedupScope scope) {
        var id = admin().post("/api/v1/services", Map.of("name", "scope-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
        setScope(id, scope);
        var a = UUID.fromString(integration(id, "a"));
        var b = UUID.fromString(integration(id, "b"));
        var service = UUID.fromString(id);
        return new Service(service, new Route(service, a, null).in(scope), new Route(service, b, null).in(scope));
    }

    private String integration(String serviceId, String name) {
        return admin().post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", name + System.nanoTime(),
                "kind", "PAGERDUTY")).expect(201).json().get("id").asString();
    }

    private void setScope(String serviceId, DedupScope scope) {
        var rule = new HashMap<String, Object>(Map.of("openOnCritical", true, "criticalIncidentSeverity", 2,
                "thresholdCount", 0, "thresholdMinutes", 10, "thresholdIncidentSeverity", 3,
                "attachToOpenIncident", true, "resolveIncidentWithAlerts", false));
        rule.put("dedupScope", scope.name());
        admin().put("/api/v1/services/" + serviceId + "/alert-rules", rule).expect(200);
    }

    private static Command trigger(Route route, String key) {
        return Command.trigger(route, new Signal("pagerduty", key, "disk full", "db-1", "info", null, null, null), key);
    }

    private List<Alert> alertsOf(UUID serviceId, String key) {
        return jdbc.sql("select id from alert where service_id = ? and dedup_key = ? order by first_seen_at, id")
                .params(serviceId, key).query(UUID.class).list().stream().map(id -> alerts.findById(id).orElseThrow())
                .toList();
    }

    private static Map<UUID, Long> counts(List<AlertSources.AlertSource> list) {
        var counts = new HashMap<UUID, Long>();
        list.forEach(s -> counts.put(s.integrationId(), s.eventCount()));
        return counts;
    }

    @Test
    void batchedRepeatsFromTwoIntegrationsAreCountedPerSource() {
        var s = service(DedupScope.SERVICE);
        var opening = trigger(s.a(), "disk");
        writers.apply(List.of(opening));
        assertThat(opening.result().join().result()).isEqualTo(Result.CREATED);

        var batch = new ArrayList<Command>();
        for (int i = 0; i < 3; i++) {
            batch.add(trigger(s.b(), "disk"));
        }
        batch.add(trigger(s.a(), "disk"));
        batch.add(trigger(s.a(), "disk"));
        // A key new in this batch: its first event opens it, the next ones repeat it one by one.
        batch.add(trigger(s.a(), "fresh"));
        batch.add(trigger(s.b(), "fresh"));
        batch.add(trigger(s.b(), "fresh"));
        writers.apply(batch);

        assertThat(batch.subList(0, 5)).allSatisfy(c -> assertThat(c.result().join().result())
                .isEqualTo(Result.REPEATED));
        var disk = alertsOf(s.id(), "disk");
        assertThat(disk).hasSize(1);
        assertThat(disk.getFirst().eventCount()).isEqualTo(6);
        assertThat(counts(sources.of(disk.getFirst()))).isEqualTo(Map.of(s.a().integrationId(), 3L,
                s.b().integrationId(), 3L));
        var fresh = alertsOf(s.id(), "fresh");
        assertThat(fresh).hasSize(1);
        assertThat(counts(sources.of(fresh.getFirst()))).isEqualTo(Map.of(s.a().integrationId(), 1L,
                s.b().integrationId(), 2L));
    }

    @Test
    void anEventWithTheOldScopeIsMergedAfterTheSettlingTimeAndAResolveWithItStillFindsTheAlert() {
        var s = service(DedupScope.INTEGRATION);
        writers.apply(List.of(trigger(s.a(), "group")));
        clock.advance(Duration.ofSeconds(1));
        writers.apply(List.of(trigger(s.b(), "group")));
        assertThat(alertsOf(s.id(), "group")).hasSize(2);

        setScope(s.id().toString(), DedupScope.SERVICE);
        var merged = alertsOf(s.id(), "group");
        assertThat(merged).extracting(Alert::status).containsExactly(io.tocsin.alerts.AlertStatus.TRIGGERED,
                io.tocsin.alerts.AlertStatus.RESOLVED);
        var survivor = merged.getFirst();
        assertThat(survivor.scopeId()).isEqualTo(s.id());

        // Routed with the scope from before the change: it opens a second alert in the integration's scope ...
        var late = trigger(s.a(), "group");
        writers.apply(List.of(late));
        assertThat(late.result().join().result()).isEqualTo(Result.CREATED);
        assertThat(alertsOf(s.id(), "group").stream().filter(a -> a.status() != io.tocsin.alerts.AlertStatus.RESOLVED))
                .hasSize(2);

        // ... until the second pass after the settling time merges it into the survivor.
        clock.advance(DedupScopeChange.SETTLE);
        timers.runDue();
        var open = alertsOf(s.id(), "group").stream().filter(a -> a.status() != io.tocsin.alerts.AlertStatus.RESOLVED)
                .toList();
        assertThat(open).extracting(Alert::id).containsExactly(survivor.id());
        assertThat(open.getFirst().eventCount()).isEqualTo(3);
        assertThat(counts(sources.of(open.getFirst()))).isEqualTo(Map.of(s.a().integrationId(), 2L,
                s.b().integrationId(), 1L));

        // A resolve routed with the old scope finds the alert where it moved.
        var resolve = Command.transition(s.b(), "group", "tester", false);
        writers.apply(List.of(resolve));
        assertThat(resolve.result().join().result()).isEqualTo(Result.RESOLVED);
        assertThat(alerts.findById(survivor.id()).orElseThrow().status()).isEqualTo(io.tocsin.alerts.AlertStatus.RESOLVED);
    }
}
