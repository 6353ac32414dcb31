package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.tocsin.catalog.Catalog;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import io.tocsin.support.Api;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TcpProxy;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17, point 6 (R14, R11): three nodes (separate JVMs) on one PostgreSQL behind a round-robin proxy take alerts
 * and escalate incidents while a random node is killed with SIGKILL at random moments and started again. Afterwards:
 * every event answered 202 is stored, every incident's escalation made all its steps (two levels of three
 * attempts, one every 3 s), each step came at most 15 s after the one before it was due, and every page that went
 * to the provider twice has the earlier attempt still recorded as SENDING (the node died during the provider call),
 * so each duplicate is in the delivery log.
 * <p>
 * {@code -Dtocsin.killloop.kills=N} (10 by default, what CI runs) and {@code -Dtocsin.killloop.seed=S} (printed)
 * choose the run; {@code bench/kill-loop.sh} runs 1,000 kills and prints the tallies. Only with
 * {@code -Dtocsin.test.db=postgresql}, where a missing PostgreSQL fails the run.
 */
class ClusterKillLoopTest {

    private static final int NODES = 3;
    private static final Duration REPEAT = Duration.ofSeconds(3);
    private static final int STEPS_PER_INCIDENT = 6;
    private static final Duration ON_TIME = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void killingRandomNodesLosesNoEventAndNoEscalationStep() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "three nodes need PostgreSQL");
        int kills = Integer.getInteger("tocsin.killloop.kills", 10);
        long seed = Long.getLong("tocsin.killloop.seed", System.nanoTime());
        var random = new Random(seed);
        long began = System.nanoTime();
        System.out.println("kill loop: " + kills + " kills, seed " + seed);
        var db = TestDatabase.create();
        String token;
        String serviceId;
        try (var setup = RunningApp.start(db, "--tocsin.timers.enabled=false")) {
            token = setup.bean(ApiTokens.class).create(setup.bean(Identity.class)
                    .findByEmail("admin@tocsin.local").orElseThrow().id(), "kill loop").token();
            serviceId = organise(setup).toString();
        }
        int[] ports = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            ports[i] = io.tocsin.support.FreePort.outsideEphemeralRange();
        }
        var logs = Files.createDirectories(Path.of("target", "kill-loop"));
        var nodes = new Node[NODES];
        for (int i = 0; i < NODES; i++) {
            nodes[i] = new Node(i, ports[i], db, logs);
            nodes[i].start();
        }
        try (var proxy = TcpProxy.to("127.0.0.1", ports)) {
            var api = new Api("http://127.0.0.1:" + proxy.port(), token);
            await().atMost(Duration.ofMinutes(6)).until(() -> readyCount(nodes) == NODES);

            var running = new AtomicBoolean(true);
            var accepted = ConcurrentHashMap.<String>newKeySet();
            var attempts = new AtomicInteger();
            // The events go to a service of their own without a policy: their incidents (by threshold) page nobody.
            String eventsService = api.post("/api/v1/services", Map.of("name", "events")).expect(201).json().get("id")
                    .asString();
            var key = api.post("/api/v1/services/" + eventsService + "/integrations", Map.of("name", "events",
                    "kind", "PAGERDUTY")).expect(201).json().get("key").asString();
            var alerts = Thread.ofPlatform().name("kill-loop-alerts").start(() -> {
                int n = 0;
                while (running.get()) {
                    String dedup = "ev-" + n++;
                    // A sender retries until it gets its 202, as every monitoring tool does; each try goes to the
                    // next node.
                    while (running.get()) {
                        attempts.incrementAndGet();
                        var r = safely(() -> api.post("/v2/enqueue", Map.of("routing_key", key, "event_action",
                                "trigger", "dedup_key", dedup, "payload", Map.of("summary", "Disk full " + dedup,
                                        "source", "db-1", "severity", "info"))));
                        if (r != null && r.status() == 202) {
                            accepted.add(dedup);
                            break;
                        }
                    }
                }
            });
            var declared = new AtomicInteger();
            var incidents = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            incidents.scheduleWithFixedDelay(() -> {
                var r = safely(() -> api.post("/api/v1/incidents", Map.of("summary", "Checkout down", "severity", 1,
                        "serviceId", serviceId)));
                if (r != null && r.status() == 201) {
                    declared.incrementAndGet();
                }
            }, 0, 4, java.util.concurrent.TimeUnit.SECONDS);

            var killLog = new ArrayList<String>();
            for (int k = 0; k < kills; k++) {
                long at = System.nanoTime() + Duration.ofMillis(2_000 + random.nextInt(6_000)).toNanos();
                await().atMost(Duration.ofMinutes(6)).until(() -> System.nanoTime() >= at && readyCount(nodes) >= 2);
                var alive = java.util.Arrays.stream(nodes).filter(Node::ready).toList();
                var victim = alive.get(random.nextInt(alive.size()));
                victim.kill();
                killLog.add("node " + victim.index + " at " + Instant.now());
                victim.start();
            }
            await().atMost(Duration.ofMinutes(6)).until(() -> readyCount(nodes) == NODES);
            // Let the last incidents escalate through the end while all nodes are up, then stop the load.
            running.set(false);
            alerts.join();
            incidents.shutdown();
            assertThat(incidents.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            try (var connection = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                var jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                        connection, true));
                await().atMost(Duration.ofMinutes(4)).until(() -> jdbc.sql("select count(*) from escalation_run"
                        + " where kind = 'POLICY' and status not in ('EXHAUSTED')").query(Long.class).single() == 0
                        && jdbc.sql("select count(*) from notify_delivery where status in ('PENDING', 'SENDING')")
                                .query(Long.class).single() == 0);
                killLog.forEach(line -> System.out.println("  killed " + line));
                check(jdbc, accepted, declared.get(), serviceId, "kill loop tallies: kills=" + kills + " seed=" + seed
                        + " eventTries=" + attempts.get() + " took=" + Duration.ofNanos(System.nanoTime() - began)
                        .toSeconds() + "s");
            }
        } finally {
            for (var node : nodes) {
                node.kill();
            }
        }
    }

    /** Reads what the cluster stored, prints the tallies, then checks them. */
    private static void check(JdbcClient jdbc, Set<String> accepted, int declaredAnswered, String serviceId,
            String header) {
        var stored = Set.copyOf(jdbc.sql("select dedup_key from alert").query(String.class).list());
        var lost = accepted.stream().filter(k -> !stored.contains(k)).toList();

        var ids = jdbc.sql("select id from incident where service_id = ?").param(UUID.fromString(serviceId))
                .query((rs, n) -> rs.getObject(1, UUID.class).toString()).list();
        var runs = jdbc.sql("select subject_id from escalation_run where kind = 'POLICY'").query(String.class).list()
                .stream().filter(ids::contains).toList();
        int steps = 0;
        var short_ = new ArrayList<String>();
        Duration worst = Duration.ZERO;
        for (String subject : runs) {
            var times = jdbc.sql("select created_at from notify_delivery where subject_id = ? order by created_at")
                    .param(subject).query(Timestamp.class).list();
            if (times.size() != STEPS_PER_INCIDENT) {
                short_.add(subject + ": " + times.size() + " steps");
            }
            steps += times.size();
            for (int i = 1; i < times.size(); i++) {
                var late = Duration.between(times.get(i - 1).toInstant().plus(REPEAT), times.get(i).toInstant());
                worst = late.compareTo(worst) > 0 ? late : worst;
            }
        }
        long unsent = jdbc.sql("select count(*) from notify_delivery where status <> 'SENT'").query(Long.class)
                .single();
        // A page attempted more than once: each earlier attempt must be one its node died in (StaleDeliveries marks
        // it UNKNOWN when the lease ran out, and logs the possible duplicate), never a finished one.
        var repeated = jdbc.sql("""
                select delivery_id, outcome from notify_delivery_attempt a
                where attempt < (select max(b.attempt) from notify_delivery_attempt b where b.delivery_id = a.delivery_id)
                """).query((rs, n) -> rs.getObject(1, UUID.class) + "/" + rs.getString(2)).list();
        long duplicates = repeated.stream().map(r -> r.substring(0, 36)).distinct().count();
        var notInCallWindow = repeated.stream().filter(r -> !r.endsWith("/UNKNOWN") && !r.endsWith("/SENDING"))
                .toList();

        System.out.println(header + " accepted=" + accepted.size() + " stored=" + stored.size() + " lost="
                + lost.size() + " incidents=" + ids.size() + " steps=" + steps + " stepsMissing=" + short_.size()
                + " duplicates=" + duplicates + " (each logged by StaleDeliveries and in notify_delivery_attempt)"
                + " worstStepLateness=" + worst.toMillis() + "ms unsent=" + unsent);

        assertThat(lost).as("events answered 202 but not stored").isEmpty();
        assertThat(runs).as("every incident escalated").hasSize(ids.size());
        assertThat(ids.size()).as("every incident answered 201 is there").isGreaterThanOrEqualTo(declaredAnswered);
        assertThat(short_).as("incidents whose escalation lost a step").isEmpty();
        assertThat(worst).as("every step within 15 s of its time").isLessThan(ON_TIME);
        assertThat(unsent).as("every page went out").isZero();
        assertThat(notInCallWindow).as("repeated pages whose earlier attempt had finished").isEmpty();
    }

    /** Alice (level 1) and Bob (level 2), each with a verified e-mail address, on a service with that policy. */
    private static UUID organise(RunningApp app) {
        var identity = app.bean(Identity.class);
        var methods = app.bean(ContactMethods.class);
        var jdbc = app.bean(JdbcClient.class);
        var ids = new ArrayList<UUID>();
        for (String name : List.of("alice", "bob")) {
            String address = name + "@example.org";
            var user = identity.createUser(new Identity.NewUser(name, address, "Europe/Berlin", "en",
                    Role.RESPONDER, "password-long-enough-1"));
            var method = methods.add(user.id(), new ContactMethods.NewContactMethod(ContactMethodType.EMAIL, "Mail",
                    address, false)).method();
            jdbc.sql("update contact_method set verified_at = ? where id = ?")
                    .params(Timestamp.from(app.bean(Clock.class).instant()), method.id()).update();
            methods.addRule(user.id(), method.id(), 0);
            ids.add(user.id());
        }
        var service = app.bean(Catalog.class).createService(new Catalog.ServiceDraft("checkout", null, null, null));
        var policies = app.bean(PolicyStore.class);
        var policy = policies.create(new PolicyStore.Draft("kill loop", null, 0, List.of(
                new PolicyStore.LevelDraft(5, List.of(new Policy.Target(Policy.TargetType.USER, ids.get(0)))),
                new PolicyStore.LevelDraft(5, List.of(new Policy.Target(Policy.TargetType.USER, ids.get(1)))))));
        policies.assign(service.id(), policy.id());
        return service.id();
    }

    private static int readyCount(Node[] nodes) {
        int n = 0;
        for (var node : nodes) {
            if (node.ready()) {
                n++;
            }
        }
        return n;
    }

    private static Api.Response safely(java.util.function.Supplier<Api.Response> call) {
        try {
            return call.get();
        } catch (RuntimeException refusedOrCut) {
            return null;
        }
    }

    /** One node: the application in a JVM of its own, started from the test class path. */
    private static final class Node {
        final int index;
        final int port;
        final TestDatabase db;
        final Path logs;
        int generation;
        Process process;

        Node(int index, int port, TestDatabase db, Path logs) {
            this.index = index;
            this.port = port;
            this.db = db;
            this.logs = logs;
        }

        void start() throws java.io.IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), "io.tocsin.TocsinApplication",
                    "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(), "--server.port=" + port,
                    "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                    "--tocsin.timers.poll-interval-ms=100", "--tocsin.escalation.repeat-interval=PT3S",
                    // A page a killed node was sending goes out again after this lease (the default is 2 min).
                    "--tocsin.notify.worker.sending-lease=PT8S", "--spring.datasource.hikari.maximum-pool-size=6"));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve("node-" + index + "-" + generation++ + ".log").toFile())
                    .directory(new File(".")).start();
        }

        /** SIGKILL: no shutdown hook, no graceful stop; the kernel closes its sockets. */
        void kill() throws InterruptedException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                process.waitFor();
            }
        }

        boolean ready() {
            if (process == null || !process.isAlive()) {
                return false;
            }
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
