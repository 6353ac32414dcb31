package io.tocsin.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure figures of the reports (issue 16 point 3; R20, R26, R30) as dense tables. */
class ReportFiguresTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static List<Duration> minutes(int... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofMinutes).toList();
    }

    static Stream<Arguments> distributions() {
        return Stream.of(
                // values (min), count, median, p90, mean, max
                Arguments.of(minutes(), 0, null, null, null, null),
                Arguments.of(minutes(7), 1, 7, 7, 7, 7),
                Arguments.of(minutes(1, 2), 2, 1, 2, 1, 2), // mean 1.5 min = 90 s
                Arguments.of(minutes(5, 1, 3), 3, 3, 5, 3, 5),
                Arguments.of(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 10, 5, 9, 5, 10), // mean 5.5 min = 330 s
                Arguments.of(minutes(10, 10, 10, 10, 10, 10, 10, 10, 10, 600), 10, 10, 10, 69, 600),
                Arguments.of(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 11, 6, 10, 6, 11));
    }

    @ParameterizedTest
    @MethodSource("distributions")
    void nearestRankPercentilesMeanAndMaximum(List<Duration> values, int count, Integer median, Integer p90,
            Integer mean, Integer max) {
        var d = Distribution.of(values);
        assertThat(d.count()).isEqualTo(count);
        assertThat(d.median()).isEqualTo(median == null ? null : Duration.ofMinutes(median));
        assertThat(d.p90()).isEqualTo(p90 == null ? null : Duration.ofMinutes(p90));
        assertThat(d.max()).isEqualTo(max == null ? null : Duration.ofMinutes(max));
        if (mean != null) {
            long expectedSeconds = Math.round(values.stream().mapToLong(Duration::toSeconds).average().orElseThrow());
            assertThat(d.mean().toSeconds()).isEqualTo(expectedSeconds);
            assertThat(d.mean().toMinutes()).isEqualTo(mean.longValue());
        }
        assertThat(d.bins().stream().mapToInt(Distribution.Bin::count).sum()).isEqualTo(count);
    }

    /** The reports aggregate in the database (issue 16 point 4): the same aggregates give the same distribution. */
    @ParameterizedTest
    @MethodSource("distributions")
    void aggregatesGiveTheSameDistributionAsTheValues(List<Duration> values, int count, Integer median, Integer p90,
            Integer mean, Integer max) {
        var sorted = values.stream().sorted().toList();
        long[] below = Distribution.BOUNDS.stream()
                .mapToLong(b -> values.stream().filter(v -> v.compareTo(b) < 0).count()).toArray();
        var aggregated = Distribution.ofAggregates(values.size(), values.stream().mapToLong(Duration::toSeconds).sum(),
                sorted.isEmpty() ? null : Distribution.percentile(sorted, 50),
                sorted.isEmpty() ? null : Distribution.percentile(sorted, 90), sorted.isEmpty() ? null : sorted.getLast(),
                below);
        assertThat(aggregated).isEqualTo(Distribution.of(values));
        assertThat(aggregated.count()).isEqualTo(count);
    }

    @ParameterizedTest
    @CsvSource({
            // minutes, bin index: bins are [0,5) [5,15) [15,30) [30,60) [1h,2h) [2h,4h) [4h,8h) [8h,24h) [24h,..)
            "0, 0", "4, 0", "5, 1", "14, 1", "15, 2", "29, 2", "30, 3", "59, 3", "60, 4", "119, 4", "120, 5",
            "239, 5", "240, 6", "479, 6", "480, 7", "1439, 7", "1440, 8", "100000, 8"})
    void histogramBinsAreHalfOpen(int minutes, int bin) {
        var d = Distribution.of(minutes(minutes));
        for (int i = 0; i < d.bins().size(); i++) {
            assertThat(d.bins().get(i).count()).as("bin %d", i).isEqualTo(i == bin ? 1 : 0);
        }
        assertThat(d.bins()).hasSize(Distribution.BOUNDS.size() + 1);
        assertThat(d.bins().getLast().to()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            // instant (UTC), zone, at night, on weekend
            "2026-03-02T20:59:00Z, Europe/Berlin, false, false", // 21:59 CET Monday
            "2026-03-02T21:00:00Z, Europe/Berlin, true, false", // 22:00 CET
            "2026-03-03T05:59:00Z, Europe/Berlin, true, false", // 06:59 CET
            "2026-03-03T06:00:00Z, Europe/Berlin, false, false", // 07:00 CET
            "2026-03-29T05:30:00Z, Europe/Berlin, false, true", // 07:30 CEST (DST began at 01:00 UTC), Sunday
            "2026-03-29T04:30:00Z, Europe/Berlin, true, true", // 06:30 CEST
            "2026-03-28T21:30:00Z, Europe/Berlin, true, true", // 22:30 CET Saturday
            "2026-10-25T05:30:00Z, Europe/Berlin, true, true", // 06:30 CET (DST ended at 01:00 UTC), Sunday
            "2026-10-25T06:00:00Z, Europe/Berlin, false, true", // 07:00 CET
            "2026-03-09T05:30:00Z, America/Los_Angeles, true, true", // Sun 8 Mar 22:30 PDT (DST began that day)
            "2026-03-09T15:00:00Z, America/Los_Angeles, false, false", // Mon 08:00 PDT
            "2026-03-07T23:00:00Z, Asia/Tokyo, false, true", // Sat 23:00 UTC is Sunday 08:00 in Tokyo
            "2026-03-06T14:00:00Z, Asia/Tokyo, true, false", // Fri 23:00 JST
            "2026-03-06T15:00:00Z, UTC, false, false"})
    void nightAndWeekendInThePersonsOwnZone(Instant at, ZoneId zone, boolean night, boolean weekend) {
        assertThat(PageTime.atNight(at, zone)).isEqualTo(night);
        assertThat(PageTime.onWeekend(at, zone)).isEqualTo(weekend);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // loads; mean; cv (blank: none); max/min (blank: none)
            "5,5,5,5; 5; 0; 1",
            "2,4,4,4,5,5,7,9; 5; 0.4; 4.5",
            "0,10; 5; 1; ",
            "0,0,0; 0; ; ",
            "1,3; 2; 0.5; 3",
            "10; 10; 0; 1"})
    void fairnessCoefficientOfVariationAndMaxMinRatio(String loads, double mean, Double cv, Double ratio) {
        var values = java.util.Arrays.stream(loads.split(",")).map(Integer::valueOf).toList();
        var f = Fairness.of(values);
        assertThat(f.people()).isEqualTo(values.size());
        assertThat(f.mean()).isCloseTo(mean, within(1e-9));
        if (cv == null) {
            assertThat(f.coefficientOfVariation()).isNull();
        } else {
            assertThat(f.coefficientOfVariation()).isCloseTo(cv, within(1e-9));
        }
        if (ratio == null) {
            assertThat(f.maxMinRatio()).isNull();
        } else {
            assertThat(f.maxMinRatio()).isCloseTo(ratio, within(1e-9));
        }
    }

    @Test
    void fairnessOfNobodyIsEmpty() {
        var f = Fairness.of(List.of());
        assertThat(f.people()).isZero();
        assertThat(f.coefficientOfVariation()).isNull();
        assertThat(f.maxMinRatio()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            // shift start, end, period from, to, hours inside
            "2026-03-02T00:00:00Z, 2026-03-03T00:00:00Z, 2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z, 24",
            "2026-02-28T12:00:00Z, 2026-03-01T12:00:00Z, 2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z, 12",
            "2026-03-31T18:00:00Z, 2026-04-01T06:00:00Z, 2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z, 6",
            "2026-02-01T00:00:00Z, 2026-02-02T00:00:00Z, 2026-03-01T00:00:00Z, 2026-04-01T00:00:00Z, 0",
            "2026-02-01T00:00:00Z, 2026-05-01T00:00:00Z, 2026-03-01T00:00:00Z, 2026-03-02T00:00:00Z, 24",
            "2026-03-01T00:00:00Z, 2026-03-01T00:30:00Z, 2026-03-01T00:00:00Z, 2026-03-02T00:00:00Z, 0.5"})
    void hoursOnCallAreCutAtThePeriodsEdges(Instant start, Instant end, Instant from, Instant to, double hours) {
        assertThat(OnCallFigures.hoursWithin(start, end, from, to)).isCloseTo(hours, within(1e-9));
    }

    @Test
    void onCallLoadPerPersonAndTeamWithInterruptionsPerShiftAndFairness() {
        var from = Instant.parse("2026-03-01T00:00:00Z");
        var to = Instant.parse("2026-03-08T00:00:00Z");
        var team = UUID.randomUUID();
        var ann = UUID.randomUUID();
        var bob = UUID.randomUUID();
        var cid = UUID.randomUUID();
        var shifts = List.of(
                new OnCallFigures.ShiftPiece(ann, team, from, from.plus(Duration.ofDays(2))),
                new OnCallFigures.ShiftPiece(ann, team, from.plus(Duration.ofDays(4)), from.plus(Duration.ofDays(5))),
                new OnCallFigures.ShiftPiece(bob, team, from.plus(Duration.ofDays(2)), from.plus(Duration.ofDays(4))),
                new OnCallFigures.ShiftPiece(bob, team, from.minus(Duration.ofDays(3)), from), // outside: not counted
                new OnCallFigures.ShiftPiece(cid, null, from, to));
        var pages = List.of(
                new OnCallFigures.PageCounts(ann, team, 6, 2, 1, 4, 4 * 300),
                new OnCallFigures.PageCounts(bob, team, 2, 0, 0, 2, 2 * 60),
                new OnCallFigures.PageCounts(cid, null, 1, 1, 1, 0, 0));
        var teams = OnCallFigures.compute(from, to, shifts, pages);
        assertThat(teams).hasSize(2);
        var t = teams.getFirst();
        assertThat(t.teamId()).isEqualTo(team);
        var a = t.people().getFirst();
        assertThat(a.userId()).isEqualTo(ann);
        assertThat(a.hoursOnCall()).isEqualTo(72);
        assertThat(a.shifts()).isEqualTo(2);
        assertThat(a.pages()).isEqualTo(6);
        assertThat(a.nightPages()).isEqualTo(2);
        assertThat(a.weekendPages()).isEqualTo(1);
        assertThat(a.interruptionsPerShift()).isEqualTo(3.0);
        assertThat(a.meanTimeToAck()).isEqualTo(Duration.ofMinutes(5));
        var b = t.people().get(1);
        assertThat(b.shifts()).isEqualTo(1);
        assertThat(b.hoursOnCall()).isEqualTo(48);
        assertThat(b.meanTimeToAck()).isEqualTo(Duration.ofMinutes(1));
        // pages 6 and 2: mean 4, population sd 2 -> CV 0.5, max/min 3
        assertThat(t.pages().coefficientOfVariation()).isCloseTo(0.5, within(1e-9));
        assertThat(t.pages().maxMinRatio()).isCloseTo(3.0, within(1e-9));
        assertThat(t.nightPages().maxMinRatio()).isNull();
        assertThat(t.hours().maxMinRatio()).isCloseTo(1.5, within(1e-9));
        var none = teams.get(1);
        assertThat(none.teamId()).isNull();
        assertThat(none.people().getFirst().hoursOnCall()).isEqualTo(168);
        assertThat(none.people().getFirst().meanTimeToAck()).isNull();
    }

    @Test
    void incidentCountsAndDurationsLeaveUnknownDetectionOut() {
        var from = Instant.parse("2026-03-02T00:00:00Z"); // a Monday
        var to = Instant.parse("2026-03-15T23:00:00Z"); // Monday 16 March 00:00 in Berlin
        var s1 = UUID.randomUUID();
        var s2 = UUID.randomUUID();
        var t = Instant.parse("2026-03-03T10:00:00Z");
        var rows = List.of(
                // declared, assigned after 4 min, impact 20 min before, detected 10 min before, resolved 1 h later
                new IncidentFigures.Row(s1, 1, t, t.plusSeconds(240), t.minusSeconds(1200), t.minusSeconds(600),
                        t.plusSeconds(3600)),
                // nothing known but the declaration; not resolved
                new IncidentFigures.Row(s1, 2, t.plus(Duration.ofDays(1)), null, null, null, null),
                // detected known, impact unknown: no TTD, TTR from detection, no customer impact
                new IncidentFigures.Row(s2, 3, t.plus(Duration.ofDays(8)), t.plus(Duration.ofDays(8)).plusSeconds(60),
                        null, t.plus(Duration.ofDays(8)).minusSeconds(300), t.plus(Duration.ofDays(8)).plusSeconds(1500)));
        var r = IncidentFigures.compute(rows, from, to, BERLIN);
        assertThat(r.total()).isEqualTo(3);
        assertThat(r.bySeverity()).containsEntry(1, 1L).containsEntry(2, 1L).containsEntry(3, 1L);
        assertThat(r.byService()).containsEntry(s1, 2L).containsEntry(s2, 1L);
        assertThat(r.byWeek()).extracting(IncidentFigures.Week::starts)
                .containsExactly(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 9));
        assertThat(r.byWeek()).extracting(IncidentFigures.Week::incidents).containsExactly(2L, 1L);
        assertThat(r.timeToAcknowledge().count()).isEqualTo(2);
        assertThat(r.timeToAcknowledge().median()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.timeToDetect().count()).isEqualTo(1);
        assertThat(r.timeToDetect().median()).isEqualTo(Duration.ofMinutes(10));
        assertThat(r.timeToRecover().count()).isEqualTo(2);
        assertThat(r.timeToRecover().max()).isEqualTo(Duration.ofMinutes(80));
        assertThat(r.timeToRecover().median()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r.customerImpact().count()).isEqualTo(1);
        assertThat(r.customerImpact().median()).isEqualTo(Duration.ofMinutes(80));
    }

    @Test
    void weeksStartOnMondayInTheReportsZoneAndEmptyWeeksAreListed() {
        // Sunday 23:30 UTC is Monday 00:30 in Berlin.
        var sundayNight = Instant.parse("2026-03-08T23:30:00Z");
        assertThat(IncidentFigures.weekOf(sundayNight, BERLIN)).isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(IncidentFigures.weekOf(sundayNight, ZoneId.of("UTC"))).isEqualTo(LocalDate.of(2026, 3, 2));
        var r = IncidentFigures.compute(List.of(), Instant.parse("2026-03-04T00:00:00Z"),
                Instant.parse("2026-03-25T00:00:00Z"), ZoneId.of("UTC"));
        assertThat(r.byWeek()).extracting(IncidentFigures.Week::starts).containsExactly(LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 16), LocalDate.of(2026, 3, 23));
        assertThat(r.timeToDetect().count()).isZero();
        assertThat(r.timeToDetect().median()).isNull();
    }

    @Test
    void chartsCarryTheirLabelsAndValuesAndEscapeText() {
        String svg = BarChart.svg("c1", "Pages <per> person", List.of(new BarChart.Bar("Ann & Bob", 3, "3 pages"),
                new BarChart.Bar("Cid", 0, "0 pages", "bad")));
        assertThat(svg).contains("role=\"img\"", "<title id=\"c1-title\">Pages &lt;per&gt; person</title>",
                "Ann &amp; Bob: 3 pages; Cid: 0 pages", ">Ann &amp; Bob</text>", ">3 pages</text>",
                "report-bar report-bar-bad").doesNotContain("style=", "<script");
    }
}
