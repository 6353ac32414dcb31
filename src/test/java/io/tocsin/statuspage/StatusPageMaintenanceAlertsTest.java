package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One object for a planned maintenance (issue 11 point 4, R13/R14): a scheduled maintenance published with
 * {@code suppressAlerts} owns the alerts maintenance window of the service its component follows, with the same
 * start and end. Through the HTTP API on a fast-forwarded clock: during the window alerts page nobody while the
 * page shows the maintenance in progress, after it they page again; moving the
 * maintenance moves the window, cancelling it ends the window at once, and the alerts API refuses to end an owned
 * window on its own.
 */
class StatusPageMaintenanceAlertsTest extends IntegrationTest {

    @Autowired
    DurableTimers timers;

    private final JsonMapper json = JsonMapper.builder().build();

    record Setup(String slug, String pageId, String componentId, String serviceId, String routingKey) {
    }

    private Setup setup() {
        var admin = admin();
        String slug = unique("mntal");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of()).get("id").asString();
        String serviceId = admin.post("/api/v1/services", Map.of("name", unique("svc"))).expect(201).json().get("id")
                .asString();
        String key = admin.post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", unique("pd"),
                "kind", "PAGERDUTY")).expect(201).json().get("key").asString();
        String componentId = component(admin, pageId, "Database", null, List.of(serviceId)).get("id").asString();
        return new Setup(slug, pageId, componentId, serviceId, key);
    }

    private JsonNode schedule(Setup s, Instant from, Instant until) {
        return admin().post("/api/v1/status-pages/" + s.pageId() + "/incidents", Map.of("name", "Database upgrade",
                "body", "We upgrade the database.", "scheduledFor", from.toString(), "scheduledUntil", until.toString(),
                "components", Map.of(s.componentId(), "OPERATIONAL"), "suppressAlerts", true)).expect(201).json();
    }

    @Test
    void theMaintenanceOwnsTheAlertsWindowAndMovesItThroughStartAndEnd() throws Exception {
        var s = setup();
        var from = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        var until = from.plus(Duration.ofHours(2));
        var published = schedule(s, from, until);
        String id = published.get("id").asString();
        assertThat(published.get("alertWindows")).hasSize(1);
        String window = published.get("alertWindows").get(0).asString();
        var w = admin().get("/api/v1/maintenance-windows/" + window).expect(200).json();
        assertThat(w.get("serviceId").asString()).isEqualTo(s.serviceId());
        assertThat(Instant.parse(w.get("startsAt").asString())).isEqualTo(from);
        assertThat(Instant.parse(w.get("endsAt").asString())).isEqualTo(until);
        assertThat(w.get("reason").asString()).contains("Database upgrade");
        // One place to edit: the alerts API does not end a window the maintenance owns.
        var refused = admin().post("/api/v1/maintenance-windows/" + window + "/end", Map.of()).expect(409).json();
        assertThat(refused.get("detail").asString()).contains("Database upgrade", "move or cancel it there");

        // Moved by an hour: the window moves with it, and the old start passes without starting anything.
        var from2 = from.plus(Duration.ofHours(1));
        var until2 = until.plus(Duration.ofHours(1));
        var moved = admin().patch("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + id,
                Map.of("scheduledFor", from2.toString(), "scheduledUntil", until2.toString())).expect(200).json();
        assertThat(Instant.parse(moved.get("scheduledFor").asString())).isEqualTo(from2);
        w = admin().get("/api/v1/maintenance-windows/" + window).expect(200).json();
        assertThat(Instant.parse(w.get("startsAt").asString())).isEqualTo(from2);
        assertThat(Instant.parse(w.get("endsAt").asString())).isEqualTo(until2);
        advanceTo(from.plusSeconds(60));
        assertThat(ids(s.slug(), "scheduled-maintenances/upcoming.json")).contains(id);

        // The window opens: in progress on the page, the component under maintenance, and alerts page nobody.
        advanceTo(from2.plusSeconds(1));
        assertThat(ids(s.slug(), "scheduled-maintenances/active.json")).contains(id);
        assertThat(componentStatus(s)).isEqualTo("under_maintenance");
        assertThat(anonymous().get("/status/" + s.slug()).expect(200).body()).contains("maintenance-" + id);
        long incidents = incidentCount(s);
        assertThat(trigger(s, "during")).as("inside the window").isFalse();
        var during = alert(s, "during");
        assertThat(during.get("inMaintenance").asBoolean()).isTrue();
        assertThat(during.get("incidentId").isNull()).isTrue();
        assertThat(incidentCount(s)).isEqualTo(incidents);

        // It ends: completed, the component back, and alerts page again.
        advanceTo(until2.plusSeconds(1));
        assertThat(ids(s.slug(), "scheduled-maintenances/active.json")).doesNotContain(id);
        assertThat(componentStatus(s)).isEqualTo("operational");
        assertThat(trigger(s, "after")).as("after the window").isTrue();
        assertThat(alert(s, "after").get("inMaintenance").asBoolean()).isFalse();
        assertThat(incidentCount(s)).isEqualTo(incidents + 1);
    }

    @Test
    void cancellingAMaintenanceInProgressEndsItsWindowAndPagingResumesAtOnce() throws Exception {
        var s = setup();
        var from = clock.instant().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        var until = from.plus(Duration.ofHours(4));
        var published = schedule(s, from, until);
        String id = published.get("id").asString();
        String window = published.get("alertWindows").get(0).asString();
        advanceTo(from.plusSeconds(1));
        assertThat(componentStatus(s)).isEqualTo("under_maintenance");
        assertThat(trigger(s, "during")).isFalse();

        var cancelled = admin().post("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + id + "/cancel",
                Map.of()).expect(200).json();
        assertThat(cancelled.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(cancelled.get("updates").get(0).get("body").asString())
                .isEqualTo("The scheduled maintenance has been cancelled.");
        assertThat(admin().get("/api/v1/maintenance-windows/" + window).expect(200).json().get("cancelledAt").isNull())
                .isFalse();
        assertThat(componentStatus(s)).isEqualTo("operational");
        assertThat(trigger(s, "after-cancel")).as("paging resumes at once").isTrue();
        // Over is over: neither moved nor cancelled again, and its end timer no longer fires an update.
        admin().post("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + id + "/cancel", Map.of()).expect(409);
        admin().patch("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + id, Map.of("scheduledFor",
                until.toString(), "scheduledUntil", until.plusSeconds(60).toString())).expect(409);
        advanceTo(until.plusSeconds(1));
        var after = admin().get("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + id).expect(200).json();
        assertThat(after.get("updates")).hasSize(cancelled.get("updates").size());
    }

    @Test
    void suppressingAlertsNeedsAComponentThatFollowsAServiceAndAMaintenance() {
        var s = setup();
        var admin = admin();
        String lone = component(admin, s.pageId(), "Website", null, List.of()).get("id").asString();
        var from = clock.instant().plus(Duration.ofHours(1));
        var problem = admin.post("/api/v1/status-pages/" + s.pageId() + "/incidents", Map.of("name", "Upgrade",
                "body", "b", "scheduledFor", from.toString(), "scheduledUntil", from.plus(Duration.ofHours(1)).toString(),
                "components", Map.of(lone, "OPERATIONAL"), "suppressAlerts", true)).expect(422).body();
        assertThat(problem).contains("suppressAlerts");
        problem = admin.post("/api/v1/status-pages/" + s.pageId() + "/incidents", Map.of("name", "Upgrade",
                "body", "b", "scheduledFor", from.toString(), "scheduledUntil", from.plus(Duration.ofDays(32)).toString(),
                "components", Map.of(s.componentId(), "OPERATIONAL"), "suppressAlerts", true)).expect(422).body();
        assertThat(problem).contains("scheduledUntil", "31 days");
        assertThat(jdbc.sql("select count(*) from maintenance_window where service_id = ?")
                .param(UUID.fromString(s.serviceId())).query(Long.class).single()).isZero();
    }

    private void advanceTo(Instant at) {
        if (clock.instant().isBefore(at)) {
            clock.advance(Duration.between(clock.instant(), at));
        }
        timers.runDue();
    }

    /** Sends a critical PagerDuty alert; returns whether it pages. */
    private boolean trigger(Setup s, String dedup) {
        anonymous().post("/v2/enqueue", Map.of("routing_key", s.routingKey(), "event_action", "trigger", "dedup_key",
                dedup, "payload", Map.of("summary", "Database down " + dedup, "source", "db-1", "severity",
                        "critical"))).expect(202);
        return alert(s, dedup).get("pages").asBoolean();
    }

    private JsonNode alert(Setup s, String dedup) {
        for (var a : admin().get("/api/v1/alerts?serviceId=" + s.serviceId() + "&limit=100").expect(200).json()) {
            if (a.get("dedupKey").asString().equals(dedup)) {
                return a;
            }
        }
        throw new AssertionError("no alert " + dedup);
    }

    private long incidentCount(Setup s) {
        return jdbc.sql("select count(*) from incident where service_id = ?").param(UUID.fromString(s.serviceId()))
                .query(Long.class).single();
    }

    private String componentStatus(Setup s) throws Exception {
        for (var c : doc(s.slug(), "components.json").get("components")) {
            if (c.get("id").asString().equals(s.componentId())) {
                return c.get("status").asString();
            }
        }
        throw new AssertionError("no component " + s.componentId());
    }

    private List<String> ids(String slug, String name) throws Exception {
        var ids = new ArrayList<String>();
        doc(slug, name).get("scheduled_maintenances").forEach(m -> ids.add(m.get("id").asString()));
        return ids;
    }

    private JsonNode doc(String slug, String name) throws Exception {
        return json.readTree(new StatusPageTestSupport.Visitor(baseUrl()).get("/status/" + slug + "/api/v2/" + name)
                .body());
    }
}
