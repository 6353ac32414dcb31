package io.tocsin.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.tocsin.shared.ClockTimeMeter;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account (the e-mail address typed, known or not, so the answer tells nothing about
 * which accounts exist) and per source address, in Bucket4j buckets with several limits, so the wait grows with
 * the failures: after 5 failures within a minute the account waits for the rest of that minute, after 10 within
 * 15 minutes for the rest of those, after 20 within an hour for the rest of the hour. A source address may fail
 * 20 times a minute and 100 times an hour (several people behind one NAT). While either is used up every login
 * through that account or from that address is refused, even with the right password.
 *
 * <p>Buckets live in memory on each node (a restart or another node starts afresh) and at most
 * {@value #MAX_KEYS} keys per kind are kept (the least recently used go), so a flood of invented names cannot
 * exhaust memory.
 */
@Component
class LoginThrottle {

    static final int MAX_KEYS = 20_000;

    private final TimeMeter time;
    private final Map<String, Bucket> accounts = lru();
    private final Map<String, Bucket> addresses = lru();

    LoginThrottle(Clock clock) {
        this.time = new ClockTimeMeter(clock);
    }

    /** Zero when a login may be tried now, otherwise how long to wait (at least a second). */
    Duration waitBefore(String account, String address) {
        long nanos = Math.max(wait(accounts, key(account), this::accountBucket),
                wait(addresses, address, this::addressBucket));
        return nanos == 0 ? Duration.ZERO : Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    void failed(String account, String address) {
        bucket(accounts, key(account), this::accountBucket).tryConsume(1);
        bucket(addresses, address, this::addressBucket).tryConsume(1);
    }

    private long wait(Map<String, Bucket> buckets, String key, Supplier<Bucket> create) {
        var probe = bucket(buckets, key, create).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, Supplier<Bucket> create) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(key, k -> create.get());
        }
    }

    private Bucket accountBucket() {
        return Bucket.builder()
                .addLimit(l -> l.capacity(5).refillIntervally(5, Duration.ofMinutes(1)))
                .addLimit(l -> l.capacity(10).refillIntervally(10, Duration.ofMinutes(15)))
                .addLimit(l -> l.capacity(20).refillIntervally(20, Duration.ofHours(1)))
                .withCustomTimePrecision(time).build();
    }

    private Bucket addressBucket() {
        return Bucket.builder()
                .addLimit(l -> l.capacity(20).refillIntervally(20, Duration.ofMinutes(1)))
                .addLimit(l -> l.capacity(100).refillIntervally(100, Duration.ofHours(1)))
                .withCustomTimePrecision(time).build();
    }

    private static String key(String account) {
        String k = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        return k.length() <= 320 ? k : k.substring(0, 320);
    }

    private static Map<String, Bucket> lru() {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }
}
