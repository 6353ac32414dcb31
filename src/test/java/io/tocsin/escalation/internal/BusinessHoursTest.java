package io.tocsin.escalation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Business hours (R13): open or not, and the next opening, across weekends, holidays and DST changes. */
class BusinessHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static BusinessHours berlin(Set<LocalDate> holidays) {
        return new BusinessHours(BERLIN, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0), holidays);
    }

    @Test
    void openDuringTheDayClosedAtNightAndAtTheEndBoundary() {
        var hours = berlin(Set.of());
        // Wednesday 2026-03-11, CET (UTC+1)
        assertThat(hours.isOpen(Instant.parse("2026-03-11T08:00:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-03-11T07:59:59Z"))).isFalse();
        assertThat(hours.isOpen(Instant.parse("2026-03-11T16:00:00Z"))).as("17:00 is closed").isFalse();
        assertThat(hours.isOpen(Instant.parse("2026-03-11T01:00:00Z"))).isFalse();
    }

    @Test
    void atNightTheNextOpeningIsNineOClockLocalTime() {
        var hours = berlin(Set.of());
        assertThat(hours.nextOpening(Instant.parse("2026-03-11T01:00:00Z")))
                .contains(Instant.parse("2026-03-11T08:00:00Z"));
        assertThat(hours.nextOpening(Instant.parse("2026-03-11T10:00:00Z")))
                .as("open: now").contains(Instant.parse("2026-03-11T10:00:00Z"));
    }

    @Test
    void fridayEveningWaitsForMondaySkippingHolidays() {
        var hours = berlin(Set.of(LocalDate.of(2026, 3, 16)));
        assertThat(hours.nextOpening(Instant.parse("2026-03-13T17:30:00Z")))
                .as("Friday evening -> Monday is a holiday -> Tuesday").contains(Instant.parse("2026-03-17T08:00:00Z"));
    }

    @Test
    void theSpringDstChangeMovesTheOpeningByAnHour() {
        var hours = berlin(Set.of());
        // Clocks go forward on Sunday 2026-03-29: Friday opens 08:00Z (CET), Monday 07:00Z (CEST).
        assertThat(hours.nextOpening(Instant.parse("2026-03-27T20:00:00Z")))
                .contains(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(hours.isOpen(Instant.parse("2026-03-30T07:00:00Z"))).isTrue();
        assertThat(hours.isOpen(Instant.parse("2026-03-30T06:59:00Z"))).isFalse();
    }

    @Test
    void theAutumnDstChangeMovesItBack() {
        var hours = berlin(Set.of());
        // Clocks go back on Sunday 2026-10-25: Monday opens at 08:00Z (CET) again.
        assertThat(hours.nextOpening(Instant.parse("2026-10-23T16:00:00Z")))
                .contains(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void anOpeningInsideTheSkippedHourMovesLaterByTheGap() {
        var sunday = new BusinessHours(BERLIN, Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), LocalTime.of(6, 0), Set.of());
        // 02:30 does not exist on 2026-03-29 in Berlin; the opening is 03:30 CEST = 01:30Z.
        assertThat(sunday.nextOpening(Instant.parse("2026-03-28T12:00:00Z")))
                .contains(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void withNoWorkdayThereIsNoOpeningAndBadHoursAreRefused() {
        var never = new BusinessHours(BERLIN, Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
        assertThat(never.nextOpening(Instant.parse("2026-03-11T01:00:00Z"))).isEmpty();
        assertThatThrownBy(() -> new BusinessHours(BERLIN, WEEKDAYS, LocalTime.of(17, 0), LocalTime.of(9, 0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
