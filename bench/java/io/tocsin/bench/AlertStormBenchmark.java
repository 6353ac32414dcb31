package io.tocsin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import io.tocsin.identity.Role;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.Api;
import io.tocsin.support.FakeTwilio;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 17 point 6, the full storm: 10,000 critical alerts a minute for 10 minutes (open loop over keep-alive
 * connections) on 20 services owned by 5 on-call people reachable by SMS (the fake Twilio; one attempt per level, so
 * every page is the storm's own, not a repeat), while the clock moves
 * with real time and due timers and deliveries run every second as the pollers do. Prints the accept rate and
 * latency and the tallies: every accepted alert stored, one incident per service, one page per incident per person,
 * and each person's SMS count within the limits (about one a minute, five in 15 minutes), the rest bundled.
 * <pre>
 * ./mvnw verify -Pbench -Dtest=AlertStormBenchmark [-Dtocsin.test.db=postgresql] [-Dbench.stormPerMinute=10000]
 *        [-Dbench.stormMinutes=10]
 * </pre>
 * {@code AlertStormPagingTest} is its CI-sized version.
 */
class AlertStormBenchmark extends IntegrationTest {

    private static final int PER_MINUTE = Integer.getInteger("bench.stormPerMinute", 10_000);
    private static final int MINUTES = Integer.getInteger("bench.stormMinutes", 10);
    private static final int SERVICES = 20;
    private static final int PEOPLE = 5;
    private static final int CLIENTS = 64;
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @Autowired
    FakeTwilio twilio;

    private record Person(UUID id, String phone) {
    }

    @Test
    void storm() throws Exception {
        var people = new ArrayList<Person>();
        for (int p = 0; p < PEOPLE; p++) {
            people.add(smsPerson("Storm Person " + p));
        }
        var keys = new ArrayList<String>();
        var services = new ArrayList<UUID>();
        for (int s = 0; s < SERVICES; s++) {
            String serviceId = admin().post("/api/v1/services", Map.of("name", "storm-" + s + "-" + System.nanoTime()))
                    .expect(201).json().get("id").asString();
            String policyId = admin().post("/api/v1/escalation-policies", Map.of("name", "storm-" + System.nanoTime(),
                    "repeatCount", 0, "levels", List.of(Map.of("timeoutMinutes", 30, "attempts", 1, "targets",
                            List.of(Map.of("type", "USER", "id", people.get(s % PEOPLE).id()))))))
                    .expect(201).json().get("id").asString();
            admin().put("/api/v1/services/" + serviceId + "/escalation-policy", Map.of("policyId", policyId))
                    .expect(200);
            keys.add(admin().post("/api/v1/services/" + serviceId + "/integrations", Map.of("name", "pd",
                    "kind", "PAGERDUTY", "rateLimitPerMinute", 1_000_000)).expect(201).json().get("key").asString());
            services.add(UUID.fromString(serviceId));
        }
        var smsBefore = people.stream().map(p -> twilio.messagesTo(p.phone()).size()).toList();

        // The pollers: the clock follows real time; due timers and deliveries run every second.
        var stop = new AtomicBoolean();
        var poller = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                try {
                    Thread.sleep(1_000);
                    clock.advance(Duration.ofSeconds(1));
                    timers.runDue();
                    worker.deliverDue();
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        int total = PER_MINUTE * MINUTES;
        var accepted = new AtomicLong();
        var failed = new AtomicLong();
        long[] latencies = new long[total];
        var planned = new LinkedBlockingQueue<long[]>();
        long interval = 60_000_000_000L / PER_MINUTE;
        String run = UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                pool.submit(() -> {
                    KeepAliveConnection connection = null;
                    while (true) {
                        long[] job = planned.take();
                        if (job[0] < 0) {
                            if (connection != null) {
                                connection.close();
                            }
                            return null;
                        }
                        int n = (int) job[0];
                        int s = n % SERVICES;
                        String body = "{\"routing_key\":\"" + keys.get(s) + "\",\"event_action\":\"trigger\","
                                + "\"dedup_key\":\"" + run + "-" + n + "\",\"payload\":{\"summary\":\"checkout " + n
                                + " failing\",\"source\":\"lb-" + (n % 7) + "\",\"severity\":\"critical\"}}";
                        try {
                            if (connection == null) {
                                connection = new KeepAliveConnection(URI.create(baseUrl()));
                            }
                            (connection.post("/v2/enqueue", body) == 202 ? accepted : failed).incrementAndGet();
                            if (connection.closed()) {
                                connection.close();
                                connection = null;
                            }
                        } catch (java.io.IOException e) {
                            failed.incrementAndGet();
                            connection = null;
                        }
                        latencies[n] = (System.nanoTime() - job[1]) / 1000;
                    }
                });
            }
            OpenLoopPlan.run(planned, start, interval, total, CLIENTS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Every request has had its answer (the pool is closed): stop the real-time poller, then run the clock ahead.
        stop.set(true);
        poller.join();
        // Pages held back by the SMS limits go out within 15 minutes, bundled.
        for (int minute = 0; minute < 15; minute++) {
            clock.advance(Duration.ofMinutes(1));
            timers.runDue();
            worker.deliverDue();
        }

        Object[] ids = services.toArray();
        String marks = String.join(", ", java.util.Collections.nCopies(SERVICES, "?"));
        long stored = jdbc.sql("select count(*) from alert where service_id in (" + marks + ")").params(ids)
                .query(Long.class).single();
        List<UUID> incidents = jdbc.sql("select distinct incident_id from alert where service_id in (" + marks + ")")
                .params(ids).query(UUID.class).list();
        long runs = incidents.isEmpty() ? 0 : jdbc.sql("select count(*) from escalation_run where kind <> 'IMOC'"
                + " and incident_id in (" + String.join(", ", java.util.Collections.nCopies(incidents.size(), "?"))
                + ")").params(incidents.toArray()).query(Long.class).single();
        Arrays.sort(latencies);

        System.out.println();
        System.out.printf("=== AlertStormBenchmark on %s: %,d critical alerts a minute for %d minutes, %d services, %d"
                + " people by SMS ===%n", TestDatabase.kind(), PER_MINUTE, MINUTES, SERVICES, PEOPLE);
        System.out.printf("sent %,d in %.0f s (%.0f/s): accepted %,d, failed %d, stored %,d; accept p50 %.1f ms, p99"
                + " %.1f ms, max %.1f ms%n", total, seconds, total / seconds, accepted.get(), failed.get(), stored,
                latencies[total / 2] / 1000.0, latencies[(int) (total * 0.99)] / 1000.0, latencies[total - 1] / 1000.0);
        System.out.printf("incidents %d (one per service expected), paging runs %d%n", incidents.size(), runs);
        long pagesTotal = 0;
        for (int p = 0; p < PEOPLE; p++) {
            var person = people.get(p);
            long pages = jdbc.sql("select count(*) from notify_delivery where user_id = ? and kind in ('PAGE', 'BUNDLE')")
                    .param(person.id()).query(Long.class).single();
            long delivered = jdbc.sql("select count(*) from notify_delivery where user_id = ? and kind in ('PAGE',"
                    + " 'BUNDLE') and status in ('SENT', 'BUNDLED')").param(person.id()).query(Long.class).single();
            assertThat(delivered).as("every page reached the phone, alone or in a bundle").isEqualTo(pages);
            var sms = twilio.messagesTo(person.phone());
            var storm = sms.subList(smsBefore.get(p), sms.size());
            pagesTotal += pages;
            System.out.printf("person %d: %d pages for %d incidents, %d SMS (%d bundled)%n", p, pages,
                    SERVICES / PEOPLE, storm.size(), storm.stream().filter(m -> m.body().contains(" new alerts: "))
                            .count());
            assertThat(storm.size()).as("SMS within the limit of 5 in 15 minutes").isLessThanOrEqualTo(
                    5 * (MINUTES / 15 + 1));
        }
        System.out.printf("machine load average %.1f%n", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println();

        assertThat(stored).as("every accepted alert stored").isGreaterThanOrEqualTo(accepted.get());
        assertThat(incidents).hasSize(SERVICES).doesNotContainNull();
        assertThat(runs).as("one run per incident").isEqualTo(SERVICES);
        assertThat(pagesTotal).as("one page per incident per person").isEqualTo(SERVICES);
    }

    /** A responder with a verified SMS method (the code really arrives through the fake Twilio), paged at once. */
    private Person smsPerson(String name) {
        var user = createUser(Role.RESPONDER, name);
        var api = new Api(baseUrl(), tokenFor(user.id()));
        String digits = Long.toString(System.nanoTime());
        String phone = "+4917" + digits.substring(digits.length() - 9);
        String methodId = api.post("/api/v1/me/contact-methods", Map.of("type", "SMS", "destination", phone))
                .expect(201).json().get("id").asString();
        worker.deliverDue();
        var m = CODE.matcher(twilio.messagesTo(phone).getLast().body());
        assertThat(m.find()).isTrue();
        api.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", m.group(1))).expect(200);
        api.post("/api/v1/me/notification-rules", Map.of("contactMethodId", methodId, "delayMinutes", 0)).expect(201);
        return new Person(user.id(), phone);
    }
}
