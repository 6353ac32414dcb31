package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.tocsin.alerts.internal.Integrations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15 point 5: an integration's signing secret is stored encrypted under the configured key (its id in the
 * value), never in clear, and still verifies Grafana's signature; one stored in clear by an older release is
 * sealed at start and keeps working.
 */
class SigningSecretAtRestTest extends AlertTestSupport {

    @Autowired
    Integrations integrations;

    @Test
    void theSigningSecretIsSealedAndStillVerifiesAndALegacyClearOneIsSealedAtStart() throws Exception {
        var src = newSource("GRAFANA", null, "grafana-secret-at-rest");
        assertThat(stored(src)).startsWith("tcs1:k-test:").doesNotContain("grafana-secret-at-rest");
        send(src, "grafana-secret-at-rest").expect(200);
        send(src, "another-secret").expect(401);

        jdbc.sql("update alert_integration set signing_secret = 'legacy-clear-secret' where id = ?")
                .param(UUID.fromString(src.integrationId())).update();
        integrations.sealSecretsWithTheActiveKey();
        assertThat(stored(src)).startsWith("tcs1:k-test:").doesNotContain("legacy-clear-secret");
        send(src, "legacy-clear-secret").expect(200);
    }

    private String stored(Source src) {
        return jdbc.sql("select signing_secret from alert_integration where id = ?")
                .param(UUID.fromString(src.integrationId())).query(String.class).single();
    }

    private io.tocsin.support.Api.Response send(Source src, String secret) throws Exception {
        String body = fixture("webhook-firing.json");
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return anonymous().withHeader("Authorization", "Bearer " + src.key())
                .withHeader("X-Grafana-Alerting-Signature", signature)
                .send("POST", "/integrations/grafana", body, "application/json");
    }
}
