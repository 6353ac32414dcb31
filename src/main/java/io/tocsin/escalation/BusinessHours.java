package io.tocsin.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A service's business hours (R13): on these weekdays, from {@code start} to {@code end} wall-clock time in
 * {@code zone}, except on the holidays. Wall-clock based, so a DST change moves the opening instant with it.
 *
 * <p>Each working day is one window of instants: its opening and its closing resolved in the zone. A time inside
 * a spring-forward gap (a skipped hour) moves later by the length of the gap; a time inside the repeated autumn
 * hour means its first occurrence, so once the window has closed it stays closed when the clock goes back.
 * Pure: no clock, no I/O.
 */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end, Set<LocalDate> holidays) {

    private static final int LOOKAHEAD_DAYS = 400;

    public BusinessHours {
        days = Set.copyOf(days);
        holidays = Set.copyOf(holidays);
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("business hours must end after they start: " + start + " - " + end);
        }
    }

    /** One working day's opening and closing. */
    private record Window(Instant opens, Instant closes) {

        boolean contains(Instant instant) {
            return !instant.isBefore(opens) && instant.isBefore(closes);
        }
    }

    /**
     * The answer at one instant: open or not, whether the day is a holiday, and the next opening and closing
     * strictly after {@code at} (when open, the closing ends the current window and the opening is the next
     * day's). Both are empty when no working day lies within about a year.
     */
    public record State(Instant at, boolean open, boolean holiday, Optional<Instant> nextOpening,
            Optional<Instant> nextClosing) {
    }

    public boolean isOpen(Instant instant) {
        return windowOn(instant.atZone(zone).toLocalDate()).filter(w -> w.contains(instant)).isPresent();
    }

    /** {@code instant} itself when open; else the next opening; empty when there is none within a year. */
    public Optional<Instant> nextOpening(Instant instant) {
        return isOpen(instant) ? Optional.of(instant) : firstWindowOpeningFrom(instant).map(Window::opens);
    }

    public State stateAt(Instant at) {
        var today = at.atZone(zone).toLocalDate();
        var current = windowOn(today).filter(w -> w.contains(at));
        boolean holiday = holidays.contains(today);
        if (current.isPresent()) {
            var next = firstWindowOpeningFrom(current.get().closes());
            return new State(at, true, holiday, next.map(Window::opens), Optional.of(current.get().closes()));
        }
        var next = firstWindowOpeningFrom(at);
        return new State(at, false, holiday, next.map(Window::opens), next.map(Window::closes));
    }

    /** The first window that opens at or after {@code instant}. */
    private Optional<Window> firstWindowOpeningFrom(Instant instant) {
        var date = instant.atZone(zone).toLocalDate();
        for (int i = 0; i <= LOOKAHEAD_DAYS; i++, date = date.plusDays(1)) {
            var window = windowOn(date);
            if (window.isPresent() && !window.get().opens().isBefore(instant)) {
                return window;
            }
        }
        return Optional.empty();
    }

    /** The day's window; none on other weekdays, holidays, or when the DST gap swallows the whole window. */
    private Optional<Window> windowOn(LocalDate date) {
        if (!days.contains(date.getDayOfWeek()) || holidays.contains(date)) {
            return Optional.empty();
        }
        var opens = ZonedDateTime.of(date.atTime(start), zone).toInstant();
        var closes = ZonedDateTime.of(date.atTime(end), zone).toInstant();
        return closes.isAfter(opens) ? Optional.of(new Window(opens, closes)) : Optional.empty();
    }
}
