package io.tocsin.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * When a page reached a person, in their own time zone (DST included): at night is 22:00 until 07:00 local time,
 * on a weekend is Saturday or Sunday local time. Pure.
 */
public final class PageTime {

    public static final LocalTime NIGHT_STARTS = LocalTime.of(22, 0);
    public static final LocalTime NIGHT_ENDS = LocalTime.of(7, 0);

    private PageTime() {
    }

    public static boolean atNight(Instant at, ZoneId zone) {
        var local = at.atZone(zone).toLocalTime();
        return !local.isBefore(NIGHT_STARTS) || local.isBefore(NIGHT_ENDS);
    }

    public static boolean onWeekend(Instant at, ZoneId zone) {
        var day = at.atZone(zone).getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }
}
