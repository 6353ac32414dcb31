package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.shared.Timers;
import io.tocsin.support.Api;
import io.tocsin.support.RecordingTimerHandler;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 17, point 3 (R14: the alerting system stays up when what it depends on is down): the database becomes
 * unreachable under a running node (a TCP proxy in front of it is cut: open connections close, new ones are
 * closed on arrival) and comes back. Meanwhile every ingest format answers 503 with {@code Retry-After} in its
 * sender's shape and the REST API problem+json 503, each within a few seconds (the pool's 2 s connection
 * timeout, not its 30 s default); health answers within a second. Afterwards everything works again without a
 * restart, and a timer that came due during the outage fires exactly once. On PostgreSQL, and on H2 served over
 * TCP through the same proxy.
 */
class DatabaseOutageTest {

    /** What "fail fast" allows a request: the pool's timeout (2 s) plus a writer batch ahead of it and slack. */
    private static final Duration FAST = Duration.ofSeconds(6);

    record Timed(Api.Response response, Duration took) {
    }

    private static Timed timed(Supplier<Api.Response> call) {
        long start = System.nanoTime();
        var response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void requestsFailFastDuringAnOutageAndEverythingRecoversWithoutARestart() {
        try (var proxied = TestDatabase.behindProxy(); var app = RunningApp.start(proxied.db(), "--management.endpoint.health.show-details=always")) {
            var admin = app.bean(Identity.class).findByEmail("admin@tocsin.local").orElseThrow();
            var api = new Api(app.baseUrl(), app.bean(ApiTokens.class).create(admin.id(), "outage").token());
            var anonymous = new Api(app.baseUrl(), null);
            String serviceId = api.post("/api/v1/services", Map.of("name", "checkout")).expect(201).json().get("id")
                    .asString();
            var keys = new LinkedHashMap<String, String>();
            for (String kind : List.of("PAGERDUTY", "ALERTMANAGER", "GRAFANA", "OPSGENIE", "WEBHOOK")) {
                keys.put(kind, api.post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", kind,
                        "kind", kind)).expect(201).json().get("key").asString());
            }
            var ingest = new Senders(anonymous, keys);
            ingest.all(1).forEach((kind, response) -> assertThat(response.status()).as(kind).isBetween(200, 202));

            var timers = app.bean(Timers.class);
            var handler = app.bean(RecordingTimerHandler.class);
            var due = app.bean(Clock.class).instant().plusSeconds(2);
            String timerKey = "outage-" + System.nanoTime();
            app.bean(TransactionTemplate.class).executeWithoutResult(s ->
                    timers.schedule(RecordingTimerHandler.KIND, timerKey, due, "due during the outage"));

            proxied.proxy().cut();

            var health = timed(() -> anonymous.get("/actuator/health"));
            assertThat(health.response().status()).isEqualTo(503);
            assertThat(health.took()).as("health answers within a second").isLessThan(Duration.ofSeconds(1));

            ingest.timedAll(2).forEach((kind, t) -> {
                assertThat(t.response().status()).as(kind + ": " + t.response().body()).isEqualTo(503);
                assertThat(t.response().header("Retry-After")).as(kind).isEqualTo("5");
                assertThat(t.took()).as(kind + " fails fast").isLessThan(FAST);
                var body = t.response().json();
                switch (kind) {
                    case "PAGERDUTY", "ALERTMANAGER", "GRAFANA", "WEBHOOK" ->
                            assertThat(body.get("status").asString()).as(kind).isEqualTo("error");
                    case "OPSGENIE" -> assertThat(body.get("code").asInt()).isEqualTo(503);
                    default -> throw new AssertionError(kind);
                }
            });

            for (var call : List.<Supplier<Api.Response>>of(() -> api.get("/api/v1/services/" + serviceId),
                    () -> api.post("/api/v1/incidents", Map.of("summary", "During the outage", "severity", 2)))) {
                var rest = timed(call);
                assertThat(rest.response().status()).as(rest.response().body()).isEqualTo(503);
                assertThat(rest.response().contentType()).startsWith("application/problem+json");
                assertThat(rest.response().header("Retry-After")).isEqualTo("5");
                assertThat(rest.response().json().get("type").asString()).endsWith("/database-unavailable");
                assertThat(rest.took()).as("REST fails fast").isLessThan(FAST);
            }
            var healthAgain = timed(() -> anonymous.get("/actuator/health"));
            assertThat(healthAgain.took()).as("health still answers within a second").isLessThan(Duration.ofSeconds(1));

            // The timer came due while the database was away; it cannot have fired.
            await().atMost(Duration.ofSeconds(10)).until(() -> app.bean(Clock.class).instant().isAfter(due.plusSeconds(1)));
            assertThat(handler.firedKeys(timerKey)).isEmpty();

            proxied.proxy().restore();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var h = anonymous.get("/actuator/health");
                assertThat(h.status()).as(h.body()).isEqualTo(200);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(handler.firedKeys(timerKey)).containsExactly(timerKey));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> ingest.all(3).forEach((kind, response) ->
                    assertThat(response.status()).as(kind + ": " + response.body()).isBetween(200, 202)));
            api.get("/api/v1/services/" + serviceId).expect(200);
            String key = api.post("/api/v1/incidents", Map.of("summary", "After the outage", "severity", 2))
                    .expect(201).json().get("key").asString();
            assertThat(key).isNotBlank();
            // Once, and only once: nothing is left to fire it again.
            assertThat(timers.find(RecordingTimerHandler.KIND, timerKey)).isEmpty();
            assertThat(handler.firedKeys(timerKey)).containsExactly(timerKey);
        }
    }

    /** One event in each sender's own format, with its own way of passing the key. */
    private record Senders(Api anonymous, Map<String, String> keys) {

        Map<String, Api.Response> all(int round) {
            var out = new LinkedHashMap<String, Api.Response>();
            timedAll(round).forEach((kind, t) -> out.put(kind, t.response()));
            return out;
        }

        Map<String, Timed> timedAll(int round) {
            var out = new LinkedHashMap<String, Timed>();
            keys.forEach((kind, key) -> out.put(kind, timed(() -> send(kind, key, "outage-" + round))));
            return out;
        }

        private Api.Response send(String kind, String key, String dedup) {
            return switch (kind) {
                case "PAGERDUTY" -> anonymous.post("/v2/enqueue", Map.of("routing_key", key, "event_action", "trigger",
                        "dedup_key", dedup, "payload", Map.of("summary", "Disk full", "source", "db-1",
                                "severity", "critical")));
                case "ALERTMANAGER", "GRAFANA" -> anonymous.withHeader("Authorization", "Bearer " + key)
                        .post("/integrations/" + kind.toLowerCase(), Map.of("version", "4", "status", "firing",
                                "receiver", "tocsin", "groupKey", "{}:{alertname=\"" + dedup + "\"}",
                                "commonLabels", Map.of("alertname", dedup), "alerts", List.of(Map.of(
                                        "status", "firing", "labels", Map.of("alertname", dedup, "severity", "critical"),
                                        "annotations", Map.of("summary", "Disk full"),
                                        "startsAt", "2026-01-01T00:00:00Z", "fingerprint", dedup))));
                case "OPSGENIE" -> anonymous.withHeader("Authorization", "GenieKey " + key)
                        .post("/v2/alerts", Map.of("message", "Disk full", "alias", dedup));
                case "WEBHOOK" -> anonymous.post("/integrations/webhook?key=" + key, Map.of("summary", "Disk full",
                        "severity", "critical", "dedupKey", dedup));
                default -> throw new AssertionError(kind);
            };
        }
    }
}
