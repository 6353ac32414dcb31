package io.tocsin.reports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the monthly report e-mail fires (issue 16 point 3, R26): 08:00 local on the 1st, across summer time and
 * zones, strictly after the given instant; and which month it reports on.
 */
class MonthlyFiringTest {

    @ParameterizedTest(name = "after {0} in {1}: {2} (reports {3})")
    @CsvSource({
            // Winter in Berlin (+01:00): the 1st at 08:00 is 07:00 UTC.
            "2026-01-15T12:00:00Z, Europe/Berlin, 2026-02-01T07:00:00Z, 2026-01",
            // Summer time starts on 29 March 2026: April's firing is at 06:00 UTC.
            "2026-03-01T07:00:00Z, Europe/Berlin, 2026-04-01T06:00:00Z, 2026-03",
            "2026-03-29T01:30:00Z, Europe/Berlin, 2026-04-01T06:00:00Z, 2026-03",
            // Summer time ends on 25 October 2026: November's firing is at 07:00 UTC again.
            "2026-10-01T06:00:00Z, Europe/Berlin, 2026-11-01T07:00:00Z, 2026-10",
            // One second before the firing: that very firing; at it: the next month's.
            "2026-02-01T06:59:59Z, Europe/Berlin, 2026-02-01T07:00:00Z, 2026-01",
            "2026-02-01T07:00:00Z, Europe/Berlin, 2026-03-01T07:00:00Z, 2026-02",
            // The turn of the year.
            "2026-12-20T00:00:00Z, Europe/Berlin, 2027-01-01T07:00:00Z, 2026-12",
            // Local midnight of the 1st is still the day before in UTC.
            "2026-04-30T22:30:00Z, Europe/Berlin, 2026-05-01T06:00:00Z, 2026-04",
            // West of UTC and its own summer time (New York, from 8 March 2026).
            "2026-03-02T00:00:00Z, America/New_York, 2026-04-01T12:00:00Z, 2026-03",
            "2026-02-10T00:00:00Z, America/New_York, 2026-03-01T13:00:00Z, 2026-02",
            // Far east, no summer time.
            "2026-06-30T23:30:00Z, Asia/Tokyo, 2026-07-31T23:00:00Z, 2026-07",
            "2026-06-01T08:00:00Z, UTC, 2026-07-01T08:00:00Z, 2026-06",
    })
    void firesAtEightLocalOnTheFirst(String after, String zone, String expected, String reported) {
        var from = Instant.parse(after);
        var next = MonthlyFiring.next(from, ZoneId.of(zone));
        assertThat(next).isEqualTo(Instant.parse(expected));
        assertThat(next.atZone(ZoneId.of(zone)).toLocalTime()).isEqualTo(MonthlyFiring.AT);
        assertThat(next.atZone(ZoneId.of(zone)).getDayOfMonth()).isEqualTo(1);
        assertThat(MonthlyFiring.reportedMonth(next, ZoneId.of(zone))).isEqualTo(YearMonth.parse(reported));
    }
}
