package io.tocsin.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.tocsin.shared.ClockTimeMeter;
import org.springframework.stereotype.Component;

/**
 * Per-key token buckets (Bucket4j): {@code limit} events per rolling minute, refilled greedily, so a burst up to
 * the minute's allowance passes and a steady flood is cut to the rate. Time comes from the injected clock, so
 * tests control refills. Buckets are per node: with N nodes a key may send up to N times the limit, which is
 * fine for a protection meant against runaway senders.
 */
@Component
public class RateLimits {

    private final AlertsProperties properties;
    private final TimeMeter time;
    private final ConcurrentHashMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(AlertsProperties properties, Clock clock) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
    }

    /** Zero when the event may pass, otherwise how long the sender should wait (at least one second). */
    public Duration tryAcquire(UUID keyOwner, Integer overridePerMinute) {
        int limit = overridePerMinute != null ? overridePerMinute : properties.getRateLimitPerMinute();
        var bucket = buckets.computeIfAbsent(keyOwner, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Duration.ZERO;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Duration.ofSeconds(seconds);
    }

    /** Drops the bucket so a changed limit applies to the next event. */
    public void forget(UUID keyOwner) {
        buckets.remove(keyOwner);
    }
}
