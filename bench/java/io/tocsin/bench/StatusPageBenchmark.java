package io.tocsin.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.tocsin.statuspage.internal.Snapshots;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public status page under keep-alive load (issue 11): one realistic page (20 components in 2 groups, 90-day
 * bars, 3 recent incidents) and its summary.json, served by Tocsin from its snapshot and, in the same run, the same
 * bytes as static files from nginx (Debian's /usr/sbin/nginx; skipped, and said so, where it is not installed).
 * 32 connections as {@code wrk -t2 -c32} keeps them, closed loop; prints both throughputs, p50/p99 and the ratio
 * (target: Tocsin at least 0.5x nginx). Load generator, Tocsin and nginx share the machine's cores.
 * <pre>
 * ./mvnw verify -Pbench -Dtest=StatusPageBenchmark [-Dbench.seconds=10] [-Dbench.connections=32]
 * </pre>
 */
class StatusPageBenchmark extends IntegrationTest {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @Autowired
    Snapshots snapshots;

    record Result(String name, long requests, long failed, double seconds, long[] micros) {
        double rate() {
            return requests / seconds;
        }

        double p(double q) {
            return micros.length == 0 ? 0 : micros[(int) Math.min(micros.length - 1, Math.ceil(q * micros.length) - 1)] / 1000.0;
        }

        String line() {
            return String.format("%-34s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests, %d failed)", name, rate(),
                    p(0.50), p(0.99), requests, failed);
        }
    }

    @Test
    void publicPageAgainstNginx() throws Exception {
        String slug = realisticPage();
        String html = anonymous().send("GET", "/status/" + slug, null, null).expect(200).body();
        String summary = anonymous().send("GET", "/status/" + slug + "/api/v2/summary.json", null, null).expect(200).body();
        // Kept for a look at what the bytes are (the page's size is part of its speed).
        Files.writeString(Path.of("target/statuspage-bench.html"), html);
        var tocsin = URI.create(baseUrl());
        String page = "/status/" + slug;
        String json = "/status/" + slug + "/api/v2/summary.json";
        byte[] htmlGz = gzipped(tocsin, page);
        byte[] summaryGz = gzipped(tocsin, json);

        load("warm-up", tocsin, page, 3, PLAIN);
        load("warm-up", tocsin, json, 3, PLAIN);
        load("warm-up", tocsin, page, 3, GZIP);
        var tocsinPage = load("Tocsin page (" + html.length() / 1024 + " KiB)", tocsin, page, SECONDS, PLAIN);
        var tocsinJson = load("Tocsin summary.json (" + summary.length() / 1024 + " KiB)", tocsin, json, SECONDS, PLAIN);
        var tocsinPageGz = load("Tocsin page gzip (" + htmlGz.length / 1024 + " KiB)", tocsin, page, SECONDS, GZIP);
        var tocsinJsonGz = load("Tocsin summary.json gzip (" + summaryGz.length / 1024 + " KiB)", tocsin, json, SECONDS, GZIP);

        System.out.println();
        System.out.println("=== StatusPageBenchmark: " + Runtime.getRuntime().availableProcessors() + " cores, " + CONNECTIONS
                + " keep-alive connections, " + SECONDS + " s per run, load average before: " + loadAverage() + " ===");
        System.out.println(tocsinPage.line());
        System.out.println(tocsinJson.line());
        System.out.println(tocsinPageGz.line());
        System.out.println(tocsinJsonGz.line());
        if (!Files.isExecutable(NGINX)) {
            System.out.println("nginx not installed at " + NGINX + " (apt-get install nginx): comparison skipped");
            return;
        }
        try (var nginx = Nginx.start(html, summary, htmlGz, summaryGz)) {
            var base = URI.create("http://127.0.0.1:" + nginx.port);
            load("warm-up", base, "/index.html", 3, PLAIN);
            var nginxPage = load("nginx page (same bytes)", base, "/index.html", SECONDS, PLAIN);
            var nginxJson = load("nginx summary.json (same bytes)", base, "/summary.json", SECONDS, PLAIN);
            var nginxPageGz = load("nginx page gzip_static (same bytes)", base, "/index.html", SECONDS, GZIP);
            var nginxJsonGz = load("nginx summary.json gzip_static (same bytes)", base, "/summary.json", SECONDS, GZIP);
            System.out.println(nginxPage.line());
            System.out.println(nginxJson.line());
            System.out.println(nginxPageGz.line());
            System.out.println(nginxJsonGz.line());
            System.out.printf("ratio Tocsin/nginx: page %.2fx, summary.json %.2fx; gzip: page %.2fx, summary.json %.2fx"
                            + " (target >= 0.5x); load average after: %s%n",
                    tocsinPage.rate() / nginxPage.rate(), tocsinJson.rate() / nginxJson.rate(),
                    tocsinPageGz.rate() / nginxPageGz.rate(), tocsinJsonGz.rate() / nginxJsonGz.rate(), loadAverage());
            System.out.println();
            assertThat(nginxPage.failed() + nginxJson.failed() + nginxPageGz.failed() + nginxJsonGz.failed()).isZero();
        }
        assertThat(tocsinPage.failed() + tocsinJson.failed() + tocsinPageGz.failed() + tocsinJsonGz.failed()).isZero();
    }

    private static final String PLAIN = "";
    private static final String GZIP = "Accept-Encoding: gzip\r\n";

    /** The pre-compressed representation Tocsin serves to a client that takes gzip. */
    private static byte[] gzipped(URI base, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.resolve(path))
                .header("Accept-Encoding", "gzip").build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        return response.body();
    }

    /** 2 groups of 10 components, 90 days of history with a few bad days, 3 resolved incidents this week. */
    private String realisticPage() {
        var admin = admin();
        String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String pageId = admin.post("/api/v1/status-pages", Map.of("slug", slug, "name", "Acme Cloud",
                "timeZone", "Europe/Berlin", "headerText", "Live status of Acme Cloud services",
                "supportUrl", "https://support.example.com")).expect(201).json().get("id").asString();
        String serviceId = admin.post("/api/v1/services", Map.of("name", "bench-svc-" + slug)).expect(201).json()
                .get("id").asString();
        var components = new ArrayList<String>();
        for (String group : List.of("Platform", "Applications")) {
            String groupId = admin.post("/api/v1/status-pages/" + pageId + "/groups", Map.of("name", group)).expect(201)
                    .json().get("id").asString();
            for (int i = 1; i <= 10; i++) {
                components.add(admin.post("/api/v1/status-pages/" + pageId + "/components", Map.of("name",
                        group + " component " + i, "groupId", groupId, "description", "Part " + i + " of " + group))
                        .expect(201).json().get("id").asString());
            }
        }
        var now = clock.instant();
        for (int c = 0; c < components.size(); c++) {
            var id = UUID.fromString(components.get(c));
            insertChange(id, "OPERATIONAL", now.minus(Duration.ofDays(91)));
            for (int day = 5 + c; day < 90; day += 17) {
                var at = now.minus(Duration.ofDays(day));
                insertChange(id, c % 3 == 0 ? "MAJOR_OUTAGE" : "DEGRADED_PERFORMANCE", at);
                insertChange(id, "OPERATIONAL", at.plus(Duration.ofMinutes(30 + c)));
            }
        }
        for (int n = 1; n <= 3; n++) {
            String key = admin.post("/api/v1/incidents", Map.of("summary", "bench incident " + n, "severity", 2,
                    "serviceId", serviceId)).expect(201).json().get("key").asString();
            String publicId = admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents",
                    List.of(key), "name", "Elevated error rates " + n, "body", "We are investigating elevated error rates.",
                    "components", Map.of(components.get(n), "PARTIAL_OUTAGE"))).expect(201).json().get("id").asString();
            admin.post("/api/v1/status-pages/" + pageId + "/public-incidents/" + publicId + "/updates",
                    Map.of("status", "MONITORING", "body", "A fix is deployed; we are watching the error rates.")).expect(200);
            admin.post("/api/v1/status-pages/" + pageId + "/public-incidents/" + publicId + "/updates",
                    Map.of("status", "RESOLVED", "body", "Error rates are back to normal.")).expect(200);
        }
        assertThat(snapshots.rebuild()).isTrue();
        return slug;
    }

    private void insertChange(UUID component, String status, java.time.Instant at) {
        jdbc.sql("insert into status_component_change (component_id, status, changed_at, cause) values (?, ?, ?, 'bench')")
                .params(component, status, Timestamp.from(at)).update();
    }

    private Result load(String name, URI base, String path, int seconds, String headers) throws Exception {
        var done = new AtomicLong();
        var failed = new AtomicLong();
        var latencies = new ConcurrentLinkedQueue<long[]>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                pool.submit(() -> {
                    long[] mine = new long[1 << 16];
                    int count = 0;
                    KeepAliveConnection connection = null;
                    try {
                        while (System.nanoTime() < end) {
                            if (connection == null || connection.closed()) {
                                if (connection != null) {
                                    connection.close();
                                }
                                connection = new KeepAliveConnection(base);
                            }
                            long t0 = System.nanoTime();
                            int status;
                            try {
                                status = connection.get(path, headers);
                            } catch (IOException e) {
                                connection.close();
                                connection = null;
                                failed.incrementAndGet();
                                continue;
                            }
                            if (status == 200) {
                                done.incrementAndGet();
                            } else {
                                failed.incrementAndGet();
                            }
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = (System.nanoTime() - t0) / 1000;
                        }
                    } finally {
                        if (connection != null) {
                            connection.close();
                        }
                    }
                    latencies.add(Arrays.copyOf(mine, count));
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, done.get(), failed.get(), elapsed, all);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** nginx serving two static files on a free loopback port, with keep-alive; stopped on close. */
    private static final class Nginx implements AutoCloseable {

        final int port;
        private final Process process;

        private Nginx(int port, Process process) {
            this.port = port;
            this.process = process;
        }

        static Nginx start(String html, String summary, byte[] htmlGz, byte[] summaryGz) throws Exception {
            // Readable by nginx's unprivileged worker processes.
            var readable = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path dir = Files.createTempDirectory("statuspage-bench-nginx", readable);
            Path root = Files.createDirectories(dir.resolve("root"), readable);
            Files.writeString(root.resolve("index.html"), html);
            Files.writeString(root.resolve("summary.json"), summary);
            Files.write(root.resolve("index.html.gz"), htmlGz);
            Files.write(root.resolve("summary.json.gz"), summaryGz);
            Files.createDirectories(dir.resolve("logs"));
            int port = io.tocsin.support.FreePort.outsideEphemeralRange();
            String conf = """
                    daemon off;
                    master_process on;
                    worker_processes auto;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log warn;
                    events { worker_connections 1024; }
                    http {
                        access_log off;
                        sendfile on;
                        tcp_nopush on;
                        keepalive_timeout 65;
                        types { text/html html; application/json json; }
                        client_body_temp_path %1$s/tmp;
                        proxy_temp_path %1$s/tmp;
                        fastcgi_temp_path %1$s/tmp;
                        uwsgi_temp_path %1$s/tmp;
                        scgi_temp_path %1$s/tmp;
                        server {
                            listen 127.0.0.1:%2$d;
                            root %1$s/root;
                            etag on;
                            gzip_static on;
                        }
                    }
                    """.formatted(dir.toAbsolutePath(), port);
            Files.createDirectories(dir.resolve("tmp"));
            Path confFile = dir.resolve("nginx.conf");
            Files.writeString(confFile, conf);
            var process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", confFile.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/out.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (var probe = new java.net.Socket("127.0.0.1", port)) {
                    return new Nginx(port, process);
                } catch (IOException notYet) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("nginx did not start: " + Files.readString(dir.resolve("logs/out.log")));
                    }
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                }
            }
            process.destroy();
            throw new IllegalStateException("nginx did not listen on " + port);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
