package io.tocsin.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A distribution of durations (MTTA, TTD, TTR, customer impact, time to answer): count, mean, median, 90th
 * percentile, maximum and a histogram over fixed bins. Pure. Percentiles are nearest-rank (the smallest value with
 * at least p % of the values at or below it), as {@code incidents.DurationStats} computes them, so both agree.
 * Unknown durations are simply not passed in: they are not zero.
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "ReportDistribution")
public record Distribution(int count, Duration mean, Duration median, Duration p90, Duration max, List<Bin> bins) {

    /** Upper bounds of the histogram bins (the last bin is open). */
    public static final List<Duration> BOUNDS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
            Duration.ofHours(24));

    /** Values in [from, to); {@code to} null for the last bin. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportHistogramBin")
    public record Bin(Duration from, Duration to, int count) {
    }

    public static Distribution of(List<Duration> values) {
        var sorted = values.stream().map(d -> d.isNegative() ? Duration.ZERO : d).sorted().toList();
        int[] counts = new int[BOUNDS.size() + 1];
        long totalSeconds = 0;
        for (var d : sorted) {
            totalSeconds += d.toSeconds();
            int i = 0;
            while (i < BOUNDS.size() && d.compareTo(BOUNDS.get(i)) >= 0) {
                i++;
            }
            counts[i]++;
        }
        var bins = new ArrayList<Bin>();
        for (int i = 0; i <= BOUNDS.size(); i++) {
            bins.add(new Bin(i == 0 ? Duration.ZERO : BOUNDS.get(i - 1), i == BOUNDS.size() ? null : BOUNDS.get(i),
                    counts[i]));
        }
        if (sorted.isEmpty()) {
            return new Distribution(0, null, null, null, null, List.copyOf(bins));
        }
        return new Distribution(sorted.size(), Duration.ofSeconds(Math.round((double) totalSeconds / sorted.size())),
                percentile(sorted, 50), percentile(sorted, 90), sorted.getLast(), List.copyOf(bins));
    }

    /**
     * A distribution aggregated elsewhere (in the database): the count, the sum of the whole seconds of each value
     * (as {@link #of} sums them), median, p90 and maximum, and per bound of {@link #BOUNDS} how many values lie below
     * it. Negative values are to be counted as zero, as {@link #of} does.
     */
    public static Distribution ofAggregates(int count, long totalSeconds, Duration median, Duration p90, Duration max,
            long[] belowBound) {
        if (belowBound.length != BOUNDS.size()) {
            throw new IllegalArgumentException("one count per bound");
        }
        var bins = new ArrayList<Bin>();
        for (int i = 0; i <= BOUNDS.size(); i++) {
            long below = i == BOUNDS.size() ? count : belowBound[i];
            long previous = i == 0 ? 0 : belowBound[i - 1];
            bins.add(new Bin(i == 0 ? Duration.ZERO : BOUNDS.get(i - 1), i == BOUNDS.size() ? null : BOUNDS.get(i),
                    (int) (below - previous)));
        }
        if (count == 0) {
            return new Distribution(0, null, null, null, null, List.copyOf(bins));
        }
        return new Distribution(count, Duration.ofSeconds(Math.round((double) totalSeconds / count)), median, p90, max,
                List.copyOf(bins));
    }

    /** Nearest-rank percentile of sorted values. */
    public static Duration percentile(List<Duration> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
