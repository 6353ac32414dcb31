package io.tocsin.importer.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

import io.tocsin.oncall.planning.Restriction;

/**
 * Weekly wall-clock windows, as both vendors state them ("Monday 08:00 for 4 days 9 hours"), turned into Tocsin
 * restrictions (one window of at most a day per weekday, which the planner joins again), and compared by the minute
 * of the week to find rotations that are active at the same time.
 */
public final class WeekBlocks {

    public static final int MINUTES_PER_DAY = 24 * 60;
    public static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

    private WeekBlocks() {
    }

    /**
     * The restrictions of a window starting on {@code day} at {@code start} and lasting {@code minutes} (1 to a
     * week): whole days from {@code start} to {@code start} the next day, then the rest.
     */
    public static List<Restriction> restrictions(DayOfWeek day, LocalTime start, long minutes) {
        if (minutes <= 0 || minutes > MINUTES_PER_WEEK) {
            throw new IllegalArgumentException("a weekly window lasts from a minute to a week: " + minutes);
        }
        var byTimes = new LinkedHashMap<List<LocalTime>, Set<DayOfWeek>>();
        long full = minutes / MINUTES_PER_DAY;
        long rest = minutes % MINUTES_PER_DAY;
        for (int k = 0; k < full; k++) {
            byTimes.computeIfAbsent(List.of(start, start), t -> EnumSet.noneOf(DayOfWeek.class)).add(day.plus(k));
        }
        if (rest > 0) {
            byTimes.computeIfAbsent(List.of(start, start.plusMinutes(rest)), t -> EnumSet.noneOf(DayOfWeek.class))
                    .add(day.plus(full));
        }
        var out = new ArrayList<Restriction>();
        byTimes.forEach((times, days) -> out.add(new Restriction(days, times.get(0), times.get(1))));
        return out;
    }

    /** The minutes of the week (Monday 00:00 = 0) the restrictions cover; none means every minute. */
    public static BitSet coverage(List<Restriction> restrictions) {
        var bits = new BitSet(MINUTES_PER_WEEK);
        if (restrictions.isEmpty()) {
            bits.set(0, MINUTES_PER_WEEK);
            return bits;
        }
        for (Restriction r : restrictions) {
            int from = r.from().toSecondOfDay() / 60;
            int to = r.to().toSecondOfDay() / 60;
            int length = r.spansMidnight() ? MINUTES_PER_DAY - from + to : to - from;
            for (DayOfWeek d : r.days()) {
                int begin = (d.getValue() - 1) * MINUTES_PER_DAY + from;
                for (int m = 0; m < length; m++) {
                    bits.set((begin + m) % MINUTES_PER_WEEK);
                }
            }
        }
        return bits;
    }

    /** "Monday 08:00" for a minute of the week. */
    public static String describe(int minuteOfWeek) {
        var day = DayOfWeek.of(minuteOfWeek / MINUTES_PER_DAY + 1);
        var time = LocalTime.ofSecondOfDay((minuteOfWeek % MINUTES_PER_DAY) * 60L);
        return day.getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH) + " " + time;
    }
}
