package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 (R4): the same Alertmanager group through the webhook and through Alertmanager's {@code pagerduty_configs}
 * (whose dedup_key is the SHA-256 of the groupKey, as the webhook path derives it) is one alert with two sources
 * when the service deduplicates per service, and two alerts by default (per integration). Captured Alertmanager
 * 0.25 bodies.
 */
class DedupPerServiceTest extends AlertTestSupport {

    private static final String GROUP_KEY_HASH = "97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb";

    private record Paths(Source webhook, Source pagerduty) {
    }

    /** A service with both of Alertmanager's ways in, and its rule with the given dedup scope (null: untouched). */
    private Paths paths(String dedupScope) {
        var webhook = newSource("ALERTMANAGER");
        var pagerduty = addSource(webhook.serviceId(), "PAGERDUTY", null, null);
        if (dedupScope != null) {
            putRule(webhook.serviceId(), dedupScope).expect(200);
        }
        return new Paths(webhook, pagerduty);
    }

    private io.tocsin.support.Api.Response putRule(String serviceId, String dedupScope) {
        var rule = new HashMap<String, Object>(Map.of("openOnCritical", true, "criticalIncidentSeverity", 2,
                "thresholdCount", 0, "thresholdMinutes", 10, "thresholdIncidentSeverity", 3,
                "attachToOpenIncident", true, "resolveIncidentWithAlerts", false));
        rule.put("dedupScope", dedupScope);
        return admin().put("/api/v1/services/" + serviceId + "/alert-rules", rule);
    }

    private JsonNode webhook(Paths p, String fixture) {
        return anonymous().send("POST", "/integrations/alertmanager?key=" + p.webhook().key(), fixture(fixture),
                "application/json").expect(200).json();
    }

    private JsonNode pagerduty(Paths p, String fixture) {
        // The captured bodies carry Alertmanager's routing key; point them at ours, byte for byte otherwise.
        return anonymous().send("POST", "/v2/enqueue", fixture(fixture).replace("0123456789abcdef0123456789abcdef",
                p.pagerduty().key()), "application/json").expect(202).json();
    }

    @Test
    void perServiceTheGroupThroughBothPathsIsOneAlertWithTwoSources() {
        var p = paths("SERVICE");
        assertThat(admin().get("/api/v1/services/" + p.webhook().serviceId() + "/alert-rules").expect(200).json()
                .get("dedupScope").asString()).isEqualTo("SERVICE");

        assertThat(webhook(p, "webhook-firing.json").get("result").asString()).isEqualTo("created");
        var pd = pagerduty(p, "pagerduty-trigger.json");
        assertThat(pd.get("dedup_key").asString()).isEqualTo(GROUP_KEY_HASH);
        webhook(p, "webhook-firing.json");

        assertThat(alertCount(p.webhook().serviceId())).isEqualTo(1);
        assertThat(incidentCount(p.webhook().serviceId())).as("one alert, one incident").isEqualTo(1);
        var alert = alerts(p.webhook().serviceId()).get(0);
        assertThat(alert.get("eventCount").asLong()).isEqualTo(3);
        var sources = alert(alert.get("id").asString()).get("sources");
        assertThat(sources.size()).isEqualTo(2);
        assertThat(sources.get(0).get("integrationId").asString()).isEqualTo(p.webhook().integrationId());
        assertThat(sources.get(0).get("origin").asString()).isEqualTo("alertmanager");
        assertThat(sources.get(0).get("eventCount").asLong()).isEqualTo(2);
        assertThat(sources.get(1).get("integrationId").asString()).isEqualTo(p.pagerduty().integrationId());
        assertThat(sources.get(1).get("origin").asString()).isEqualTo("pagerduty");
        assertThat(sources.get(1).get("eventCount").asLong()).isEqualTo(1);
        assertThat(sources.get(1).get("name").asString()).startsWith("pagerduty ");

        // Either path resolves it; the other path's resolve then finds nothing open.
        pagerduty(p, "pagerduty-resolve.json");
        assertThat(alert(alert.get("id").asString()).get("alert").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(webhook(p, "webhook-resolved.json").get("result").asString()).isEqualTo("dropped");
        assertThat(alertCount(p.webhook().serviceId())).isEqualTo(1);
    }

    @Test
    void byDefaultEachIntegrationDeduplicatesOnItsOwn() {
        var p = paths(null);
        assertThat(admin().get("/api/v1/services/" + p.webhook().serviceId() + "/alert-rules").expect(200).json()
                .get("dedupScope").asString()).isEqualTo("INTEGRATION");
        webhook(p, "webhook-firing.json");
        pagerduty(p, "pagerduty-trigger.json");
        assertThat(alertCount(p.webhook().serviceId())).isEqualTo(2);
        var alert = alerts(p.webhook().serviceId()).get(0);
        var sources = alert(alert.get("id").asString()).get("sources");
        assertThat(sources.size()).as("its own integration").isEqualTo(1);
        assertThat(sources.get(0).get("integrationId").asString()).isEqualTo(alert.get("integrationId").asString());
        assertThat(sources.get(0).get("eventCount").asLong()).isEqualTo(1);
    }

    @Test
    void switchingToPerServiceMergesTheOpenDuplicatesAndBackSplitsThemAgain() {
        var p = paths(null);
        webhook(p, "webhook-firing.json");
        webhook(p, "webhook-firing.json");
        clock.advance(java.time.Duration.ofSeconds(1));
        pagerduty(p, "pagerduty-trigger.json");
        var before = alerts(p.webhook().serviceId());
        assertThat(before.size()).isEqualTo(2);
        String webhookAlert = idOf(before, p.webhook().integrationId());
        String pagerdutyAlert = idOf(before, p.pagerduty().integrationId());

        putRule(p.webhook().serviceId(), "SERVICE").expect(200);

        var survivor = alert(webhookAlert);
        assertThat(survivor.get("alert").get("status").asString()).as("the earliest keeps the key").isEqualTo("TRIGGERED");
        assertThat(survivor.get("alert").get("eventCount").asLong()).isEqualTo(3);
        assertThat(survivor.get("sources").size()).isEqualTo(2);
        assertThat(survivor.get("sources").get(1).get("eventCount").asLong()).isEqualTo(1);
        assertThat(survivor.get("history").toString()).contains("DUPLICATE_MERGED", "SCOPE_CHANGED");
        var merged = alert(pagerdutyAlert);
        assertThat(merged.get("alert").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(merged.get("history").toString()).contains("MERGED_INTO", webhookAlert);

        pagerduty(p, "pagerduty-trigger.json");
        assertThat(alert(webhookAlert).get("alert").get("eventCount").asLong()).as("now a repeat of the survivor")
                .isEqualTo(4);

        // Back to per integration: the survivor stays with the integration that opened it, and says who reported it.
        putRule(p.webhook().serviceId(), "INTEGRATION").expect(200);
        var split = alert(webhookAlert);
        assertThat(split.get("sources").size()).isEqualTo(1);
        assertThat(split.get("history").toString()).contains("deduplicated per integration again",
                "it had been reported by");
        assertThat(pagerduty(p, "pagerduty-trigger.json").get("dedup_key").asString()).isEqualTo(GROUP_KEY_HASH);
        assertThat(alertCount(p.webhook().serviceId())).as("the PagerDuty path opens its own again").isEqualTo(3);
        webhook(p, "webhook-firing.json");
        assertThat(alert(webhookAlert).get("alert").get("eventCount").asLong()).isEqualTo(5);
    }

    @Test
    void anUnknownScopeIsA400NamingTheField() {
        var p = paths(null);
        var r = putRule(p.webhook().serviceId(), "GLOBAL");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("dedupScope");
    }

    private static String idOf(JsonNode alerts, String integrationId) {
        for (var a : alerts) {
            if (a.get("integrationId").asString().equals(integrationId)) {
                return a.get("id").asString();
            }
        }
        throw new AssertionError("no alert of integration " + integrationId);
    }
}
