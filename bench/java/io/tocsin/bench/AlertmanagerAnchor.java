package io.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, 0.25 here) started for one benchmark run,
 * so Tocsin's ingest is measured against it under the same load on the same machine. It keeps alerts in memory and
 * sends nothing (one receiver without configs, a group wait longer than the run): what is measured is taking alerts
 * in, as Tocsin's figure is.
 */
final class AlertmanagerAnchor implements AutoCloseable {

    private static final String BINARY = "/usr/bin/prometheus-alertmanager";

    private final Process process;
    private final String url;
    private final String startsAt = Instant.now().toString();

    private AlertmanagerAnchor(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts it, or says why not and returns null (install it with {@code apt-get install prometheus-alertmanager}). */
    static AlertmanagerAnchor startOrExplain() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            System.out.println("Alertmanager anchor skipped: " + BINARY + " is missing"
                    + " (apt-get install prometheus-alertmanager); no ratio printed");
            return null;
        }
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "alertmanager-bench-");
        int port = io.tocsin.support.FreePort.outsideEphemeralRange();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: sink
                  group_by: [alertname, key]
                  group_wait: 1h
                  group_interval: 1h
                  repeat_interval: 24h
                receivers:
                  - name: sink
                """);
        var process = new ProcessBuilder(BINARY, "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=").redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        String url = "http://127.0.0.1:" + port;
        var http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new AlertmanagerAnchor(process, url);
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("Alertmanager did not become ready; see " + dir.resolve("alertmanager.log"));
            }
            Thread.sleep(100);
        }
    }

    String url() {
        return url;
    }

    /**
     * One firing alert as Prometheus posts it ({@code POST /api/v2/alerts}), the same size and content as the
     * PagerDuty event Tocsin gets; the label {@code key} plays the dedup key (same labels, same alert).
     */
    String alert(String key) {
        return "[{\"labels\":{\"alertname\":\"DiskFull\",\"instance\":\"db-1\",\"severity\":\"info\",\"key\":\"" + key
                + "\"},\"annotations\":{\"summary\":\"Disk 95% full on db-1\",\"free\":\"5%\","
                + "\"mount\":\"/var/lib/postgresql\"},\"startsAt\":\"" + startsAt
                + "\",\"generatorURL\":\"http://prometheus:9090/graph\"}]";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
