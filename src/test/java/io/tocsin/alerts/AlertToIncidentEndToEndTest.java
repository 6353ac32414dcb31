package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.Timers;
import io.tocsin.support.RecordedAlertEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * From alert to incident end to end (R3, R4, R14): two sources on one service open one incident; a maintenance
 * window suppresses; a heartbeat missed on a fast-forwarded clock alerts, and the next ping resolves it.
 */
class AlertToIncidentEndToEndTest extends AlertTestSupport {

    @Autowired
    DurableTimers dueTimers;

    @Autowired
    Timers timers;

    @Autowired
    RecordedAlertEvents published;

    private static Map<String, Object> pd(String key, String dedup, String severity) {
        return Map.of("routing_key", key, "event_action", "trigger", "dedup_key", dedup, "payload",
                Map.of("summary", "Checkout 5xx above 5%", "source", "lb-1", "severity", severity));
    }

    @Test
    void alertsFromTwoSourcesOnOneServiceOpenOneIncident() {
        var pagerduty = newSource("PAGERDUTY");
        var alertmanager = addSource(pagerduty.serviceId(), "ALERTMANAGER", null, null);

        anonymous().post("/v2/enqueue", pd(pagerduty.key(), "lb-5xx", "critical")).expect(202);
        anonymous().send("POST", "/integrations/alertmanager?key=" + alertmanager.key(), fixture("webhook-firing.json"),
                "application/json").expect(200);

        assertThat(incidentCount(pagerduty.serviceId())).isEqualTo(1);
        var list = alerts(pagerduty.serviceId());
        assertThat(list.size()).isEqualTo(2);
        String incidentId = list.get(0).get("incidentId").asString();
        assertThat(list.get(1).get("incidentId").asString()).isEqualTo(incidentId);

        var incident = admin().get("/api/v1/incidents/" + incidentId).expect(200).json();
        assertThat(incident.get("severity").asInt()).as("critical opens at the rule's severity (default 2)").isEqualTo(2);
        assertThat(incident.get("source").asString()).isEqualTo("alert:pagerduty");
        String timeline = admin().get("/api/v1/incidents/" + incidentId + "/timeline").expect(200).body();
        assertThat(timeline).contains("Opened automatically by a critical alert", "Alert joined this incident");

        var triggered = published.triggered(UUID.fromString(pagerduty.serviceId()));
        assertThat(triggered).hasSize(2).allMatch(AlertEvents.AlertTriggered::pages);
        assertThat(triggered.get(1).incidentId()).isEqualTo(UUID.fromString(incidentId));

        // All alerts resolved shows on the incident; the default rule leaves resolving it to people.
        anonymous().post("/v2/enqueue", Map.of("routing_key", pagerduty.key(), "event_action", "resolve",
                "dedup_key", "lb-5xx")).expect(202);
        assertThat(admin().get("/api/v1/incidents/" + incidentId + "/timeline").body())
                .doesNotContain("All alerts of this incident are resolved");
        anonymous().send("POST", "/integrations/alertmanager?key=" + alertmanager.key(), fixture("webhook-resolved.json"),
                "application/json").expect(200);
        assertThat(admin().get("/api/v1/incidents/" + incidentId + "/timeline").body())
                .contains("All alerts of this incident are resolved");
        assertThat(admin().get("/api/v1/incidents/" + incidentId).json().get("status").asString()).isEqualTo("NEW");
    }

    @Test
    void ruleCanResolveTheIncidentWhenAllAlertsResolve() {
        var src = newSource("PAGERDUTY");
        admin().put("/api/v1/services/" + src.serviceId() + "/alert-rules", Map.of("openOnCritical", true,
                "criticalIncidentSeverity", 1, "thresholdCount", 0, "thresholdMinutes", 10,
                "thresholdIncidentSeverity", 3, "attachToOpenIncident", true, "resolveIncidentWithAlerts", true))
                .expect(200);
        anonymous().post("/v2/enqueue", pd(src.key(), "a", "critical")).expect(202);
        String incidentId = alerts(src.serviceId()).get(0).get("incidentId").asString();
        assertThat(admin().get("/api/v1/incidents/" + incidentId).json().get("severity").asInt()).isEqualTo(1);
        admin().post("/api/v1/incidents/" + incidentId + "/assign", Map.of()).expect(200);
        anonymous().post("/v2/enqueue", Map.of("routing_key", src.key(), "event_action", "resolve", "dedup_key", "a"))
                .expect(202);
        assertThat(admin().get("/api/v1/incidents/" + incidentId).json().get("status").asString()).isEqualTo("RESOLVED");
        assertThat(admin().get("/api/v1/incidents/" + incidentId + "/timeline").body())
                .contains("Resolving the incident because all its alerts are resolved");
    }

    @Test
    void lowerAlertsStayAlertsUntilThresholdOrPromotion() {
        var src = newSource("PAGERDUTY");
        for (int i = 1; i <= 4; i++) {
            anonymous().post("/v2/enqueue", pd(src.key(), "w" + i, "warning")).expect(202);
        }
        assertThat(incidentCount(src.serviceId())).as("4 warnings stay below the default threshold of 5 in 10 min")
                .isZero();
        var kept = alerts(src.serviceId()).get(0);
        assertThat(alert(kept.get("id").asString()).get("history").toString()).contains("KEPT_AS_ALERT");

        anonymous().post("/v2/enqueue", pd(src.key(), "w5", "warning")).expect(202);
        assertThat(incidentCount(src.serviceId())).isEqualTo(1);
        var all = alerts(src.serviceId());
        String incidentId = all.get(0).get("incidentId").asString();
        for (var a : all) {
            assertThat(a.get("incidentId").asString()).as("threshold alerts join the incident").isEqualTo(incidentId);
        }
        var incident = admin().get("/api/v1/incidents/" + incidentId).json();
        assertThat(incident.get("severity").asInt()).isEqualTo(3);
        assertThat(admin().get("/api/v1/incidents/" + incidentId + "/timeline").body())
                .contains("5 alerts within 10 minutes crossed the service's threshold");

        // Promotion by a person, on another service.
        var other = newSource("PAGERDUTY");
        anonymous().post("/v2/enqueue", pd(other.key(), "info", "info")).expect(202);
        String alertId = alerts(other.serviceId()).get(0).get("id").asString();
        var responder = newUser(role("RESPONDER"), "Pat Promoter");
        var promoted = responder.post("/api/v1/alerts/" + alertId + "/promote", Map.of("severity", 2)).expect(201).json();
        assertThat(promoted.get("key").asString()).startsWith("INC-");
        assertThat(alert(alertId).get("alert").get("incidentId").asString()).isEqualTo(promoted.get("incidentId").asString());
        responder.post("/api/v1/alerts/" + alertId + "/promote", Map.of("severity", 2)).expect(409);
        responder.post("/api/v1/alerts/" + alertId + "/acknowledge", Map.of()).expect(200);
        assertThat(alert(alertId).get("alert").get("acknowledgedBy").asString()).isEqualTo("Pat Promoter");
        newUser(role("STAKEHOLDER"), "Sid").post("/api/v1/alerts/" + alertId + "/resolve", Map.of()).expect(403);
    }

    @Test
    void maintenanceWindowRecordsAndMarksButOpensNoIncidentAndPagesNobody() {
        var src = newSource("PAGERDUTY");
        var window = admin().post("/api/v1/maintenance-windows", Map.of("serviceId", src.serviceId(),
                "durationMinutes", 60, "reason", "DB upgrade")).expect(201).json();
        anonymous().post("/v2/enqueue", pd(src.key(), "during", "critical")).expect(202);
        var alert = alerts(src.serviceId()).get(0);
        assertThat(alert.get("inMaintenance").asBoolean()).isTrue();
        assertThat(alert.get("pages").asBoolean()).isFalse();
        assertThat(alert.get("incidentId").isNull()).isTrue();
        assertThat(incidentCount(src.serviceId())).isZero();
        assertThat(published.triggered(UUID.fromString(src.serviceId()))).singleElement()
                .matches(t -> !t.pages() && t.inMaintenance());

        // A window scheduled for later does not suppress now; after the window ends, alerts count again.
        admin().post("/api/v1/maintenance-windows/" + window.get("id").asString() + "/end", Map.of()).expect(200);
        admin().post("/api/v1/maintenance-windows", Map.of("serviceId", src.serviceId(),
                "startsAt", clock.instant().plus(Duration.ofHours(2)).toString(),
                "endsAt", clock.instant().plus(Duration.ofHours(3)).toString())).expect(201);
        anonymous().post("/v2/enqueue", pd(src.key(), "after", "critical")).expect(202);
        assertThat(incidentCount(src.serviceId())).isEqualTo(1);
        admin().post("/api/v1/maintenance-windows", Map.of("serviceId", src.serviceId())).expect(422);
    }

    @Test
    void missedHeartbeatAlertsAndThePingResolves() {
        String serviceId = admin().post("/api/v1/services", Map.of("name", "svc-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var hb = admin().post("/api/v1/services/" + serviceId + "/heartbeats", Map.of("name", "nightly backup",
                "intervalSeconds", 3600, "graceSeconds", 300)).expect(201).json();
        String ping = hb.get("pingPath").asString();
        anonymous().get(ping).expect(200);

        clock.advance(Duration.ofMinutes(50));
        dueTimers.runDue();
        assertThat(alertCount(serviceId)).as("within interval").isZero();
        anonymous().send("POST", ping, "", "text/plain").expect(200);

        clock.advance(Duration.ofMinutes(66));
        dueTimers.runDue();
        dueTimers.runDue();
        assertThat(alertCount(serviceId)).as("missed: one alert, fired once").isEqualTo(1);
        var alert = alerts(serviceId).get(0);
        assertThat(alert.get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(alert.get("summary").asString()).contains("nightly backup", "missed");
        assertThat(admin().get("/api/v1/services/" + serviceId + "/heartbeats").json().get(0).get("state").asString())
                .isEqualTo("DOWN");
        assertThat(timers.find("alerts.heartbeat", hb.get("id").asString())).as("no timer left to double-fire")
                .isEmpty();

        anonymous().get(ping).expect(200);
        assertThat(alerts(serviceId).get(0).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(timers.find("alerts.heartbeat", hb.get("id").asString())).isPresent();
        anonymous().get("/heartbeats/ffffffffffffffffffffffffffffffff").expect(404);
    }
}
