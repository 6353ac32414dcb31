package io.tocsin.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.tocsin.shared.ClockTimeMeter;
import io.tocsin.shared.Databases;
import org.springframework.stereotype.Component;

/**
 * Per-key token buckets (Bucket4j): {@code limit} events per rolling minute, refilled greedily, so a burst up to
 * the minute's allowance passes and a steady flood is cut to the rate. Time comes from the injected clock, so
 * tests control refills.
 * <p>
 * On PostgreSQL the buckets live in the database (table {@code rate_limit_bucket}, one row per key and limit, read
 * and written under {@code SELECT ... FOR UPDATE}), so all nodes of a cluster share one allowance per key instead of
 * each granting it (issue 17, point 5); concurrent requests for one key on a node are sent to the database as one
 * batch. A changed limit is a new row, so it applies to the next event on every node. On H2 (one node), or with
 * {@code tocsin.alerts.shared-rate-limits=false}, the buckets are kept in memory.
 */
@Component
public class RateLimits {

    private static final int NOT_FOUND_ATTEMPTS = 5;

    private final AlertsProperties properties;
    private final TimeMeter time;
    private final ProxyManager<String> shared;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimits(AlertsProperties properties, Clock clock, DataSource dataSource) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
        this.shared = properties.isSharedRateLimits() && Databases.postgres(dataSource)
                ? Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                        .table("rate_limit_bucket").idColumn("id").stateColumn("state").clientClock(time).build()
                : null;
    }

    /** Zero when the event may pass, otherwise how long the sender should wait (at least one second). */
    public Duration tryAcquire(UUID keyOwner, Integer overridePerMinute) {
        int limit = overridePerMinute != null ? overridePerMinute : properties.getRateLimitPerMinute();
        var bucket = buckets.computeIfAbsent(keyOwner + ":" + limit, key -> build(key, limit));
        var probe = consume(bucket);
        if (probe.isConsumed()) {
            return Duration.ZERO;
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Duration.ofSeconds(seconds);
    }

    /**
     * Bucket4j's batching fails some requests of the first burst for a key whose row does not exist yet with "bucket
     * not found" (nothing was consumed); once the row is created they succeed, so they are asked again.
     */
    private static ConsumptionProbe consume(Bucket bucket) {
        for (int attempt = 1;; attempt++) {
            try {
                return bucket.tryConsumeAndReturnRemaining(1);
            } catch (RuntimeException e) {
                if (attempt >= NOT_FOUND_ATTEMPTS || !bucketNotFound(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean bucketNotFound(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private Bucket build(String key, int limit) {
        var config = BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1))).build();
        if (shared != null) {
            return shared.builder().withOptimization(Optimizations.batching()).build(key, () -> config);
        }
        return Bucket.builder().addLimit(config.getBandwidths()[0]).withCustomTimePrecision(time).build();
    }

    /** Drops this node's handle on the key's buckets, so a changed limit applies to the next event. */
    public void forget(UUID keyOwner) {
        String prefix = keyOwner + ":";
        buckets.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
