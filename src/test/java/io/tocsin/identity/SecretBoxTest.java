package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Issue 15 point 5: secrets at rest are AES-GCM sealed, name their key, are bound to their column, rotate. */
class SecretBoxTest {

    private static final String OLD = key('o');
    private static final String NEW = key('n');

    @Test
    void sealsSoThatOnlyTheSameContextOpensAndTamperingIsRefused() {
        var box = new SecretBox("k1", Map.of("k1", OLD));
        String sealed = box.seal("grafana-secret", "alert_integration.signing_secret");
        assertThat(sealed).startsWith("tcs1:k1:").doesNotContain("grafana-secret");
        assertThat(box.seal("grafana-secret", "alert_integration.signing_secret")).as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(box.open(sealed, "alert_integration.signing_secret")).isEqualTo("grafana-secret");
        assertThatThrownBy(() -> box.open(sealed, "notify_secret.secret")).isInstanceOf(IllegalStateException.class);
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> box.open(tampered, "alert_integration.signing_secret"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(box.seal(null, "x")).isNull();
        assertThat(box.open(null, "x")).isNull();
    }

    @Test
    void aRotatedKeyStillOpensOldValuesWhileNewOnesUseTheNewKey() {
        String underOld = new SecretBox("k1", Map.of("k1", OLD)).seal("s3cret", "c");
        var rotated = new SecretBox("k2", Map.of("k2", NEW, "k1", OLD));
        assertThat(rotated.open(underOld, "c")).isEqualTo("s3cret");
        assertThat(rotated.isCurrent(underOld)).isFalse();
        String resealed = rotated.seal(rotated.open(underOld, "c"), "c");
        assertThat(resealed).startsWith("tcs1:k2:");
        assertThat(rotated.isCurrent(resealed)).isTrue();

        var forgotten = new SecretBox("k2", Map.of("k2", NEW));
        assertThatThrownBy(() -> forgotten.open(underOld, "c")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tocsin.secrets.previous-keys.k1");
    }

    @Test
    void valuesFromBeforeEncryptionReadAsTheyAreAndCountAsNotCurrent() {
        var box = new SecretBox("k1", Map.of("k1", OLD));
        assertThat(box.open("legacy-plain", "c")).isEqualTo("legacy-plain");
        assertThat(box.isCurrent("legacy-plain")).isFalse();
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new SecretBox("k1", Map.of("k1", "c2hvcnQ="))).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox("k1", Map.of("k1", "not base64!"))).hasMessageContaining("base64");
        assertThatThrownBy(() -> new SecretBox("bad id", Map.of("bad id", OLD))).hasMessageContaining("key-id");
    }

    private static String key(char c) {
        return Base64.getEncoder().encodeToString(String.valueOf(c).repeat(32).getBytes());
    }
}
