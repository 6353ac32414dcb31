package io.tocsin.oncall.planning;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * How long one person's turn in a rotation lasts, counted in the schedule's wall-clock time: "1 week" hands over
 * at the same local time every week whatever the daylight-saving offset. Any number of hours is the custom case.
 */
public record ShiftLength(int amount, Unit unit) {

    public enum Unit {
        HOURS(ChronoUnit.HOURS), DAYS(ChronoUnit.DAYS), WEEKS(ChronoUnit.WEEKS);

        private final ChronoUnit chrono;

        Unit(ChronoUnit chrono) {
            this.chrono = chrono;
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

    LocalDateTime times(LocalDateTime anchor, long turns) {
        return anchor.plus(turns * amount, unit.chrono);
    }

    /** Whole turns between two local date-times (an estimate to be corrected by the caller near DST switches). */
    long turnsBetween(LocalDateTime anchor, LocalDateTime local) {
        return unit.chrono.between(anchor, local) / amount;
    }
}
