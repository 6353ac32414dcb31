package io.tocsin.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** TTD and TTR per incident and their distributions (R26). */
class MetricsCalculationTest {

    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void timeToDetectAndRecoverRunFromTheImpactStart() {
        var times = new IncidentTimes(START, START.plus(Duration.ofMinutes(7)), START.plus(Duration.ofMinutes(95)),
                START.plus(Duration.ofMinutes(9)));
        assertThat(times.timeToDetect()).contains(Duration.ofMinutes(7));
        assertThat(times.timeToRecover()).contains(Duration.ofMinutes(95));
    }

    @Test
    void anUnresolvedIncidentHasNoTimeToRecoverYet() {
        var times = new IncidentTimes(START, START, null, START);
        assertThat(times.timeToDetect()).contains(Duration.ZERO);
        assertThat(times.timeToRecover()).isEmpty();
    }

    /** Issue 13: a declaration that does not say when the impact started or was noticed has no TTD, not a TTD of 0. */
    @Test
    void unknownTimesGiveNoTimeToDetectAndTimeToRecoverCountsFromWhatIsKnown() {
        var declared = START.plus(Duration.ofMinutes(20));
        var resolved = START.plus(Duration.ofMinutes(80));
        var nothingKnown = new IncidentTimes(null, null, resolved, declared);
        assertThat(nothingKnown.timeToDetect()).isEmpty();
        assertThat(nothingKnown.timeToRecover()).contains(Duration.ofMinutes(60));
        var onlyNoticed = new IncidentTimes(null, START.plus(Duration.ofMinutes(10)), resolved, declared);
        assertThat(onlyNoticed.timeToDetect()).isEmpty();
        assertThat(onlyNoticed.timeToRecover()).contains(Duration.ofMinutes(70));
        var onlyStart = new IncidentTimes(START, null, resolved, declared);
        assertThat(onlyStart.timeToDetect()).isEmpty();
        assertThat(onlyStart.timeToRecover()).contains(Duration.ofMinutes(80));
    }

    @Test
    void distributionWithNearestRankPercentiles() {
        var stats = DurationStats.of(List.of(minutes(10), minutes(30), minutes(20), minutes(40), minutes(100),
                minutes(50), minutes(60), minutes(70), minutes(80), minutes(90)));
        assertThat(stats.count()).isEqualTo(10);
        assertThat(stats.mean()).isEqualTo(minutes(55));
        assertThat(stats.median()).isEqualTo(minutes(50));
        assertThat(stats.p90()).isEqualTo(minutes(90));
        assertThat(stats.max()).isEqualTo(minutes(100));
    }

    @Test
    void singleAndEmptyDistributions() {
        var one = DurationStats.of(List.of(minutes(3)));
        assertThat(one.median()).isEqualTo(minutes(3));
        assertThat(one.p90()).isEqualTo(minutes(3));
        var none = DurationStats.of(List.of());
        assertThat(none.count()).isZero();
        assertThat(none.mean()).isNull();
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }
}
