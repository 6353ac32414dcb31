package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 10: Alertmanager's default {@code pagerduty_configs} sends {@code severity: error} and its
 * {@code opsgenie_configs} sends no priority, so a critical alert opened no incident. An integration's own
 * severity mapping (admin, integrations API) fixes a migration without touching Alertmanager. H2 and PostgreSQL.
 */
class IntegrationSeverityMappingTest extends AlertTestSupport {

    private void configure(Source src, Map<String, Object> settings) {
        var body = new HashMap<String, Object>(settings);
        body.put("name", "mapped");
        body.putIfAbsent("kind", "PAGERDUTY");
        admin().put("/api/v1/services/" + src.serviceId() + "/integrations/" + src.integrationId(), body).expect(200);
    }

    @Test
    void alertmanagersDefaultErrorSeverityOpensAnIncidentWhenTheIntegrationMapsItToCritical() {
        var plain = newSource("PAGERDUTY");
        // The captured trigger, with the severity Alertmanager sends when pagerduty_configs sets none.
        String trigger = fixture("pagerduty-trigger.json").replace("\"severity\": \"critical\"", "\"severity\": \"error\"");
        anonymous().send("POST", "/v2/enqueue", trigger.replace("0123456789abcdef0123456789abcdef", plain.key()),
                "application/json").expect(202);
        var unmapped = alerts(plain.serviceId()).get(0);
        assertThat(unmapped.get("severity").asString()).isEqualTo("ERROR");
        assertThat(unmapped.get("incidentId").isNull()).as("without a mapping: no incident").isTrue();

        var mapped = newSource("PAGERDUTY");
        configure(mapped, Map.of("severityMap", Map.of("Error", "CRITICAL")));
        var listed = admin().get("/api/v1/services/" + mapped.serviceId() + "/integrations").expect(200).json().get(0);
        assertThat(listed.get("severityMap").toString()).isEqualTo("{\"error\":\"CRITICAL\"}");
        anonymous().send("POST", "/v2/enqueue", trigger.replace("0123456789abcdef0123456789abcdef", mapped.key()),
                "application/json").expect(202);
        var alert = alerts(mapped.serviceId()).get(0);
        assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.get("sourceSeverity").asString()).as("what the source said is kept").isEqualTo("error");
        assertThat(alert.get("incidentId").isNull()).isFalse();
    }

    @Test
    void opsgenieWithoutPriorityTakesTheIntegrationsSeverityForMissing() {
        var src = newSource("OPSGENIE");
        configure(src, Map.of("kind", "OPSGENIE", "missingSeverity", "CRITICAL"));
        var genie = anonymous().withHeader("Authorization", "GenieKey " + src.key());
        genie.post("/v2/alerts", Map.of("message", "[FIRING:1] HighErrorRate", "alias", "no-priority")).expect(202);
        genie.post("/v2/alerts", Map.of("message", "low", "alias", "p5", "priority", "P5")).expect(202);
        var bySummary = new HashMap<String, String>();
        for (var a : alerts(src.serviceId())) {
            bySummary.put(a.get("summary").asString(), a.get("severity").asString());
        }
        assertThat(bySummary).containsEntry("[FIRING:1] HighErrorRate", "CRITICAL").containsEntry("low", "INFO");
        assertThat(incidentCount(src.serviceId())).isEqualTo(1);
    }

    @Test
    void theMappingIsValidatedAndOnlyAdminsSetIt() {
        var src = newSource("ALERTMANAGER");
        var base = new HashMap<String, Object>(Map.of("name", "x", "kind", "ALERTMANAGER"));
        String path = "/api/v1/services/" + src.serviceId() + "/integrations/" + src.integrationId();
        base.put("severityMap", Map.of("w".repeat(41), "CRITICAL"));
        assertThat(admin().put(path, base).expect(422).body()).contains("severityMap");
        base.put("severityMap", Map.of("sev1", "LOUD"));
        admin().put(path, base).expect(400);
        base.put("severityMap", Map.of("sev1", "CRITICAL"));
        newUser(role("RESPONDER"), "Rhea").put(path, base).expect(403);
        assertThat(admin().put(path, base).expect(200).json().get("severityMap").get("sev1").asString())
                .isEqualTo("CRITICAL");
        // A Grafana-style label value on the Alertmanager webhook is mapped too.
        String body = fixture("webhook-firing.json").replace("\"severity\": \"critical\"\n  },\n  \"commonAnnotations\"",
                "\"severity\": \"sev1\"\n  },\n  \"commonAnnotations\"");
        anonymous().send("POST", "/integrations/alertmanager?key=" + src.key(), body, "application/json").expect(200);
        assertThat(alerts(src.serviceId()).get(0).get("severity").asString()).isEqualTo("CRITICAL");
    }
}
