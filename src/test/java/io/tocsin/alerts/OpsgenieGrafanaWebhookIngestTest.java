package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.support.Api;
import org.junit.jupiter.api.Test;

/** Opsgenie Alert API v2, Grafana webhook with HMAC, and the generic JSON webhook (integrations.md 3, 4; R4). */
class OpsgenieGrafanaWebhookIngestTest extends AlertTestSupport {

    private Api genie(String key) {
        return anonymous().withHeader("Authorization", "GenieKey " + key);
    }

    @Test
    void opsgenieCreateDedupsByAliasAcknowledgesAndClosesWithRequestStatus() {
        var src = newSource("OPSGENIE");
        var created = genie(src.key()).post("/v2/alerts", Map.of("message", "x".repeat(140), "alias", "db-disk",
                "priority", "P1", "source", "zabbix", "details", Map.of("host", "db-1"), "tags", java.util.List.of("db")))
                .expect(202).json();
        assertThat(created.get("result").asString()).isEqualTo("Request will be processed");
        assertThat(created.get("took").isNumber()).isTrue();
        String requestId = created.get("requestId").asString();
        var status = genie(src.key()).get("/v2/alerts/requests/" + requestId).expect(200).json().get("data");
        assertThat(status.get("success").asBoolean()).isTrue();
        assertThat(status.get("action").asString()).isEqualTo("Create");
        assertThat(status.get("alias").asString()).isEqualTo("db-disk");
        String alertId = status.get("alertId").asString();

        genie(src.key()).post("/v2/alerts", Map.of("message", "again", "alias", "db-disk")).expect(202);
        var alert = alert(alertId).get("alert");
        assertThat(alert.get("eventCount").asLong()).isEqualTo(2);
        assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alertCount(src.serviceId())).isEqualTo(1);

        genie(src.key()).post("/v2/alerts/db-disk/acknowledge?identifierType=alias", Map.of("user", "sam")).expect(202);
        assertThat(alert(alertId).get("alert").get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(alert(alertId).get("alert").get("acknowledgedBy").asString()).isEqualTo("sam");
        genie(src.key()).post("/v2/alerts/" + alertId + "/close", Map.of()).expect(202);
        assertThat(alert(alertId).get("alert").get("status").asString()).isEqualTo("RESOLVED");

        var unknown = genie(src.key()).post("/v2/alerts/nope/close?identifierType=alias", null).expect(202).json();
        var outcome = genie(src.key()).get("/v2/alerts/requests/" + unknown.get("requestId").asString()).expect(200)
                .json().get("data");
        assertThat(outcome.get("success").asBoolean()).isFalse();
        assertThat(alertCount(src.serviceId())).isEqualTo(1);

        // Another key cannot read this integration's requests.
        var other = newSource("OPSGENIE");
        genie(other.key()).get("/v2/alerts/requests/" + requestId).expect(404);
    }

    @Test
    void opsgenieErrorsUseItsOwnBody() {
        var src = newSource("OPSGENIE");
        long before = count("alert");
        var unauthorized = genie("wrong").post("/v2/alerts", Map.of("message", "m")).expect(401).json();
        assertThat(unauthorized.get("message").asString()).isEqualTo("Could not authenticate");
        assertThat(unauthorized.get("code").asInt()).isEqualTo(401);
        assertThat(unauthorized.has("requestId")).isTrue();
        assertThat(unauthorized.has("took")).isTrue();
        var empty = genie(src.key()).post("/v2/alerts", Map.of("alias", "a")).expect(422).json();
        assertThat(empty.get("errors").get("message").asString()).isEqualTo("Message can not be empty.");
        genie(src.key()).send("POST", "/v2/alerts", "{\"message\":", "application/json").expect(400);
        genie(src.key()).post("/v2/alerts", Map.of("message", "m", "priority", "P9")).expect(422);
        assertThat(count("alert")).isEqualTo(before);
    }

    @Test
    void opsgenieRateLimitIs429WithRetryAfter() {
        var src = newSource("OPSGENIE", 1, null);
        genie(src.key()).post("/v2/alerts", Map.of("message", "m", "alias", "a")).expect(202);
        var limited = genie(src.key()).post("/v2/alerts", Map.of("message", "m", "alias", "a")).expect(429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(limited.json().get("code").asInt()).isEqualTo(429);
        assertThat(alerts(src.serviceId()).get(0).get("eventCount").asLong()).isEqualTo(1);
    }

    @Test
    void grafanaWithHmacSignature() throws Exception {
        var src = newSource("GRAFANA", null, "grafana-secret");
        String body = fixture("webhook-firing.json").replace("\"version\": \"4\"", "\"version\": \"1\", \"orgId\": 1,"
                + " \"title\": \"[FIRING:1] HighErrorRate checkout\", \"state\": \"alerting\"");
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("grafana-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        // A signed timestamp must be recent (issue 10: replay window), so sign with the test clock's now.
        String ts = String.valueOf(clock.instant().getEpochSecond());
        String signature = HexFormat.of().formatHex(mac.doFinal((ts + ":" + body).getBytes(StandardCharsets.UTF_8)));
        var caller = anonymous().withHeader("Authorization", "Bearer " + src.key());
        caller.send("POST", "/integrations/grafana", body, "application/json").expect(401);
        caller.withHeader("X-Grafana-Alerting-Signature", "00" + signature.substring(2))
                .withHeader("X-Grafana-Alerting-Signature-Timestamp", ts)
                .send("POST", "/integrations/grafana", body, "application/json").expect(401);
        assertThat(alertCount(src.serviceId())).isZero();
        caller.withHeader("X-Grafana-Alerting-Signature", signature)
                .withHeader("X-Grafana-Alerting-Signature-Timestamp", ts)
                .send("PUT", "/integrations/grafana", body, "application/json").expect(200);
        var alert = alerts(src.serviceId()).get(0);
        assertThat(alert.get("summary").asString()).isEqualTo("[FIRING:1] HighErrorRate checkout");
        assertThat(alert.get("origin").asString()).isEqualTo("grafana");
    }

    @Test
    void genericWebhookTriggerRepeatResolve() {
        var src = newSource("WEBHOOK");
        var caller = anonymous();
        String path = "/integrations/webhook?key=" + src.key();
        var r = caller.post(path, Map.of("summary", "Backup failed", "severity", "error", "dedupKey", "backup",
                "details", Map.of("exit", 2), "links", java.util.List.of(Map.of("href", "https://ci/1")))).expect(202).json();
        assertThat(r.get("result").asString()).isEqualTo("created");
        assertThat(caller.post(path, Map.of("summary", "Backup failed", "dedupKey", "backup")).expect(202).json()
                .get("result").asString()).isEqualTo("repeated");
        assertThat(caller.post(path, Map.of("action", "resolve", "dedupKey", "backup")).expect(202).json()
                .get("result").asString()).isEqualTo("resolved");
        assertThat(caller.post(path, Map.of("action", "resolve")).expect(400).json().get("errors").toString())
                .contains("dedupKey");
        caller.post("/integrations/webhook?key=nope", Map.of("summary", "x")).expect(401);
        assertThat(alertCount(src.serviceId())).isEqualTo(1);
    }
}
