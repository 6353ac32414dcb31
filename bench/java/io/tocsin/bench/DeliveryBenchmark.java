package io.tocsin.bench;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.tocsin.identity.Role;
import io.tocsin.notify.DeliveryRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.notify.internal.DeliveryWakeUp;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Latency of the delivery outbox: from {@code Notifications.enqueue} returning (committed) to the message arriving
 * at a loopback webhook receiver, i.e. claim + SENDING + channel hand-over + one loopback HTTP call. The worker
 * polls every 200 ms and is woken when a page is queued, as the production poller; pages are enqueued at a steady
 * 10 per second.
 */
class DeliveryBenchmark extends IntegrationTest {

    /** What marks a page (not a verification code) in the webhook body. */
    private static final String PAGE = "\"page\"";

    private static final int DELIVERIES = 300;
    private static final long ENQUEUE_EVERY_MICROS = 100_000;
    private static final long POLL_MILLIS = 200;

    @Autowired
    Notifications notifications;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    WebhookReceiver receiver;

    @Autowired
    DeliveryWakeUp wakeUp;

    @Test
    void enqueueToChannelLatency() throws Exception {
        Api person = newUser(Role.RESPONDER, "Bench Mark");
        var personId = UUID.fromString(person.get("/api/v1/me").expect(200).json().get("id").asString());
        String url = receiver.newUrl();
        var method = admin().post("/api/v1/users/" + personId + "/contact-methods", Map.of("type", "WEBHOOK",
                "destination", url, "allowPrivateTarget", true)).expect(201).json().get("id").asString();
        worker.deliverDue();
        String code = Api.JSON.readTree(receiver.received(url).getLast().body()).get("verificationCode").asString();
        person.post("/api/v1/me/contact-methods/" + method + "/verify", Map.of("code", code)).expect(200);

        var enqueuedAt = new ConcurrentHashMap<String, Long>();
        var poller = Executors.newSingleThreadScheduledExecutor();
        var producer = Executors.newSingleThreadScheduledExecutor();
        var produced = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        Runnable listener = null;
        try {
            // As the production poller: every 200 ms, and at once when this node queued something due now.
            poller.scheduleWithFixedDelay(() -> timed(worker::deliverDue), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
            var nudged = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable nudge = () -> {
                if (nudged.compareAndSet(false, true)) {
                    poller.execute(() -> {
                        nudged.set(false);
                        timed(worker::deliverDue);
                    });
                }
            };
            wakeUp.onQueued(nudge);
            listener = nudge;
            producer.scheduleAtFixedRate(() -> {
                int i = produced.getAndIncrement();
                if (i >= DELIVERIES) {
                    return;
                }
                var subject = new Subject(SubjectType.INCIDENT, UUID.randomUUID().toString(), "BEN-" + i, 1, "Bench page " + i, null);
                long t = System.nanoTime();
                var d = notifications.enqueue(DeliveryRequest.page("bench:" + UUID.randomUUID(), UUID.fromString(method), subject));
                long done = System.nanoTime();
                enqueueNanos.addAndGet(done - t);
                enqueuedAt.put(d.id().toString(), done);
            }, 0, ENQUEUE_EVERY_MICROS, TimeUnit.MICROSECONDS);
            receiver.await(url, PAGE, DELIVERIES, Duration.ofSeconds(120));
        } finally {
            wakeUp.removeListener(listener);
            producer.shutdownNow();
            poller.shutdownNow();
            poller.awaitTermination(10, TimeUnit.SECONDS);
        }
        long elapsed = System.nanoTime() - start;
        double[] millis = receiver.received(url).stream().filter(r -> r.body().contains(PAGE))
                .filter(r -> enqueuedAt.containsKey(r.header("X-Tocsin-Delivery")))
                .mapToDouble(r -> (r.receivedAtNanos() - enqueuedAt.get(r.header("X-Tocsin-Delivery"))) / 1e6)
                .sorted().toArray();
        System.out.printf("DeliveryBenchmark [%s]: %d of %d pages delivered in %.1f s; enqueue -> channel (loopback"
                        + " webhook) p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms (worker polls every %d ms)%n",
                io.tocsin.support.TestDatabase.kind(), millis.length, DELIVERIES, elapsed / 1e9, pct(millis, 50),
                pct(millis, 90), pct(millis, 99), millis.length == 0 ? 0 : millis[millis.length - 1], POLL_MILLIS);
        System.out.printf("DeliveryBenchmark: enqueue %.1f ms on average; %d worker runs, %.1f ms and %.2f deliveries each%n",
                enqueueNanos.get() / 1e6 / DELIVERIES, workRuns.get(), workNanos.get() / 1e6 / Math.max(1, workRuns.get()),
                (double) workItems.get() / Math.max(1, workRuns.get()));
        if (millis.length < DELIVERIES) {
            throw new AssertionError("only " + millis.length + " of " + DELIVERIES + " pages were delivered");
        }
    }

    private final java.util.concurrent.atomic.AtomicLong enqueueNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong workNanos = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong workRuns = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong workItems = new java.util.concurrent.atomic.AtomicLong();

    private void timed(java.util.function.IntSupplier work) {
        long t = System.nanoTime();
        workItems.addAndGet(work.getAsInt());
        workNanos.addAndGet(System.nanoTime() - t);
        workRuns.incrementAndGet();
    }


    private static double pct(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

}
