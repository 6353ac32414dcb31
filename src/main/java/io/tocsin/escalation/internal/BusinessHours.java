package io.tocsin.escalation.internal;

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
 * {@code zone}, except on the holidays. Wall-clock based, so a DST change moves the opening instant with it; an
 * opening inside a DST gap (a skipped hour) moves later by the length of the gap.
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

    public boolean isOpen(Instant instant) {
        var local = instant.atZone(zone);
        return workday(local.toLocalDate()) && !local.toLocalTime().isBefore(start) && local.toLocalTime().isBefore(end);
    }

    /** {@code instant} itself when open; else the next opening; empty when there is none within a year. */
    public Optional<Instant> nextOpening(Instant instant) {
        if (isOpen(instant)) {
            return Optional.of(instant);
        }
        var date = instant.atZone(zone).toLocalDate();
        for (int i = 0; i <= LOOKAHEAD_DAYS; i++, date = date.plusDays(1)) {
            if (!workday(date)) {
                continue;
            }
            var opening = ZonedDateTime.ofLocal(date.atTime(start), zone, null).toInstant();
            if (!opening.isBefore(instant)) {
                return Optional.of(opening);
            }
        }
        return Optional.empty();
    }

    private boolean workday(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }
}
