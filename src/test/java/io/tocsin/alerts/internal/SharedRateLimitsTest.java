package io.tocsin.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 17 point 5, found by IngestBenchmark: the first burst for a new integration key on PostgreSQL, where the
 * bucket row does not exist yet, made Bucket4j's batching fail some of the concurrent requests with "Bucket does not
 * exist", answered 503. Every request of the burst must get a decision, and exactly the allowance must pass.
 * (On H2 the buckets are in memory, and the same assertions hold.)
 */
class SharedRateLimitsTest extends IntegrationTest {

    private static final int CALLERS = 48;
    private static final int LIMIT = 20;

    @Autowired
    DataSource dataSource;

    @Autowired
    Clock clock;

    @RepeatedTest(3)
    void aBurstOnANewKeyGetsAnAnswerForEveryRequestAndPassesExactlyTheAllowance() throws Exception {
        var properties = new AlertsProperties();
        var limits = new RateLimits(properties, clock, dataSource);
        var key = UUID.randomUUID();
        var start = new CyclicBarrier(CALLERS);
        var pool = Executors.newFixedThreadPool(CALLERS);
        try {
            var answers = new ArrayList<Future<Duration>>();
            for (int i = 0; i < CALLERS; i++) {
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return limits.tryAcquire(key, LIMIT);
                }));
            }
            int passed = 0;
            for (var answer : answers) {
                if (answer.get(30, TimeUnit.SECONDS).isZero()) {
                    passed++;
                }
            }
            assertThat(passed).as("of %d simultaneous requests for a new key with %d a minute", CALLERS, LIMIT)
                    .isEqualTo(LIMIT);
        } finally {
            pool.shutdownNow();
        }
    }
}
