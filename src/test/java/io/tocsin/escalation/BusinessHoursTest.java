package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Business hours (R13): open or not, and the next opening and closing, across weekends, holidays and DST changes
 * in both hemispheres (issue 10: "the business hours state at any instant").
 */
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
    private static final BusinessHours OFFICE = berlin(Set.of());
    private static final BusinessHours OFFICE_WITH_EASTER_MONDAY = berlin(Set.of(LocalDate.of(2027, 3, 29)));
    private static final BusinessHours SYDNEY = new BusinessHours(ZoneId.of("Australia/Sydney"), WEEKDAYS,
            LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
    private static final BusinessHours NEW_YORK = new BusinessHours(ZoneId.of("America/New_York"), WEEKDAYS,
            LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
    /** Sunday nights into the small hours, to put an opening into the spring gap and a closing into the overlap. */
    private static final BusinessHours SUNDAY_EARLY = new BusinessHours(BERLIN, Set.of(DayOfWeek.SUNDAY),
            LocalTime.of(2, 30), LocalTime.of(6, 0), Set.of());
    private static final BusinessHours SUNDAY_SMALL_HOURS = new BusinessHours(BERLIN, Set.of(DayOfWeek.SUNDAY),
            LocalTime.of(0, 0), LocalTime.of(2, 30), Set.of());
    private static final BusinessHours NEVER = new BusinessHours(BERLIN, Set.of(), LocalTime.of(9, 0),
            LocalTime.of(17, 0), Set.of());

    /** At {@code at}: open, a holiday, the next opening and closing after it ("-" for none). */
    record Row(String label, BusinessHours hours, String at, boolean open, boolean holiday, String nextOpening,
            String nextClosing) {

        @Override
        public String toString() {
            return label;
        }
    }

    static List<Row> states() {
        return List.of(
                // Wednesday 10 March 2027, CET: 09:00 = 08:00Z, 17:00 = 16:00Z.
                new Row("open on a weekday", OFFICE, "2027-03-10T09:00:00Z", true, false,
                        "2027-03-11T08:00:00Z", "2027-03-10T16:00:00Z"),
                new Row("the opening instant is open", OFFICE, "2027-03-10T08:00:00Z", true, false,
                        "2027-03-11T08:00:00Z", "2027-03-10T16:00:00Z"),
                new Row("a second before opening", OFFICE, "2027-03-10T07:59:59Z", false, false,
                        "2027-03-10T08:00:00Z", "2027-03-10T16:00:00Z"),
                new Row("Friday 17:00 Berlin waits for Monday", OFFICE, "2027-03-05T16:00:00Z", false, false,
                        "2027-03-08T08:00:00Z", "2027-03-08T16:00:00Z"),
                new Row("Saturday", OFFICE, "2027-03-06T11:00:00Z", false, false,
                        "2027-03-08T08:00:00Z", "2027-03-08T16:00:00Z"),
                // Europe switches on Sunday 28 March 2027: Friday closes 16:00Z (CET), Monday opens 07:00Z (CEST).
                new Row("over the spring switch", OFFICE, "2027-03-26T16:00:00Z", false, false,
                        "2027-03-29T07:00:00Z", "2027-03-29T15:00:00Z"),
                new Row("a holiday Monday after the switch", OFFICE_WITH_EASTER_MONDAY, "2027-03-26T16:00:00Z",
                        false, false, "2027-03-30T07:00:00Z", "2027-03-30T15:00:00Z"),
                new Row("on the holiday itself", OFFICE_WITH_EASTER_MONDAY, "2027-03-29T08:00:00Z", false, true,
                        "2027-03-30T07:00:00Z", "2027-03-30T15:00:00Z"),
                // And back on Sunday 31 October 2027: Friday closes 15:00Z (CEST), Monday opens 08:00Z (CET).
                new Row("over the autumn switch", OFFICE, "2027-10-29T12:00:00Z", true, false,
                        "2027-11-01T08:00:00Z", "2027-10-29T15:00:00Z"),
                new Row("Friday evening in October", OFFICE, "2027-10-29T15:00:00Z", false, false,
                        "2027-11-01T08:00:00Z", "2027-11-01T16:00:00Z"),
                // Sydney leaves summer time on Sunday 4 April 2027 (AEDT +11 -> AEST +10) and returns 3 October.
                new Row("Sydney over the April switch", SYDNEY, "2027-04-02T07:00:00Z", false, false,
                        "2027-04-04T23:00:00Z", "2027-04-05T07:00:00Z"),
                new Row("Sydney over the October switch", SYDNEY, "2027-10-01T07:00:00Z", false, false,
                        "2027-10-03T22:00:00Z", "2027-10-04T06:00:00Z"),
                // New York switches on 14 March 2027 (EST -5 -> EDT -4).
                new Row("New York over its switch", NEW_YORK, "2027-03-12T22:00:00Z", false, false,
                        "2027-03-15T13:00:00Z", "2027-03-15T21:00:00Z"),
                // 02:30 does not exist in Berlin on 28 March 2027: the day opens at 03:30 CEST = 01:30Z.
                new Row("an opening in the skipped hour", SUNDAY_EARLY, "2027-03-27T12:00:00Z", false, false,
                        "2027-03-28T01:30:00Z", "2027-03-28T04:00:00Z"),
                // 02:30 happens twice on 31 October 2027: the day closes at the first, 02:30 CEST = 00:30Z ...
                new Row("before the closing in the repeated hour", SUNDAY_SMALL_HOURS, "2027-10-31T00:15:00Z", true,
                        false, "2027-11-06T23:00:00Z", "2027-10-31T00:30:00Z"),
                // ... and stays closed when the clock goes back and shows 02:15 again.
                new Row("after it, when the clock shows 02:15 again", SUNDAY_SMALL_HOURS, "2027-10-31T01:15:00Z",
                        false, false, "2027-11-06T23:00:00Z", "2027-11-07T01:30:00Z"),
                new Row("no working day at all", NEVER, "2027-03-10T09:00:00Z", false, false, "-", "-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void theStateAtAnInstant(Row row) {
        var state = row.hours().stateAt(Instant.parse(row.at()));

        assertThat(state.open()).as("open").isEqualTo(row.open());
        assertThat(row.hours().isOpen(Instant.parse(row.at()))).as("isOpen agrees").isEqualTo(row.open());
        assertThat(state.holiday()).as("holiday").isEqualTo(row.holiday());
        assertThat(state.nextOpening()).as("next opening").isEqualTo(instant(row.nextOpening()));
        assertThat(state.nextClosing()).as("next closing").isEqualTo(instant(row.nextClosing()));
        state.nextOpening().ifPresent(o -> assertThat(o).isAfter(state.at()));
        state.nextClosing().ifPresent(c -> assertThat(c).isAfter(state.at()));
    }

    private static Optional<Instant> instant(String s) {
        return s.equals("-") ? Optional.empty() : Optional.of(Instant.parse(s));
    }
}
