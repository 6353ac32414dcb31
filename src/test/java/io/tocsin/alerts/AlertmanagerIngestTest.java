package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.tocsin.alerts.internal.SecretKeys;
import org.junit.jupiter.api.Test;

/** Alertmanager webhook v4 with the captured 0.25 bodies (integrations.md section 2; R4). */
class AlertmanagerIngestTest extends AlertTestSupport {

    @Test
    void capturedFiringThenResolvedIsOneAlertDedupedByGroupKey() {
        var src = newSource("ALERTMANAGER");
        String path = "/integrations/alertmanager?key=" + src.key();
        var r = anonymous().send("POST", path, fixture("webhook-firing.json"), "application/json").expect(200).json();
        assertThat(r.get("result").asString()).isEqualTo("created");
        // The dedup key is the one Alertmanager's PagerDuty integration uses for the same group.
        assertThat(r.get("dedupKey").asString())
                .isEqualTo("97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb")
                .isEqualTo(SecretKeys.sha256Hex("{}:{alertname=\"HighErrorRate\", service=\"checkout\"}"));
        anonymous().send("POST", path, fixture("webhook-firing.json"), "application/json").expect(200);

        var list = alerts(src.serviceId());
        assertThat(list.size()).isEqualTo(1);
        var alert = list.get(0);
        assertThat(alert.get("eventCount").asLong()).isEqualTo(2);
        assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.get("summary").asString()).contains("[FIRING:1]", "HighErrorRate", "5xx rate above 5% on checkout");
        assertThat(alert.get("links").toString()).contains("https://runbooks.example.org/checkout/high-error-rate");
        var detail = alert(alert.get("id").asString());
        assertThat(detail.get("members").get(0).get("fingerprint").asString()).isEqualTo("c99eb7baa1f5803c");
        assertThat(detail.get("members").get(0).get("status").asString()).isEqualTo("firing");

        anonymous().send("POST", path, fixture("webhook-resolved.json"), "application/json").expect(200);
        detail = alert(alert.get("id").asString());
        assertThat(detail.get("alert").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(detail.get("members").get(0).get("status").asString()).isEqualTo("resolved");
        assertThat(detail.get("history").toString()).contains("MEMBER_FIRING", "MEMBER_RESOLVED", "RESOLVED");

        // Firing again after the group resolved is a new alert.
        anonymous().send("POST", path, fixture("webhook-firing.json"), "application/json").expect(200);
        assertThat(alertCount(src.serviceId())).isEqualTo(2);
    }

    @Test
    void rawBytesWithNanosecondsAndPartialResolveTrackMembers() {
        var src = newSource("ALERTMANAGER");
        var bearer = anonymous().withHeader("Authorization", "Bearer " + src.key());
        bearer.send("POST", "/integrations/alertmanager", fixture("webhook-firing.raw.json"), "application/json")
                .expect(200);
        // A second member joins the group; then one resolves while the group still fires.
        String two = fixture("webhook-firing.raw.json").replace("\"alerts\":[{", "\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"db-2\"},\"annotations\":{},"
                + "\"startsAt\":\"2026-11-22T00:38:00.1Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"\","
                + "\"fingerprint\":\"aaaa000011112222\"},{");
        bearer.send("POST", "/integrations/alertmanager", two, "application/json").expect(200);
        String partial = two.replaceFirst("\"status\":\"firing\",\"labels\":\\{\"alertname\":\"DiskFull\",\"instance\":\"db-2\"",
                "\"status\":\"resolved\",\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"db-2\"");
        bearer.send("POST", "/integrations/alertmanager", partial, "application/json").expect(200);
        var alert = alerts(src.serviceId()).get(0);
        assertThat(alert.get("status").asString()).isEqualTo("TRIGGERED");
        assertThat(alert.get("severity").asString()).isEqualTo("WARNING");
        var members = alert(alert.get("id").asString()).get("members");
        assertThat(members.size()).isEqualTo(2);
        assertThat(members.toString()).contains("\"aaaa000011112222\",\"status\":\"resolved\"",
                "\"eaf09244f2c30009\",\"status\":\"firing\"");

        var basic = anonymous().withHeader("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("alertmanager:" + src.key()).getBytes(StandardCharsets.UTF_8)));
        basic.send("POST", "/integrations/alertmanager", fixture("webhook-resolved.raw.json"), "application/json")
                .expect(200);
        assertThat(alerts(src.serviceId()).get(0).get("status").asString()).isEqualTo("RESOLVED");
    }

    @Test
    void wrongKeyIs401AndResolvedForUnknownGroupCreatesNothing() {
        var src = newSource("ALERTMANAGER");
        long before = count("alert");
        anonymous().send("POST", "/integrations/alertmanager?key=0000", fixture("webhook-firing.json"),
                "application/json").expect(401);
        assertThat(count("alert")).isEqualTo(before);
        anonymous().send("POST", "/integrations/alertmanager?key=" + src.key(), fixture("webhook-resolved.json"),
                "application/json").expect(200);
        assertThat(alertCount(src.serviceId())).isZero();
    }

    @Test
    void floodAboveTheRateLimitIs503NeverA4xx() {
        var src = newSource("ALERTMANAGER", 2, null);
        String path = "/integrations/alertmanager?key=" + src.key();
        anonymous().send("POST", path, fixture("webhook-firing.json"), "application/json").expect(200);
        anonymous().send("POST", path, fixture("webhook-firing.json"), "application/json").expect(200);
        var limited = anonymous().send("POST", path, fixture("webhook-firing.json"), "application/json");
        limited.expect(503);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(alerts(src.serviceId()).get(0).get("eventCount").asLong()).as("the refused event is not counted")
                .isEqualTo(2);
    }
}
