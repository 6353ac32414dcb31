package io.tocsin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Drives PagerDuty's {@code /v2/enqueue} over real HTTP with many concurrent keep-alive connections and
 * prints sustained events/s for new alerts and for duplicates, then p50/p99 accept latency at a fixed half rate
 * (open loop, measured from the planned send time), and counts what reached the database: zero lost. In the same
 * run, a real Prometheus Alertmanager ({@link AlertmanagerAnchor}) takes the same closed-loop load of new and
 * repeated alerts, and the ratios are printed (issue 17 point 4).
 * <pre>
 * ./mvnw verify -Pbench -Dtest=IngestBenchmark [-Dtocsin.test.db=postgresql] [-Dbench.seconds=60]
 *        [-Dbench.clients=64] [-Dbench.newRate=500] [-Dbench.dupRate=2500]
 * </pre>
 */
class IngestBenchmark extends IntegrationTest {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final int NEW_RATE = Integer.getInteger("bench.newRate", 500);
    private static final int DUP_RATE = Integer.getInteger("bench.dupRate", 2_500);
    private static final int DUP_KEYS = 100;

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    /** Server-side time of /v2/enqueue so far (count, total seconds), from Spring's http.server.requests timer. */
    private double[] serverTime() {
        var timers = meters.find("http.server.requests").tag("uri", "/v2/enqueue").timers();
        double count = timers.stream().mapToDouble(io.micrometer.core.instrument.Timer::count).sum();
        double seconds = timers.stream().mapToDouble(t -> t.totalTime(TimeUnit.SECONDS)).sum();
        return new double[] {count, seconds};
    }

    private record Phase(String name, long accepted, long failed, double seconds, long[] latenciesMicros,
            double serverMillis, double cpuMillisPerEvent) {
        double rate() {
            return accepted / seconds;
        }

        long percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            return latenciesMicros[(int) Math.min(latenciesMicros.length - 1, Math.ceil(p * latenciesMicros.length) - 1)];
        }

        String line() {
            return String.format("%-28s %8d accepted %5d failed %7.0f events/s  p50 %7.2f ms  p99 %7.2f ms"
                    + "  (server mean %5.2f ms, JVM CPU %5.2f ms/event)", name, accepted, failed, rate(),
                    percentile(0.50) / 1000.0, percentile(0.99) / 1000.0, serverMillis, cpuMillisPerEvent);
        }

        /** Another process serves the anchor: neither this JVM's server timer nor its CPU time describes it. */
        String anchorLine() {
            return String.format("%-28s %8d accepted %5d failed %7.0f events/s  p50 %7.2f ms  p99 %7.2f ms", name,
                    accepted, failed, rate(), percentile(0.50) / 1000.0, percentile(0.99) / 1000.0);
        }
    }

    @Test
    void ingest() throws Exception {
        String serviceId = admin().post("/api/v1/services", Map.of("name", "bench-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        var integration = admin().post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", "bench",
                "kind", "PAGERDUTY", "rateLimitPerMinute", 1_000_000)).expect(201).json();
        String key = integration.get("key").asString();
        String integrationId = integration.get("id").asString();
        // Measure ingest, not incident creation: info alerts, threshold off (an incident per burst would be noise).
        admin().put("/api/v1/services/" + serviceId + "/alert-rules", Map.of("openOnCritical", true,
                "criticalIncidentSeverity", 2, "thresholdCount", 0, "thresholdMinutes", 10,
                "thresholdIncidentSeverity", 3, "attachToOpenIncident", true, "resolveIncidentWithAlerts", false))
                .expect(200);
        String run = UUID.randomUUID().toString().substring(0, 8);
        LongFunction<String> newAlert = n -> body(key, run + "-new-" + n);
        LongFunction<String> duplicate = n -> body(key, run + "-dup-" + (n % DUP_KEYS));

        // Warm up the JIT, the connection pools and the dup keys (these DUP_KEYS alerts are counted below).
        closedLoop("warm-up", duplicate, 5, 16);
        var warmNew = closedLoop("warm-up", n -> body(key, run + "-warm-" + n), 5, 16);

        var fresh = closedLoop("new alerts (closed loop)", newAlert, SECONDS, CLIENTS);
        var dups = closedLoop("duplicates (closed loop)", duplicate, SECONDS, CLIENTS);
        var freshPaced = openLoop("new alerts at " + NEW_RATE + "/s", n -> body(key, run + "-paced-" + n), NEW_RATE,
                SECONDS);
        var dupsPaced = openLoop("duplicates at " + DUP_RATE + "/s", duplicate, DUP_RATE, SECONDS);

        // The anchor (issue 17 point 4): a real Alertmanager under the same load in the same run.
        Phase anchorNew = null;
        Phase anchorDups = null;
        try (var anchor = AlertmanagerAnchor.startOrExplain()) {
            if (anchor != null) {
                var target = new Target(anchor.url(), "/api/v2/alerts", 200);
                closedLoop("warm-up", target, n -> anchor.alert(run + "-warm-" + n), 5, 16);
                anchorNew = closedLoop("Alertmanager new alerts", target, n -> anchor.alert(run + "-new-" + n),
                        SECONDS, CLIENTS);
                anchorDups = closedLoop("Alertmanager repeats", target,
                        n -> anchor.alert(run + "-dup-" + (n % DUP_KEYS)), SECONDS, CLIENTS);
            }
        }

        long alertsInDb = jdbc.sql("select count(*) from alert where integration_id = ?")
                .param(UUID.fromString(integrationId)).query(Long.class).single();
        long eventsInDb = jdbc.sql("select coalesce(sum(event_count), 0) from alert where integration_id = ?")
                .param(UUID.fromString(integrationId)).query(Long.class).single();
        long warmup = warmupAccepted.get();
        long acceptedTotal = warmup + fresh.accepted() + dups.accepted() + freshPaced.accepted() + dupsPaced.accepted();
        long expectedAlerts = DUP_KEYS + warmNew.accepted() + fresh.accepted() + freshPaced.accepted();

        System.out.println();
        System.out.println("=== IngestBenchmark on " + TestDatabase.kind() + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + SECONDS + " s per phase, " + CLIENTS + " closed-loop clients ===");
        System.out.println(fresh.line());
        System.out.println(dups.line());
        System.out.println(freshPaced.line());
        System.out.println(dupsPaced.line());
        if (anchorNew != null) {
            System.out.println(anchorNew.anchorLine());
            System.out.println(anchorDups.anchorLine());
            System.out.printf("ratio to Alertmanager 0.25 (same load, same run): new alerts %.2fx, repeats %.2fx%n",
                    fresh.rate() / anchorNew.rate(), dups.rate() / anchorDups.rate());
        }
        System.out.printf("machine load average %.1f%n", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("accepted (2xx) events %d, in database %d (sum of alert event counts); alerts %d, expected %d%n",
                acceptedTotal, eventsInDb, alertsInDb, expectedAlerts);
        System.out.println();

        // A request the client gave up on (timeout) may still have been committed: never fewer, possibly more.
        assertThat(eventsInDb).as("every accepted event is in the database").isGreaterThanOrEqualTo(acceptedTotal);
        assertThat(alertsInDb).as("one alert per new key, none per duplicate").isGreaterThanOrEqualTo(expectedAlerts);
        long distinctKeys = jdbc.sql("select count(distinct dedup_key) from alert where integration_id = ?")
                .param(UUID.fromString(integrationId)).query(Long.class).single();
        assertThat(distinctKeys).as("never two alerts for one key").isEqualTo(alertsInDb);
    }

    private final AtomicLong warmupAccepted = new AtomicLong();

    private static String body(String key, String dedup) {
        return "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\",\"dedup_key\":\"" + dedup + "\","
                + "\"payload\":{\"summary\":\"Disk 95% full on db-1\",\"source\":\"db-1\",\"severity\":\"info\","
                + "\"custom_details\":{\"free\":\"5%\",\"mount\":\"/var/lib/postgresql\"}}}";
    }

    /** As fast as CLIENTS callers can go, each on its own connection waiting for its answer: the sustained rate. */
    private Phase closedLoop(String name, LongFunction<String> bodies, int seconds, int clients) throws Exception {
        return closedLoop(name, tocsin(), bodies, seconds, clients);
    }

    /** Where a load goes: Tocsin's PagerDuty endpoint, or the anchor's. */
    private record Target(String baseUrl, String path, int accepted) {
    }

    private Target tocsin() {
        return new Target(baseUrl(), "/v2/enqueue", 202);
    }

    private Phase closedLoop(String name, Target target, LongFunction<String> bodies, int seconds, int clients)
            throws Exception {
        var accepted = new AtomicLong();
        var failed = new AtomicLong();
        var sequence = new AtomicLong();
        var latencies = new ConcurrentLinkedQueue<long[]>();
        var server0 = serverTime();
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    var mine = new long[1 << 16];
                    int count = 0;
                    var connection = new Connection(target);
                    try {
                        while (System.nanoTime() < end) {
                            long n = sequence.getAndIncrement();
                            long t0 = System.nanoTime();
                            connection.send(bodies.apply(n), accepted, failed);
                            if (count == mine.length) {
                                mine = Arrays.copyOf(mine, count * 2);
                            }
                            mine[count++] = (System.nanoTime() - t0) / 1000;
                        }
                    } finally {
                        connection.close();
                    }
                    latencies.add(Arrays.copyOf(mine, count));
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (name.equals("warm-up") && target.equals(tocsin())) {
            warmupAccepted.addAndGet(accepted.get());
        }
        return new Phase(name, accepted.get(), failed.get(), elapsed, merge(latencies), serverMillis(server0),
                cpuPerEvent(cpu0, accepted.get() + failed.get()));
    }

    /**
     * A fixed arrival rate regardless of answers, served by CLIENTS connections; latency counts from the planned
     * send time, so time spent queued behind a slow answer is counted (no coordinated omission).
     */
    private Phase openLoop(String name, LongFunction<String> bodies, int rate, int seconds) throws Exception {
        var accepted = new AtomicLong();
        var failed = new AtomicLong();
        int total = rate * seconds;
        long[] latencies = new long[total];
        var planned = new java.util.concurrent.LinkedBlockingQueue<long[]>();
        var server0 = serverTime();
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                pool.submit(() -> {
                    var connection = new Connection(tocsin());
                    try {
                        while (true) {
                            long[] job = planned.take();
                            if (job[0] < 0) {
                                return null;
                            }
                            connection.send(bodies.apply(job[0]), accepted, failed);
                            latencies[(int) job[0]] = (System.nanoTime() - job[1]) / 1000;
                        }
                    } finally {
                        connection.close();
                    }
                });
            }
            OpenLoopPlan.run(planned, start, interval, total, CLIENTS);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Phase(name, accepted.get(), failed.get(), elapsed, latencies, serverMillis(server0),
                cpuPerEvent(cpu0, accepted.get() + failed.get()));
    }

    /**
     * CPU time of this JVM (HTTP client and server together, not the database) per event: on a machine shared with
     * other work, throughput is bounded by the CPU we get; this figure is not.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double cpuPerEvent(long before, long events) {
        return events == 0 ? 0 : (cpuNanos() - before) / 1e6 / events;
    }

    private double serverMillis(double[] before) {
        var after = serverTime();
        return after[0] == before[0] ? 0 : (after[1] - before[1]) * 1000 / (after[0] - before[0]);
    }

    /** A client's connection, reopened after an error so one failure does not end the client. */
    private static final class Connection {
        private final Target target;
        private KeepAliveConnection open;

        Connection(Target target) {
            this.target = target;
        }

        void send(String body, AtomicLong accepted, AtomicLong failed) {
            try {
                if (open == null) {
                    open = new KeepAliveConnection(URI.create(target.baseUrl()));
                }
                (open.post(target.path(), body) == target.accepted() ? accepted : failed).incrementAndGet();
                if (open.closed()) {
                    close();
                }
            } catch (Exception e) {
                failed.incrementAndGet();
                close();
            }
        }

        void close() {
            if (open != null) {
                try {
                    open.close();
                } catch (java.io.IOException ignored) {
                    // already broken; a new connection follows
                }
                open = null;
            }
        }
    }

    private static long[] merge(ConcurrentLinkedQueue<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }
}
