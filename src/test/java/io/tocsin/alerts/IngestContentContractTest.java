package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tocsin.support.Api;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17 point 1, ingest part: no alert is lost to its content, on H2 and PostgreSQL. Each case is the exact
 * request that used to be answered 503 "retry" forever on PostgreSQL (NUL), or 503/4xx on both (year 999999999,
 * 100 kB URLs, long aliases and keys), or lost a whole Alertmanager group for one bad member. Each must now be
 * stored, with the alert saying what was changed (details {@code tocsin.adjusted}, shown on the alert page).
 */
class IngestContentContractTest extends AlertTestSupport {

    private static final String NUL = "\\u0000";

    private static List<String> adjusted(JsonNode alert) {
        var list = new java.util.ArrayList<String>();
        for (var a : alert.path("details").path("tocsin").path("adjusted")) {
            list.add(a.path("field").asString() + ":" + a.path("kind").asString());
        }
        return list;
    }

    private JsonNode onlyAlert(String serviceId) {
        var list = alerts(serviceId);
        assertThat(list.size()).isEqualTo(1);
        return list.get(0);
    }

    @Test
    void pagerDutyWithNulInSummarySourceAndDedupKeyIsStoredAndTheKeyStillResolvesIt() {
        var src = newSource("PAGERDUTY");
        String body = "{\"routing_key\":\"" + src.key() + "\",\"event_action\":\"trigger\",\"dedup_key\":\"disk" + NUL
                + "db\",\"payload\":{\"summary\":\"Disk" + NUL + " full\",\"source\":\"db" + NUL + "1\",\"severity\":"
                + "\"warning\",\"custom_details\":{\"raw\":\"a" + NUL + "b\"}}}";
        var r = anonymous().send("POST", "/v2/enqueue", body, "application/json").expect(202).json();
        assertThat(r.get("dedup_key").asString()).isEqualTo("disk\uFFFDdb");
        var alert = onlyAlert(src.serviceId());
        assertThat(alert.get("summary").asString()).isEqualTo("Disk\uFFFD full");
        assertThat(alert.get("source").asString()).isEqualTo("db\uFFFD1");
        assertThat(alert.get("details").get("custom_details").get("raw").asString()).isEqualTo("a\u0000b");
        assertThat(adjusted(alert)).contains("payload.summary:CHARACTERS_REPLACED", "payload.source:CHARACTERS_REPLACED",
                "dedup_key:CHARACTERS_REPLACED");
        anonymous().send("POST", "/v2/enqueue", body.replace("\"trigger\"", "\"resolve\""), "application/json")
                .expect(202);
        assertThat(onlyAlert(src.serviceId()).get("status").asString()).isEqualTo("RESOLVED");
    }

    @Test
    void overLongPagerDutySummaryAndDedupKeyAreCutNotRefused() {
        var src = newSource("PAGERDUTY");
        String key = "k".repeat(300);
        String body = "{\"routing_key\":\"" + src.key() + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + key
                + "\",\"payload\":{\"summary\":\"" + "s".repeat(2000) + "\",\"source\":\"h\",\"severity\":\"info\","
                + "\"timestamp\":\"+999999999-12-31T23:59:59Z\"},\"links\":[{\"href\":\"https://" + "l".repeat(100_000)
                + "\"}]}";
        String stored = anonymous().send("POST", "/v2/enqueue", body, "application/json").expect(202).json()
                .get("dedup_key").asString();
        assertThat(stored).hasSize(255).startsWith("kkk");
        var alert = onlyAlert(src.serviceId());
        assertThat(alert.get("summary").asString()).hasSize(1024).endsWith("…[truncated]");
        assertThat(alert.get("links").get(0).get("href").asString()).hasSize(2048);
        assertThat(adjusted(alert)).contains("payload.summary:TRUNCATED", "dedup_key:KEY_SHORTENED",
                "payload.timestamp:DATE_CLAMPED", "links[0].href:TRUNCATED");
        // The same long key acknowledges it: the shortening is the same every time.
        anonymous().send("POST", "/v2/enqueue", body.replace("\"trigger\"", "\"acknowledge\""), "application/json")
                .expect(202);
        assertThat(onlyAlert(src.serviceId()).get("status").asString()).isEqualTo("ACKNOWLEDGED");
    }

    @Test
    void alertmanagerGroupWithNulFingerprintHugeDatesAndA100kBGeneratorUrlIsStored() {
        var src = newSource("ALERTMANAGER");
        String body = fixture("webhook-firing.json")
                .replace("\"fingerprint\": \"c99eb7baa1f5803c\"", "\"fingerprint\": \"c99e" + NUL + "\"")
                .replace("\"startsAt\": \"2026-11-22T00:37:21Z\"", "\"startsAt\": \"+999999999-12-31T23:59:59Z\"")
                .replace("\"generatorURL\": \"http://prometheus.example.org",
                        "\"generatorURL\": \"http://" + "g".repeat(100_000))
                .replace("\"summary\": \"5xx rate above 5% on checkout\"\n  },\n  \"externalURL\"",
                        "\"summary\": \"5xx" + NUL + "\"\n  },\n  \"externalURL\"");
        anonymous().send("POST", "/integrations/alertmanager?key=" + src.key(), body, "application/json").expect(200);
        var alert = onlyAlert(src.serviceId());
        var detail = alert(alert.get("id").asString());
        assertThat(detail.get("members").get(0).get("fingerprint").asString()).isEqualTo("c99e\uFFFD");
        assertThat(detail.get("members").get(0).get("startsAt").asString()).startsWith("9999-12-31T23:59:59");
        assertThat(alert.get("summary").asString()).endsWith("- 5xx\uFFFD");
        assertThat(adjusted(alert)).contains("alerts[0].fingerprint:CHARACTERS_REPLACED",
                "alerts[0].startsAt:DATE_CLAMPED", "alerts[0].generatorURL.href:TRUNCATED");
    }

    @Test
    void oneBadMemberNeverCostsTheGroupItsGoodMembers() {
        var src = newSource("ALERTMANAGER");
        String body = fixture("webhook-firing.raw.json").replace("\"alerts\":[{", "\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"DiskFull\"},\"startsAt\":\"2026-11-22T00:38:00Z\"},"
                + "\"not an alert\",{\"status\":\"firing\",\"fingerprint\":\"bbbb000011112222\",\"labels\":"
                + "{\"alertname\":\"DiskFull\"},\"startsAt\":\"when the disk fills\"},{");
        anonymous().send("POST", "/integrations/alertmanager?key=" + src.key(), body, "application/json").expect(200);
        var alert = onlyAlert(src.serviceId());
        var members = alert(alert.get("id").asString()).get("members");
        assertThat(members.findValuesAsString("fingerprint")).containsExactlyInAnyOrder("bbbb000011112222",
                "eaf09244f2c30009");
        assertThat(adjusted(alert)).contains("alerts[0]:MEMBER_SKIPPED", "alerts[1]:MEMBER_SKIPPED",
                "alerts[2].startsAt:DATE_IGNORED");
        assertThat(alert.get("summary").asString()).startsWith("[FIRING:2]");
    }

    @Test
    void theWebhookSummaryCountsTruncatedAlerts() {
        var src = newSource("ALERTMANAGER");
        // max_alerts: 1 on a group of 3 sends one alert and truncatedAlerts 2.
        String body = fixture("webhook-firing.json").replace("\"truncatedAlerts\": 0", "\"truncatedAlerts\": 2");
        anonymous().send("POST", "/integrations/alertmanager?key=" + src.key(), body, "application/json").expect(200);
        assertThat(onlyAlert(src.serviceId()).get("summary").asString()).startsWith("[FIRING:3] HighErrorRate checkout");
    }

    @Test
    void webhookWithNulAndA100kBLinkIsStored() {
        var src = newSource("WEBHOOK");
        String body = "{\"summary\":\"Backup" + NUL + " failed\",\"source\":\"cron" + NUL + "\",\"dedupKey\":\"b" + NUL
                + "\",\"links\":[{\"href\":\"https://ci.example.org/" + "x".repeat(100_000) + "\",\"text\":\"log\"}]}";
        anonymous().send("POST", "/integrations/webhook?key=" + src.key(), body, "application/json").expect(202);
        var alert = onlyAlert(src.serviceId());
        assertThat(alert.get("summary").asString()).isEqualTo("Backup\uFFFD failed");
        assertThat(alert.get("dedupKey").asString()).isEqualTo("b\uFFFD");
        assertThat(alert.get("links").get(0).get("href").asString()).hasSize(2048).endsWith("…[truncated]");
        assertThat(adjusted(alert)).contains("summary:CHARACTERS_REPLACED", "links[0].href:TRUNCATED");
    }

    @Test
    void opsgenieWithNulAndAnAliasOver512CharactersIsStoredAndClosedByThatAlias() {
        var src = newSource("OPSGENIE");
        var genie = anonymous().withHeader("Authorization", "GenieKey " + src.key());
        String alias = "checkout-" + "a".repeat(600);
        genie.send("POST", "/v2/alerts", "{\"message\":\"Checkout" + NUL + " down\",\"alias\":\"" + alias
                + "\",\"source\":\"zabbix" + NUL + "\"}", "application/json").expect(202);
        var alert = onlyAlert(src.serviceId());
        assertThat(alert.get("dedupKey").asString()).hasSize(512).startsWith("checkout-aaa");
        assertThat(alert.get("summary").asString()).isEqualTo("Checkout\uFFFD down");
        assertThat(adjusted(alert)).contains("alias:KEY_SHORTENED", "message:CHARACTERS_REPLACED");
        genie.post("/v2/alerts/" + alias + "/close?identifierType=alias", Map.of()).expect(202);
        assertThat(onlyAlert(src.serviceId()).get("status").asString()).isEqualTo("RESOLVED");
    }

    @Test
    void changeEventsWithNulAndHugeDetailsAreStored() {
        var src = newSource("PAGERDUTY");
        long before = count("change_event");
        anonymous().send("POST", "/v2/change/enqueue", "{\"routing_key\":\"" + src.key() + "\",\"payload\":"
                + "{\"summary\":\"Deployed" + NUL + " 4.3.0\",\"source\":\"ci" + NUL + "\",\"timestamp\":"
                + "\"-999999999-01-01T00:00:00Z\",\"custom_details\":{\"log\":\"" + "l".repeat(300_000) + "\"}}}",
                "application/json").expect(202);
        assertThat(count("change_event")).isEqualTo(before + 1);
        var stored = jdbc.sql("select summary, source, details from change_event where integration_id = ?")
                .param(java.util.UUID.fromString(src.integrationId())).query((rs, n) -> List.of(rs.getString(1),
                        rs.getString(2), rs.getString(3))).single();
        assertThat(stored.get(0)).isEqualTo("Deployed\uFFFD 4.3.0");
        assertThat(stored.get(1)).isEqualTo("ci\uFFFD");
        assertThat(stored.get(2)).contains("details", "OMITTED");
    }

    @Test
    void theAlertPageSaysWhatWasChanged() {
        var src = newSource("WEBHOOK");
        anonymous().post("/integrations/webhook?key=" + src.key(), Map.of("summary", "x".repeat(3000))).expect(202);
        String id = onlyAlert(src.serviceId()).get("id").asString();
        var page = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD).get("/alerts/" + id).body();
        assertThat(page).contains("id=\"alert-adjusted\"", "Stored with changes", "cut from 3,000 to 1,024 characters");
    }

    @Test
    void eventActionNullIsAPermanent400NotA503() {
        var src = newSource("PAGERDUTY");
        var r = new Api(baseUrl(), null).send("POST", "/v2/enqueue", "{\"routing_key\":\"" + src.key()
                + "\",\"event_action\":null}", "application/json").expect(400).json();
        assertThat(r.get("status").asString()).isEqualTo("invalid event");
        assertThat(r.get("errors").toString()).contains("event_action");
        assertThat(alertCount(src.serviceId())).isZero();
    }
}
