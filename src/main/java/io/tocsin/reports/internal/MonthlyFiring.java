package io.tocsin.reports.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When the monthly report e-mail goes out (issue 16 point 3): 08:00 local time on the 1st of a month, counted in
 * the team's IANA zone, so a change of offset within the month (summer time) moves the instant, not the local
 * hour. 08:00 exists on every 1st in every zone's rules today; should a gap ever swallow it, {@link ZonedDateTime}
 * moves it forward by the gap, which is the first moment that day reaches 08:00. Pure.
 */
public final class MonthlyFiring {

    static final LocalTime AT = LocalTime.of(8, 0);

    private MonthlyFiring() {
    }

    /** The first firing strictly after {@code after}. */
    public static Instant next(Instant after, ZoneId zone) {
        var month = YearMonth.from(after.atZone(zone));
        var candidate = at(month, zone);
        return candidate.isAfter(after) ? candidate : at(month.plusMonths(1), zone);
    }

    /** 08:00 local on the 1st of the month. */
    public static Instant at(YearMonth month, ZoneId zone) {
        return ZonedDateTime.of(month.atDay(1), AT, zone).toInstant();
    }

    /** The calendar month a firing at {@code firedFor} reports on: the one before the firing's month, locally. */
    public static YearMonth reportedMonth(Instant firedFor, ZoneId zone) {
        return YearMonth.from(firedFor.atZone(zone)).minusMonths(1);
    }
}
