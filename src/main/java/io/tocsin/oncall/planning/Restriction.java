package io.tocsin.oncall.planning;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A window in which a layer is active, in the layer's zone: on each of {@code days} from {@code from} to
 * {@code to}. When {@code to} is not after {@code from} the window runs past midnight into the next day
 * (22:00-06:00), and equal times mean a whole day. No days means every day.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public Restriction {
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public static Restriction daily(LocalTime from, LocalTime to) {
        return new Restriction(null, from, to);
    }

    public static Restriction weekdays(LocalTime from, LocalTime to) {
        return new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), from, to);
    }

    public boolean spansMidnight() {
        return !to.isAfter(from);
    }
}
