package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.Timers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 (R19): an alert storm keeps the incident's timeline readable. The first alerts of an incident each get
 * an entry (6: the one that opened it and the next five); every later one is counted into one entry per source
 * (integration) and minute, written when the minute is over. So the timeline holds at most
 * {@code 1 + 5 + sources x minutes} alert entries, and their counts add up to every alert.
 */
class AlertStormTest extends AlertTestSupport {

    private static final int LISTED = 6;

    @Autowired
    DurableTimers timers;

    @Autowired
    Timers pending;

    @Test
    void twoThousandAlertsOnOneIncidentLeaveSevenAlertEntriesThatCountThemAll() throws Exception {
        var src = newSource("PAGERDUTY", 1_000_000, null);
        String incidentId = openIncident(src);
        send(src, "storm-", 1, 2_000, 16);

        assertThat(alertCount(src.serviceId())).isEqualTo(2_000);
        assertThat(jdbc.sql("select count(*) from alert where service_id = ? and incident_id = ?")
                .params(UUID.fromString(src.serviceId()), UUID.fromString(incidentId)).query(Long.class).single())
                .as("every alert joined the incident").isEqualTo(2_000);
        // Counted durably before its minute is over: a row and a timer, nothing held in memory.
        assertThat(jdbc.sql("select coalesce(sum(alert_count), 0) from alert_bundle where incident_id = ?")
                .param(UUID.fromString(incidentId)).query(Long.class).single()).isEqualTo(2_000 - LISTED);
        assertThat(pending.pending("alerts.bundle")).anyMatch(t -> t.key().startsWith(incidentId + "/"));

        clock.advance(Duration.ofMinutes(2));
        timers.runDue();

        var entries = alertEntries(incidentId);
        assertThat(entries).as("1 opened + 5 listed + 1 bundle (one source, one minute)").hasSize(7);
        assertThat(entries.stream().filter(e -> e.get("event").asString().equals("alerts.bundled"))).hasSize(1);
        assertThat(alertsCounted(entries)).isEqualTo(2_000);
        var bundle = entries.stream().filter(e -> e.get("event").asString().equals("alerts.bundled")).findFirst()
                .orElseThrow();
        assertThat(bundle.get("text").asString()).startsWith("+1,994 more alerts from pagerduty ");
        assertThat(jdbc.sql("select count(*) from alert_bundle where incident_id = ?")
                .param(UUID.fromString(incidentId)).query(Long.class).single()).as("written once, then dropped")
                .isZero();
        timers.runDue();
        assertThat(alertEntries(incidentId)).hasSize(7);
    }

    @Test
    void aStormFromTwoSourcesOverThreeMinutesHasOneBundlePerSourceAndMinute() throws Exception {
        var a = newSource("PAGERDUTY", 1_000_000, null);
        var b = addSource(a.serviceId(), "PAGERDUTY", 1_000_000, null);
        String incidentId = openIncident(a);
        clock.advance(Duration.ofSeconds(60 - clock.instant().getEpochSecond() % 60));
        for (int minute = 0; minute < 3; minute++) {
            send(a, "a" + minute + "-", 0, 100, 8);
            send(b, "b" + minute + "-", 0, 100, 8);
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofMinutes(1));
        timers.runDue();

        var entries = alertEntries(incidentId);
        long bundles = entries.stream().filter(e -> e.get("event").asString().equals("alerts.bundled")).count();
        assertThat(bundles).as("2 sources x 3 minutes").isEqualTo(6);
        assertThat(entries).hasSize(1 + (LISTED - 1) + 6);
        assertThat(alertsCounted(entries)).isEqualTo(1 + 600);
    }

    /** A critical alert opens the incident. */
    private String openIncident(Source src) {
        anonymous().post("/v2/enqueue", event(src.key(), "opener-" + System.nanoTime(), "critical")).expect(202);
        return alerts(src.serviceId()).get(0).get("incidentId").asString();
    }

    /** Alerts {@code from} to {@code to - 1} with distinct keys, from {@code clients} concurrent callers over HTTP. */
    private void send(Source src, String prefix, int from, int to, int clients) throws Exception {
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = from; i < to; i++) {
            String key = prefix + i;
            tasks.add(() -> anonymous().post("/v2/enqueue", event(src.key(), key, "warning")).status());
        }
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (var f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isEqualTo(202);
            }
        }
    }

    private static Map<String, Object> event(String routingKey, String dedup, String severity) {
        return Map.of("routing_key", routingKey, "event_action", "trigger", "dedup_key", dedup, "payload",
                Map.of("summary", "checkout " + dedup + " failing", "source", "checkout-1", "severity", severity));
    }

    /** The incident's timeline entries about its alerts. */
    private List<JsonNode> alertEntries(String incidentId) {
        var all = admin().get("/api/v1/incidents/" + incidentId + "/timeline").expect(200).json();
        var entries = new ArrayList<JsonNode>();
        for (var e : all) {
            var event = e.get("event");
            if (event != null && !event.isNull() && List.of("alerts.opened.critical", "alerts.attached", "alerts.bundled")
                    .contains(event.asString())) {
                entries.add(e);
            }
        }
        return entries;
    }

    /** One per opening or listed entry, the count of each bundle. */
    private static long alertsCounted(List<JsonNode> entries) {
        return entries.stream().mapToLong(e -> e.get("event").asString().equals("alerts.bundled")
                ? e.get("args").get(0).get("count").asLong() : 1).sum();
    }
}
