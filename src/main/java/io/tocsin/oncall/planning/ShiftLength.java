package io.tocsin.oncall.planning;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * How long one person's turn in a rotation lasts, counted in the schedule's wall-clock time: "1 week" hands over
 * at the same local time every week whatever the daylight-saving offset. Any number of hours is the custom case.
 * Months are calendar months: the turn ends on the rotation's hand-off day of the month (see {@link Rotation}).
 */
public record ShiftLength(int amount, Unit unit) {

    public enum Unit {
        HOURS(ChronoUnit.HOURS, 24 * 366), DAYS(ChronoUnit.DAYS, 366), WEEKS(ChronoUnit.WEEKS, 53),
        MONTHS(ChronoUnit.MONTHS, 12);

        private final ChronoUnit chrono;
        private final int maxAmount;

        Unit(ChronoUnit chrono, int maxAmount) {
            this.chrono = chrono;
            this.maxAmount = maxAmount;
        }

        /** The largest amount a rotation may use (a year, roughly), so no turn outlasts what one query can plan. */
        public int maxAmount() {
            return maxAmount;
        }
    }

    public ShiftLength {
        if (amount <= 0) {
            throw new IllegalArgumentException("a shift length must be positive: " + amount);
        }
    }

    public static ShiftLength hours(int n) {
        return new ShiftLength(n, Unit.HOURS);
    }

    public static ShiftLength days(int n) {
        return new ShiftLength(n, Unit.DAYS);
    }

    public static ShiftLength weeks(int n) {
        return new ShiftLength(n, Unit.WEEKS);
    }

    public static ShiftLength months(int n) {
        return new ShiftLength(n, Unit.MONTHS);
    }

    /**
     * The longest a regular turn can last on the wall clock plus a daylight-saving hour (31-day months), so
     * callers know how far around an instant to look to see a whole turn.
     */
    public Duration longestTurn() {
        Duration nominal = unit == Unit.MONTHS ? Duration.ofDays(31L * amount) : unit.chrono.getDuration()
                .multipliedBy(amount);
        return nominal.plusHours(1);
    }

    /** {@code turns} turns after {@code anchor}; not for months, whose length depends on the hand-off day. */
    LocalDateTime times(LocalDateTime anchor, long turns) {
        return anchor.plus(turns * amount, unit.chrono);
    }

    /** Whole turns between two local date-times (an estimate to be corrected by the caller near DST switches). */
    long turnsBetween(LocalDateTime anchor, LocalDateTime local) {
        return unit.chrono.between(anchor, local) / amount;
    }
}
