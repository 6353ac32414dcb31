package io.tocsin.incidents;

import java.time.Duration;
import java.util.List;

/** Distribution of a set of durations (TTD or TTR, R26): count, mean, median, 90th percentile, maximum. */
public record DurationStats(int count, Duration mean, Duration median, Duration p90, Duration max) {

    public static DurationStats of(List<Duration> values) {
        if (values.isEmpty()) {
            return new DurationStats(0, null, null, null, null);
        }
        var sorted = values.stream().sorted().toList();
        long totalSeconds = sorted.stream().mapToLong(Duration::toSeconds).sum();
        return new DurationStats(sorted.size(), Duration.ofSeconds(Math.round((double) totalSeconds / sorted.size())),
                percentile(sorted, 50), percentile(sorted, 90), sorted.getLast());
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static Duration percentile(List<Duration> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
