package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.support.Api;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, Grafana: the HMAC as Grafana's webhook notifier computes it (grafana/alerting http/hmac.go: hex
 * HMAC-SHA256 of {@code "<unix seconds>:" + body}, headers named by the user), with either default timestamp
 * header, a configured one, and a stale or future timestamp refused (replay window 5 minutes). H2 and PostgreSQL.
 */
class GrafanaSignatureContractTest extends AlertTestSupport {

    private static final String SECRET = "grafana-secret";

    private static String body() {
        return fixture("webhook-firing.json").replace("\"version\": \"4\"", "\"version\": \"1\", \"orgId\": 1,"
                + " \"title\": \"[FIRING:1] HighErrorRate checkout\", \"state\": \"alerting\"");
    }

    private static String sign(String timestamp, String body) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String base = timestamp == null ? body : timestamp + ":" + body;
        return HexFormat.of().formatHex(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    }

    private Api.Response post(Source src, Map<String, String> headers, String body) {
        var caller = anonymous().withHeader("Authorization", "Bearer " + src.key());
        for (var h : headers.entrySet()) {
            caller = caller.withHeader(h.getKey(), h.getValue());
        }
        return caller.send("POST", "/integrations/grafana", body, "application/json");
    }

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    @Test
    void eitherDefaultTimestampHeaderIsAccepted() throws Exception {
        var src = newSource("GRAFANA", null, SECRET);
        String ts = now();
        for (String header : new String[] {"X-Grafana-Alerting-Signature-Timestamp", "X-Grafana-Alerting-Timestamp"}) {
            post(src, Map.of("X-Grafana-Alerting-Signature", sign(ts, body()), header, ts), body()).expect(200);
        }
        // Without a timestamp header Grafana signs the body alone.
        post(src, Map.of("X-Grafana-Alerting-Signature", sign(null, body())), body()).expect(200);
        assertThat(alerts(src.serviceId()).get(0).get("eventCount").asLong()).isEqualTo(3);
    }

    @Test
    void aSignatureOverAStaleOrFutureTimestampIsRefused() throws Exception {
        var src = newSource("GRAFANA", null, SECRET);
        long now = clock.instant().getEpochSecond();
        for (long ts : new long[] {now - 301, now + 301, now - 86_400}) {
            var r = post(src, Map.of("X-Grafana-Alerting-Signature", sign(String.valueOf(ts), body()),
                    "X-Grafana-Alerting-Timestamp", String.valueOf(ts)), body());
            r.expect(401);
            assertThat(r.json().get("message").asString()).contains("replay");
        }
        post(src, Map.of("X-Grafana-Alerting-Signature", sign("yesterday", body()), "X-Grafana-Alerting-Timestamp",
                "yesterday"), body()).expect(401);
        // Within the window either way is fine (clocks differ a little).
        for (long ts : new long[] {now - 299, now + 299}) {
            post(src, Map.of("X-Grafana-Alerting-Signature", sign(String.valueOf(ts), body()),
                    "X-Grafana-Alerting-Timestamp", String.valueOf(ts)), body()).expect(200);
        }
        // A valid signature for a timestamp other than the one sent does not match.
        post(src, Map.of("X-Grafana-Alerting-Signature", sign(String.valueOf(now - 1), body()),
                "X-Grafana-Alerting-Timestamp", String.valueOf(now)), body()).expect(401);
    }

    @Test
    void headerNamesChosenInGrafanaAreConfiguredOnTheIntegration() throws Exception {
        var src = newSource("GRAFANA", null, SECRET);
        var settings = new HashMap<String, Object>(Map.of("name", "grafana", "kind", "GRAFANA",
                "signingSecret", SECRET, "signatureHeader", "X-Sig", "timestampHeader", "X-Ts"));
        var view = admin().put("/api/v1/services/" + src.serviceId() + "/integrations/" + src.integrationId(),
                settings).expect(200).json();
        assertThat(view.get("timestampHeader").asString()).isEqualTo("X-Ts");
        String ts = now();
        post(src, Map.of("X-Sig", sign(ts, body()), "X-Ts", ts), body()).expect(200);
        // The configured timestamp header is required, and the default names no longer count.
        var missing = post(src, Map.of("X-Sig", sign(ts, body()), "X-Grafana-Alerting-Timestamp", ts), body());
        missing.expect(401);
        assertThat(missing.json().get("message").asString()).contains("X-Ts");
        post(src, Map.of("X-Grafana-Alerting-Signature", sign(ts, body()), "X-Ts", ts), body()).expect(401);
        settings.put("timestampHeader", "not a header");
        var refused = admin().put("/api/v1/services/" + src.serviceId() + "/integrations/" + src.integrationId(),
                settings).expect(422);
        assertThat(refused.body()).contains("timestampHeader");
    }
}
