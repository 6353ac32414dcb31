package io.tocsin.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** SSRF guard for outgoing webhooks (R12, anchors.md): internal targets refused unless an administrator allowed them. */
class WebhookTargetGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "rebind.example.com", "10.1.2.3",
            "metadata.example.com", "169.254.169.254");

    private final WebhookTargetGuard guard = new WebhookTargetGuard(host -> {
        String ip = DNS.getOrDefault(host, host);
        if (!ip.matches("[0-9a-fA-F.:]+")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(ip)};
    });

    @Test
    void publicTargetsPassAndArePinnedToTheCheckedAddress() {
        var target = guard.check("https://hooks.example.com/services/T0/B0/x", false);
        assertThat(target.host()).isEqualTo("hooks.example.com");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.216.34");
    }

    @Test
    void internalTargetsAreRefused() {
        for (String url : new String[] {"http://127.0.0.1:8080/x", "http://[::1]/x", "http://10.0.0.5/x",
                "http://192.168.1.1/x", "http://172.16.0.1/x", "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/x", "http://0.0.0.0/x", "http://[fc00::1]/x", "http://[::ffff:127.0.0.1]/x",
                "https://rebind.example.com/x", "https://metadata.example.com/x"}) {
            assertThatThrownBy(() -> guard.check(url, false)).as(url).isInstanceOf(WebhookTargetGuard.Refused.class)
                    .hasMessageContaining("administrator");
        }
    }

    @Test
    void anAdministratorMayAllowAnInternalTarget() {
        assertThat(guard.check("http://127.0.0.1:8080/x", true).addresses()).hasSize(1);
    }

    @Test
    void malformedTargetsAreRefused() {
        assertThatThrownBy(() -> guard.check("ftp://hooks.example.com/x", true)).hasMessageContaining("http");
        assertThatThrownBy(() -> guard.check("http://user:pw@hooks.example.com/x", true)).hasMessageContaining("credentials");
        assertThatThrownBy(() -> guard.check("not a url", true)).isInstanceOf(WebhookTargetGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("https://nowhere.invalid/x", true)).hasMessageContaining("does not resolve");
    }
}
