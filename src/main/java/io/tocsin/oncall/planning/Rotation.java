package io.tocsin.oncall.planning;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * One layer of a schedule: participants take turns of {@code length}, handing over at {@code handoff} (wall
 * clock in {@code zone}). The first participant starts at {@code startsAt}; the turns are counted from the
 * hand-off time on the local date of {@code startsAt}, so the first turn may be shorter or longer than the
 * others when the start is not at the hand-off time. Restrictions (none = always) limit when the layer counts.
 *
 * <p>Monthly rotations hand over on {@code handoffDay} of the month (1-31, default the day of {@code startsAt}),
 * counted from the hand-off in the month of {@code startsAt}. A day the month does not have (the 31st in April,
 * the 29th to 31st in February) means that month's last day; the next month is back on the day itself, so a
 * rotation on the 31st never drifts to the 28th. Other rotations have no hand-off day.
 */
public record Rotation(ZoneId zone, List<UUID> participants, ShiftLength length, Instant startsAt,
        LocalTime handoff, Integer handoffDay, List<Restriction> restrictions) {

    public Rotation {
        participants = List.copyOf(participants);
        restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
        if (handoff == null) {
            handoff = startsAt.atZone(zone).toLocalTime();
        }
        if (length.unit() != ShiftLength.Unit.MONTHS) {
            if (handoffDay != null) {
                throw new IllegalArgumentException("a hand-off day belongs to monthly rotations only");
            }
        } else if (handoffDay == null) {
            handoffDay = startsAt.atZone(zone).getDayOfMonth();
        } else if (handoffDay < 1 || handoffDay > 31) {
            throw new IllegalArgumentException("a hand-off day is a day of the month (1-31): " + handoffDay);
        }
    }

    /** A rotation by hours, days or weeks. */
    public Rotation(ZoneId zone, List<UUID> participants, ShiftLength length, Instant startsAt, LocalTime handoff,
            List<Restriction> restrictions) {
        this(zone, participants, length, startsAt, handoff, null, restrictions);
    }

    private boolean monthly() {
        return length.unit() == ShiftLength.Unit.MONTHS;
    }

    /** The first hand-off the turns are counted from: on the start date, or in the start month for months. */
    LocalDateTime firstHandoff() {
        var start = startsAt.atZone(zone).toLocalDate();
        return monthly() ? onHandoffDay(YearMonth.from(start)) : LocalDateTime.of(start, handoff);
    }

    /** The hand-off {@code turns} turns after the hand-off {@code anchor}, in local time. */
    LocalDateTime handoffAfter(LocalDateTime anchor, long turns) {
        if (!monthly()) {
            return length.times(anchor, turns);
        }
        return onHandoffDay(YearMonth.from(anchor).plusMonths(turns * length.amount()));
    }

    /** Whole turns from the hand-off {@code anchor} to {@code local} (an estimate near DST switches). */
    long turnsBetween(LocalDateTime anchor, LocalDateTime local) {
        if (!monthly()) {
            return length.turnsBetween(anchor, local);
        }
        return java.time.temporal.ChronoUnit.MONTHS.between(YearMonth.from(anchor), YearMonth.from(local))
                / length.amount();
    }

    private LocalDateTime onHandoffDay(YearMonth month) {
        return month.atDay(Math.min(handoffDay, month.lengthOfMonth())).atTime(handoff);
    }
}
