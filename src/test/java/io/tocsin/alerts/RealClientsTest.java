package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Api;
import io.tocsin.support.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10, the project's standard: the real clients nobody here wrote, against the running test server. A real
 * Prometheus Alertmanager 0.25 (Debian's {@code prometheus-alertmanager}) with one receiver holding a webhook, a
 * PagerDuty ({@code severity} template line) and two Opsgenie configs (one with {@code update_alerts: true} and no
 * priority, mapped by the integration; one with the documented {@code priority} template line); and the npm packages {@code opsgenie-sdk} 0.5.1 and {@code @pagerduty/pdjs} 2.2.4,
 * installed from src/test/node into target/node-clients. Missing programs skip the test outside CI and fail it
 * under CI (.ci/run installs them). Outcomes are awaited, never slept for.
 */
class RealClientsTest extends AlertTestSupport {

    private static final Path NODE_DIR = Path.of("target", "node-clients");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Process alertmanager;
    private Path alertmanagerDir;

    @AfterEach
    void stopAlertmanager() throws Exception {
        if (alertmanager != null) {
            alertmanager.destroy();
            if (!alertmanager.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly();
            }
        }
        if (alertmanagerDir != null) {
            try (var files = Files.walk(alertmanagerDir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void alertmanagerWebhookPagerDutyAndOpsgenieWithUpdateAlertsOpenUpdateAndClose() throws Exception {
        Path binary = ExternalTool.require("prometheus-alertmanager", "Debian package prometheus-alertmanager");
        var webhook = newSource("ALERTMANAGER");
        var pagerDuty = newSource("PAGERDUTY");
        var opsgenie = newSource("OPSGENIE");
        // The documented priority template line instead of a mapping (docs/integrations.md).
        var templated = newSource("OPSGENIE");
        // Alertmanager's opsgenie_configs sends no priority: this integration says what a missing one means.
        admin().put("/api/v1/services/" + opsgenie.serviceId() + "/integrations/" + opsgenie.integrationId(),
                Map.of("name", "alertmanager opsgenie", "kind", "OPSGENIE", "missingSeverity", "CRITICAL"))
                .expect(200);
        String alertmanagerUrl = startAlertmanager(binary, webhook, pagerDuty, opsgenie, templated);
        var all = List.of(webhook, pagerDuty, opsgenie, templated);
        String name = "CheckoutErrors" + System.nanoTime();

        postAlerts(alertmanagerUrl, name, List.of("checkout-1"), null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (var src : all) {
                var alert = onlyAlert(src);
                assertThat(alert.get("status").asString()).isEqualTo("TRIGGERED");
                assertThat(alert.get("summary").asString()).startsWith("[FIRING:1] " + name);
            }
        });
        var group = onlyAlert(webhook);
        for (var src : all) {
            var alert = onlyAlert(src);
            assertThat(alert.get("severity").asString()).as(src.toString()).isEqualTo("CRITICAL");
            assertThat(alert.get("incidentId").isNull()).as("a critical alert opens an incident").isFalse();
            assertThat(alert.get("dedupKey").asString()).as("all three paths key the group alike")
                    .isEqualTo(group.get("dedupKey").asString());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> opsgenieActions(opsgenie).containsAll(
                List.of("Create", "Update Message", "Update Description")));

        // The group grows: each path updates its alert instead of opening another.
        postAlerts(alertmanagerUrl, name, List.of("checkout-1", "checkout-2"), null);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (var src : all) {
                assertThat(onlyAlert(src).get("summary").asString()).startsWith("[FIRING:2] " + name);
            }
        });
        assertThat(alert(group.get("id").asString()).get("members").size()).isEqualTo(2);

        // Both resolve: the webhook group resolves, PagerDuty gets resolve, Opsgenie gets close.
        postAlerts(alertmanagerUrl, name, List.of("checkout-1", "checkout-2"), Instant.now().minusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (var src : all) {
                assertThat(onlyAlert(src).get("status").asString()).as(src.toString()).isEqualTo("RESOLVED");
            }
        });
        assertThat(jdbc.sql("select count(*) from opsgenie_request where integration_id = ? and not success")
                .param(UUID.fromString(opsgenie.integrationId())).query(Long.class).single())
                .as("every Opsgenie request Alertmanager sent found its alert").isZero();
    }

    @Test
    void theOfficialOpsgenieNodeSdk() throws Exception {
        Path node = installNodeClients();
        var src = newSource("OPSGENIE");
        String alias = "sdk-" + System.nanoTime();
        var run = ExternalTool.run(List.of(node.toString(), "opsgenie-client.js", baseUrl(), src.key(), alias),
                NODE_DIR, Map.of(), Duration.ofSeconds(60)).expectSuccess();
        var result = Api.JSON.readTree(run.lastLine());
        assertThat(result.get("created").asString()).isEqualTo("Request will be processed");
        assertThat(result.get("requestStatus").get("success").asBoolean()).isTrue();
        assertThat(result.get("requestStatus").get("alias").asString()).isEqualTo(alias);
        assertThat(Long.parseLong(result.get("tinyId").asString())).isPositive();
        assertThat(result.get("acknowledgedFlag").asBoolean()).isTrue();
        assertThat(result.get("closeStatus").get("success").asBoolean()).isTrue();
        var alert = alert(result.get("requestStatus").get("alertId").asString()).get("alert");
        assertThat(alert.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(alert.get("acknowledgedBy").asString()).isEqualTo("sdk-user");
        assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.get("details").get("description").asString()).isEqualTo("created by the official Node SDK");
    }

    @Test
    void theOfficialPagerDutyJavaScriptClient() throws Exception {
        Path node = installNodeClients();
        var src = newSource("PAGERDUTY");
        Path tls = tlsCertificate();
        String dedup = "pdjs-" + System.nanoTime();
        var run = ExternalTool.run(List.of(node.toString(), "pagerduty-client.js", String.valueOf(port), src.key(),
                dedup, tls.resolve("tls.p12").toAbsolutePath().toString(), "changeit"), NODE_DIR,
                Map.of("NODE_EXTRA_CA_CERTS", tls.resolve("tls.pem").toAbsolutePath().toString()),
                Duration.ofSeconds(60)).expectSuccess();
        var result = Api.JSON.readTree(run.lastLine());
        for (String step : List.of("trigger", "acknowledge", "resolve")) {
            assertThat(result.get(step).get("status").asInt()).as(step).isEqualTo(202);
            assertThat(result.get(step).get("body").get("dedup_key").asString()).isEqualTo(dedup);
        }
        assertThat(result.get("change").get("status").asInt()).isEqualTo(202);
        var alert = onlyAlert(src);
        assertThat(alert.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(alert.get("summary").asString()).isEqualTo("Checkout 5xx above 5% (pdjs)");
        assertThat(alert.get("details").get("custom_details").get("rate").asDouble()).isEqualTo(7.3);
        assertThat(alert(alert.get("id").asString()).get("history").toString()).contains("ACKNOWLEDGED", "RESOLVED");
        assertThat(jdbc.sql("select count(*) from change_event where integration_id = ? and summary = ?")
                .params(UUID.fromString(src.integrationId()), "Deployed checkout 4.3.1 (pdjs)").query(Long.class)
                .single()).isEqualTo(1);
    }

    private JsonNode onlyAlert(Source src) {
        var list = alerts(src.serviceId());
        assertThat(list.size()).as("alerts of %s", src).isEqualTo(1);
        return list.get(0);
    }

    private List<String> opsgenieActions(Source src) {
        return jdbc.sql("select action from opsgenie_request where integration_id = ? and success")
                .param(UUID.fromString(src.integrationId())).query(String.class).list();
    }

    /** Starts Alertmanager on a free loopback port with one receiver pointing all three configs at Tocsin. */
    private String startAlertmanager(Path binary, Source webhook, Source pagerDuty, Source opsgenie,
            Source templated) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "alertmanager-");
        alertmanagerDir = dir;
        int amPort = io.tocsin.support.FreePort.outsideEphemeralRange();
        String tocsin = "http://127.0.0.1:" + port;
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: tocsin
                  group_by: [alertname, service]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: tocsin
                    webhook_configs:
                      - url: %1$s/integrations/alertmanager?key=%2$s
                    pagerduty_configs:
                      - routing_key: %3$s
                        url: %1$s/v2/enqueue
                        severity: '{{ .CommonLabels.severity }}'
                    opsgenie_configs:
                      - api_key: %4$s
                        api_url: %1$s/
                        update_alerts: true
                      - api_key: %5$s
                        api_url: %1$s/
                        priority: '{{ if eq .CommonLabels.severity "critical" }}P1{{ else if eq .CommonLabels.severity "warning" }}P3{{ else }}P2{{ end }}'
                """.formatted(tocsin, webhook.key(), pagerDuty.key(), opsgenie.key(), templated.key()));
        alertmanager = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=", "--log.level=debug")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        String url = "http://127.0.0.1:" + amPort;
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> HTTP.send(HttpRequest.newBuilder(
                URI.create(url + "/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return url;
    }

    /** Posts the group's alerts to Alertmanager's API v2; with {@code endsAt} in the past they are resolved. */
    private static void postAlerts(String url, String name, List<String> instances, Instant endsAt) throws Exception {
        var alerts = Api.JSON.createArrayNode();
        for (String instance : instances) {
            var alert = alerts.addObject();
            alert.putObject("labels").put("alertname", name).put("service", "checkout").put("severity", "critical")
                    .put("instance", instance);
            alert.putObject("annotations").put("summary", "5xx above 5% on " + instance);
            alert.put("generatorURL", "http://prometheus.example.org/graph?g0.expr=up");
            if (endsAt != null) {
                alert.put("endsAt", endsAt.toString());
            }
        }
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alerts.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** npm-installs the pinned clients (package-lock.json) into target/node-clients once; returns node. */
    private static Path installNodeClients() throws Exception {
        Path node = ExternalTool.require("node", "Node.js 20, Debian package nodejs");
        Path npm = ExternalTool.require("npm", "Debian package npm");
        Files.createDirectories(NODE_DIR);
        Path source = Path.of("src", "test", "node");
        boolean current = Files.exists(NODE_DIR.resolve("package-lock.json"))
                && Files.mismatch(source.resolve("package-lock.json"), NODE_DIR.resolve("package-lock.json")) < 0
                && Files.isDirectory(NODE_DIR.resolve("node_modules/opsgenie-sdk"))
                && Files.isDirectory(NODE_DIR.resolve("node_modules/@pagerduty/pdjs"));
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, NODE_DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!current) {
            ExternalTool.run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), NODE_DIR, Map.of(),
                    Duration.ofMinutes(3)).expectSuccess();
        }
        return node;
    }

    /** A self-signed certificate for localhost made with the JDK's keytool: PKCS12 for the server, PEM to trust. */
    private static Path tlsCertificate() throws Exception {
        Path dir = NODE_DIR.resolve("tls");
        if (Files.exists(dir.resolve("tls.pem"))) {
            return dir;
        }
        Files.createDirectories(dir);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ExternalTool.run(List.of(keytool, "-genkeypair", "-alias", "tocsin", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                "-storetype", "PKCS12", "-keystore", "tls.p12", "-storepass", "changeit"), dir, Map.of(),
                Duration.ofSeconds(60)).expectSuccess();
        ExternalTool.run(List.of(keytool, "-exportcert", "-rfc", "-alias", "tocsin", "-keystore", "tls.p12",
                "-storepass", "changeit", "-file", "tls.pem"), dir, Map.of(), Duration.ofSeconds(60)).expectSuccess();
        return dir;
    }
}
