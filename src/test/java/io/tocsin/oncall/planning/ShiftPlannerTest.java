package io.tocsin.oncall.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.tocsin.oncall.Gap;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The on-call calculator (R9): rotations by hours, days, weeks and calendar months (issue 10), layers,
 * restrictions, overrides, daylight saving in both hemispheres, follow-the-sun.
 */
class ShiftPlannerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId UTC = ZoneId.of("UTC");
    static final UUID ANNA = new UUID(0, 1);
    static final UUID BEN = new UUID(0, 2);
    static final UUID CLARA = new UUID(0, 3);
    static final UUID DAVID = new UUID(0, 4);

    final ShiftPlanner planner = new ShiftPlanner();

    static Instant at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static Instant utc(String iso) {
        return Instant.parse(iso);
    }

    static Rotation rotation(ZoneId zone, ShiftLength length, String start, List<UUID> people,
            Restriction... restrictions) {
        Instant startsAt = at(start, zone);
        return new Rotation(zone, people, length, startsAt, startsAt.atZone(zone).toLocalTime(),
                List.of(restrictions));
    }

    Plan plan(List<Rotation> layers, List<OverrideSpec> overrides, Instant from, Instant to) {
        return planner.plan(new ScheduleDefinition(layers, overrides), new TimeRange(from, to));
    }

    /** The final shifts never overlap, are ordered and each has positive length. */
    static void assertWellFormed(List<Shift> shifts) {
        for (int i = 0; i < shifts.size(); i++) {
            assertThat(shifts.get(i).end()).isAfter(shifts.get(i).start());
            if (i > 0) {
                assertThat(shifts.get(i).start()).isAfterOrEqualTo(shifts.get(i - 1).end());
            }
        }
    }

    static Duration total(List<Shift> shifts) {
        return shifts.stream().map(Shift::duration).reduce(Duration.ZERO, Duration::plus);
    }

    @Nested
    class Rotations {

        @Test
        void dailyRotationTakesTurnsInOrderAndCoversEveryHour() {
            var layer = rotation(UTC, ShiftLength.days(1), "2027-01-04T09:00", List.of(ANNA, BEN, CLARA));
            var plan = plan(List.of(layer), List.of(), utc("2027-01-04T09:00:00Z"), utc("2027-01-11T09:00:00Z"));

            assertThat(plan.finalShifts()).extracting(Shift::userId)
                    .containsExactly(ANNA, BEN, CLARA, ANNA, BEN, CLARA, ANNA);
            assertThat(plan.finalShifts()).allSatisfy(s -> assertThat(s.duration()).isEqualTo(Duration.ofDays(1)));
            assertThat(plan.finalShifts().get(1).start()).isEqualTo(utc("2027-01-05T09:00:00Z"));
            assertThat(plan.gaps()).isEmpty();
        }

        @Test
        void weeklyRotationComputedFromTheMiddleOfTheRotationKnowsWhoseTurnItIs() {
            var layer = rotation(BERLIN, ShiftLength.weeks(1), "2027-01-04T09:00", List.of(ANNA, BEN, CLARA));
            // 10 weeks after the start: week 10 belongs to participant 10 mod 3 = BEN.
            var plan = plan(List.of(layer), List.of(), at("2027-03-15T12:00", BERLIN), at("2027-03-16T12:00", BERLIN));

            assertThat(plan.finalShifts()).hasSize(1);
            var shift = plan.finalShifts().getFirst();
            assertThat(shift.userId()).isEqualTo(BEN);
            assertThat(shift.start()).isEqualTo(at("2027-03-15T12:00", BERLIN));
            assertThat(shift.layer()).isZero();
        }

        @Test
        void customLengthOfTwelveHoursAlternatesDayAndNight() {
            var layer = rotation(UTC, ShiftLength.hours(12), "2027-02-01T07:00", List.of(ANNA, BEN));
            var plan = plan(List.of(layer), List.of(), utc("2027-02-01T07:00:00Z"), utc("2027-02-03T07:00:00Z"));

            assertThat(plan.finalShifts()).extracting(s -> s.start().toString())
                    .containsExactly("2027-02-01T07:00:00Z", "2027-02-01T19:00:00Z", "2027-02-02T07:00:00Z",
                            "2027-02-02T19:00:00Z");
            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(ANNA, BEN, ANNA, BEN);
        }

        @Test
        void nothingBeforeTheRotationStartsIsAGap() {
            var layer = rotation(UTC, ShiftLength.days(1), "2027-02-01T09:00", List.of(ANNA));
            var plan = plan(List.of(layer), List.of(), utc("2027-01-31T09:00:00Z"), utc("2027-02-02T09:00:00Z"));

            assertThat(plan.gaps()).containsExactly(new Gap(utc("2027-01-31T09:00:00Z"), utc("2027-02-01T09:00:00Z")));
            assertThat(total(plan.finalShifts())).isEqualTo(Duration.ofDays(1));
        }

        @Test
        void aStartBeforeTheHandOffTimeGivesTheFirstPersonALongerFirstTurn() {
            Instant start = at("2027-02-01T00:00", BERLIN);
            var layer = new Rotation(BERLIN, List.of(ANNA, BEN), ShiftLength.days(1), start, LocalTime.of(9, 0),
                    List.of());
            var plan = plan(List.of(layer), List.of(), start, at("2027-02-03T09:00", BERLIN));

            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(ANNA, BEN);
            assertThat(plan.finalShifts().getFirst().end()).isEqualTo(at("2027-02-02T09:00", BERLIN));
        }

        @Test
        void hourlyTurnsStartingInTheAfternoonStillBeginWithTheFirstParticipant() {
            Instant start = at("2027-02-01T15:00", BERLIN);
            var layer = new Rotation(BERLIN, List.of(ANNA, BEN, CLARA), ShiftLength.hours(1), start,
                    LocalTime.of(9, 0), List.of());
            var plan = plan(List.of(layer), List.of(), start, start.plus(Duration.ofHours(3)));

            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(ANNA, BEN, CLARA);
        }
    }

    @Nested
    class DaylightSaving {

        /** Every shift starts at the wall-clock hand-off, shifts follow each other without gap or overlap. */
        void assertWeeklyHandOffsKeepWallClock(ZoneId zone, String firstMonday, int weeks, String switchMonday,
                Duration switchWeek) {
            var people = List.of(ANNA, BEN, CLARA);
            var layer = rotation(zone, ShiftLength.weeks(1), firstMonday + "T09:00", people);
            Instant from = at(firstMonday + "T09:00", zone);
            Instant to = at(LocalDate.parse(firstMonday).plusWeeks(weeks) + "T09:00", zone);
            var plan = plan(List.of(layer), List.of(), from, to);

            assertWellFormed(plan.finalShifts());
            assertThat(plan.finalShifts()).hasSize(weeks);
            assertThat(plan.gaps()).isEmpty();
            assertThat(total(plan.finalShifts())).isEqualTo(Duration.between(from, to));
            for (int i = 0; i < weeks; i++) {
                var shift = plan.finalShifts().get(i);
                var localStart = shift.start().atZone(zone);
                assertThat(localStart.toLocalTime()).as("hand-off %d", i).isEqualTo(LocalTime.of(9, 0));
                assertThat(localStart.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
                assertThat(localStart.toLocalDate()).isEqualTo(LocalDate.parse(firstMonday).plusWeeks(i));
                assertThat(shift.userId()).isEqualTo(people.get(i % 3));
                if (localStart.toLocalDate().equals(LocalDate.parse(switchMonday))) {
                    assertThat(shift.duration()).isEqualTo(switchWeek);
                } else {
                    assertThat(shift.duration()).isEqualTo(Duration.ofDays(7));
                }
            }
        }

        @Test
        void weeklyHandOffAtNineBerlinAcrossTheSwitchToSummerTime2027() {
            // Sunday 28 March 2027 02:00 CET -> 03:00 CEST: the week from Monday 22 March has 167 hours.
            assertWeeklyHandOffsKeepWallClock(BERLIN, "2027-03-08", 6, "2027-03-22", Duration.ofHours(167));
        }

        @Test
        void weeklyHandOffAtNineBerlinAcrossTheSwitchBackToWinterTime2027() {
            // Sunday 31 October 2027 03:00 CEST -> 02:00 CET: the week from Monday 25 October has 169 hours.
            assertWeeklyHandOffsKeepWallClock(BERLIN, "2027-10-11", 5, "2027-10-25", Duration.ofHours(169));
        }

        @Test
        void weeklyHandOffAtNineNewYorkAcrossTheUsSwitch2027() {
            // Sunday 14 March 2027 02:00 EST -> 03:00 EDT: the week from Monday 8 March has 167 hours.
            assertWeeklyHandOffsKeepWallClock(NEW_YORK, "2027-02-22", 5, "2027-03-08", Duration.ofHours(167));
        }

        @Test
        void weeklyRotationComputedInPiecesAcrossTheSwitchAgreesWithOneComputation() {
            var layer = rotation(BERLIN, ShiftLength.weeks(1), "2027-03-01T09:00", List.of(ANNA, BEN, CLARA));
            var whole = plan(List.of(layer), List.of(), at("2027-03-01T09:00", BERLIN), at("2027-04-12T09:00", BERLIN));
            var pieces = new ArrayList<Shift>();
            for (Instant t = at("2027-03-01T09:00", BERLIN); t.isBefore(at("2027-04-12T09:00", BERLIN));
                    t = t.plus(Duration.ofHours(5))) {
                Instant end = t.plus(Duration.ofHours(5)).isAfter(at("2027-04-12T09:00", BERLIN))
                        ? at("2027-04-12T09:00", BERLIN) : t.plus(Duration.ofHours(5));
                pieces.addAll(plan(List.of(layer), List.of(), t, end).finalShifts());
            }
            assertThat(total(pieces)).isEqualTo(total(whole.finalShifts()));
            for (Shift piece : pieces) {
                assertThat(whole.finalShifts()).as("piece %s", piece).anyMatch(s -> s.userId().equals(piece.userId())
                        && !piece.start().isBefore(s.start()) && !piece.end().isAfter(s.end()));
            }
        }

        @Test
        void aHandOffInsideTheSpringForwardGapHappensWhenTheClockHasJumped() {
            // 02:30 does not exist in Berlin on 28 March 2027: the hand-off happens at 03:30 CEST (01:30 UTC).
            var layer = rotation(BERLIN, ShiftLength.days(1), "2027-03-26T02:30", List.of(ANNA, BEN));
            var plan = plan(List.of(layer), List.of(), at("2027-03-26T02:30", BERLIN), at("2027-03-30T02:30", BERLIN));

            assertThat(plan.finalShifts()).extracting(s -> s.start().toString())
                    .containsExactly("2027-03-26T01:30:00Z", "2027-03-27T01:30:00Z", "2027-03-28T01:30:00Z",
                            "2027-03-29T00:30:00Z");
            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(ANNA, BEN, ANNA, BEN);
            assertThat(plan.gaps()).isEmpty();
        }

        @Test
        void aHandOffInsideTheAutumnOverlapHappensAtItsFirstOccurrence() {
            // 02:30 occurs twice in Berlin on 31 October 2027; the hand-off is at the first, 02:30 CEST = 00:30 UTC.
            var layer = rotation(BERLIN, ShiftLength.days(1), "2027-10-29T02:30", List.of(ANNA, BEN));
            var plan = plan(List.of(layer), List.of(), at("2027-10-29T02:30", BERLIN), at("2027-11-02T02:30", BERLIN));

            assertThat(plan.finalShifts()).extracting(s -> s.start().toString())
                    .containsExactly("2027-10-29T00:30:00Z", "2027-10-30T00:30:00Z", "2027-10-31T00:30:00Z",
                            "2027-11-01T01:30:00Z");
            assertThat(plan.finalShifts().get(2).duration()).isEqualTo(Duration.ofHours(25));
        }

        @Test
        void anHourlyTurnInsideTheSkippedHourIsDroppedAndTheOrderKept() {
            var people = List.of(ANNA, BEN, CLARA, DAVID);
            var layer = rotation(BERLIN, ShiftLength.hours(1), "2027-03-28T00:00", people);
            var plan = plan(List.of(layer), List.of(), at("2027-03-28T00:00", BERLIN), at("2027-03-28T05:00", BERLIN));

            // Local 00:00 ANNA, 01:00 BEN, 02:00 (does not exist) CLARA, 03:00 DAVID, 04:00 ANNA.
            assertWellFormed(plan.finalShifts());
            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(ANNA, BEN, DAVID, ANNA);
            assertThat(plan.gaps()).isEmpty();
            assertThat(total(plan.finalShifts())).isEqualTo(Duration.ofHours(4));
        }
    }

    @Nested
    class FollowTheSun {

        final Rotation berlin = rotation(BERLIN, ShiftLength.weeks(1), "2027-01-04T07:00", List.of(ANNA, BEN),
                Restriction.daily(LocalTime.of(7, 0), LocalTime.of(19, 0)));
        final Rotation losAngeles = rotation(LOS_ANGELES, ShiftLength.weeks(1), "2027-01-04T10:00",
                List.of(CLARA, DAVID), Restriction.daily(LocalTime.of(10, 0), LocalTime.of(22, 0)));

        Plan followTheSun(String fromUtc, String toUtc) {
            return plan(List.of(berlin, losAngeles), List.of(), utc(fromUtc), utc(toUtc));
        }

        @Test
        void coversTheDayExactlyInWinter() {
            var plan = followTheSun("2027-01-11T00:00:00Z", "2027-02-11T00:00:00Z");

            assertThat(plan.gaps()).isEmpty();
            assertWellFormed(plan.finalShifts());
            // Berlin 07-19 CET = 06-18 UTC; Los Angeles 10-22 PST = 18-06 UTC: they meet without overlap.
            var day = plan.finalShifts().stream().filter(s -> s.start().equals(utc("2027-01-20T06:00:00Z")))
                    .findFirst().orElseThrow();
            assertThat(day.end()).isEqualTo(utc("2027-01-20T18:00:00Z"));
            assertThat(plan.layers().get(0)).allSatisfy(s -> assertThat(s.duration()).isEqualTo(Duration.ofHours(12)));
        }

        @Test
        void coversTheDayExactlyInSummer() {
            var plan = followTheSun("2027-06-01T00:00:00Z", "2027-09-01T00:00:00Z");

            assertThat(plan.gaps()).isEmpty();
            var day = plan.finalShifts().stream().filter(s -> s.start().equals(utc("2027-07-14T05:00:00Z")))
                    .findFirst().orElseThrow();
            assertThat(day.end()).isEqualTo(utc("2027-07-14T17:00:00Z"));
        }

        @Test
        void betweenTheUsAndEuropeanSwitchesExactlyOneHourADayIsUncovered() {
            var plan = followTheSun("2027-03-14T00:00:00Z", "2027-03-29T00:00:00Z");

            // The US is on summer time from 14 March, Europe from 28 March: Los Angeles ends at 05:00 UTC,
            // Berlin starts at 06:00 UTC, on the mornings of 15 to 27 March.
            var expected = new ArrayList<Gap>();
            for (int day = 15; day <= 27; day++) {
                expected.add(new Gap(utc("2027-03-%02dT05:00:00Z".formatted(day)),
                        utc("2027-03-%02dT06:00:00Z".formatted(day))));
            }
            assertThat(plan.gaps()).containsExactlyElementsOf(expected);
            assertThat(plan.gaps()).allSatisfy(g -> assertThat(g.duration()).isEqualTo(Duration.ofHours(1)));
        }

        @Test
        void inTheOverlapHourTheHigherLayerWins() {
            // 17:00-18:00 UTC on 20 March both are on call; Los Angeles is the higher layer.
            var plan = followTheSun("2027-03-20T17:00:00Z", "2027-03-20T18:00:00Z");

            assertThat(plan.finalShifts()).hasSize(1);
            assertThat(plan.finalShifts().getFirst().layer()).isEqualTo(1);
            assertThat(plan.layers().get(0)).hasSize(1);
        }
    }

    @Nested
    class Restrictions {

        @Test
        void aRestrictionSpanningMidnightRunsIntoTheNextDay() {
            // Weeknights 22:00-06:00: Friday night runs into Saturday morning, Saturday night is free.
            var nights = new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(22, 0),
                    LocalTime.of(6, 0));
            var layer = rotation(BERLIN, ShiftLength.weeks(1), "2027-05-03T00:00", List.of(ANNA), nights);
            var plan = plan(List.of(layer), List.of(), at("2027-05-07T00:00", BERLIN), at("2027-05-10T12:00", BERLIN));

            assertThat(plan.finalShifts()).extracting(s -> s.start().atZone(BERLIN).toLocalDateTime().toString(),
                    s -> s.end().atZone(BERLIN).toLocalDateTime().toString())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("2027-05-07T00:00", "2027-05-07T06:00"),
                            org.assertj.core.groups.Tuple.tuple("2027-05-07T22:00", "2027-05-08T06:00"));
        }

        @Test
        void aHigherLayerWinsOnlyWhereItHasSomeone() {
            var always = rotation(BERLIN, ShiftLength.weeks(1), "2027-05-03T09:00", List.of(ANNA));
            var officeHours = rotation(BERLIN, ShiftLength.days(1), "2027-05-03T08:00", List.of(BEN, CLARA),
                    Restriction.weekdays(LocalTime.of(8, 0), LocalTime.of(17, 0)));
            var plan = plan(List.of(always, officeHours), List.of(), at("2027-05-03T09:00", BERLIN),
                    at("2027-05-05T09:00", BERLIN));

            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(BEN, ANNA, CLARA, ANNA, BEN);
            assertThat(plan.finalShifts().get(1).start()).isEqualTo(at("2027-05-03T17:00", BERLIN));
            assertThat(plan.finalShifts().get(1).end()).isEqualTo(at("2027-05-04T08:00", BERLIN));
            assertThat(plan.gaps()).isEmpty();
        }
    }

    @Nested
    class Overrides {

        final Rotation weekly = rotation(BERLIN, ShiftLength.weeks(1), "2027-05-03T09:00", List.of(ANNA, BEN));

        @Test
        void anOverrideCutsAShiftInTheMiddle() {
            var override = new OverrideSpec(UUID.randomUUID(), CLARA, at("2027-05-05T12:00", BERLIN),
                    at("2027-05-06T12:00", BERLIN));
            var plan = plan(List.of(weekly), List.of(override), at("2027-05-03T09:00", BERLIN),
                    at("2027-05-10T09:00", BERLIN));

            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(ANNA, CLARA, ANNA);
            assertThat(plan.finalShifts().get(0).end()).isEqualTo(at("2027-05-05T12:00", BERLIN));
            assertThat(plan.finalShifts().get(1).overrideId()).isEqualTo(override.id());
            assertThat(plan.finalShifts().get(1).layer()).isEqualTo(Shift.OVERRIDE);
            assertThat(plan.finalShifts().get(2).start()).isEqualTo(at("2027-05-06T12:00", BERLIN));
            assertThat(plan.finalShifts().get(2).end()).isEqualTo(at("2027-05-10T09:00", BERLIN));
            // The layer itself still shows the planned rotation.
            assertThat(plan.layers().get(0)).extracting(Shift::userId).containsExactly(ANNA);
        }

        @Test
        void anOverrideAcrossAHandOffReplacesBothPeople() {
            var override = new OverrideSpec(UUID.randomUUID(), CLARA, at("2027-05-10T08:00", BERLIN),
                    at("2027-05-10T10:00", BERLIN));
            var plan = plan(List.of(weekly), List.of(override), at("2027-05-10T00:00", BERLIN),
                    at("2027-05-10T12:00", BERLIN));

            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(ANNA, CLARA, BEN);
        }

        @Test
        void theNewestOverrideWins() {
            var older = new OverrideSpec(UUID.randomUUID(), CLARA, at("2027-05-04T00:00", BERLIN),
                    at("2027-05-06T00:00", BERLIN));
            var newer = new OverrideSpec(UUID.randomUUID(), DAVID, at("2027-05-05T00:00", BERLIN),
                    at("2027-05-05T06:00", BERLIN));
            var plan = plan(List.of(weekly), List.of(older, newer), at("2027-05-04T00:00", BERLIN),
                    at("2027-05-06T00:00", BERLIN));

            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(CLARA, DAVID, CLARA);
        }

        @Test
        void anOverrideFillsAGap() {
            var override = new OverrideSpec(UUID.randomUUID(), CLARA, at("2027-05-01T00:00", BERLIN),
                    at("2027-05-03T09:00", BERLIN));
            var plan = plan(List.of(weekly), List.of(override), at("2027-05-01T00:00", BERLIN),
                    at("2027-05-04T00:00", BERLIN));

            assertThat(plan.gaps()).isEmpty();
            assertThat(plan.finalShifts()).extracting(Shift::userId).containsExactly(CLARA, ANNA);
        }

        @Test
        void whoIsOnCallAtAnInstantHonoursOverrides() {
            var override = new OverrideSpec(UUID.randomUUID(), CLARA, at("2027-05-05T12:00", BERLIN),
                    at("2027-05-06T12:00", BERLIN));
            var definition = new ScheduleDefinition(List.of(weekly), List.of(override));

            assertThat(planner.onCallAt(definition, at("2027-05-05T11:59", BERLIN))).get()
                    .extracting(Shift::userId).isEqualTo(ANNA);
            assertThat(planner.onCallAt(definition, at("2027-05-05T12:00", BERLIN))).get()
                    .extracting(Shift::userId).isEqualTo(CLARA);
            assertThat(planner.onCallAt(definition, at("2027-05-12T12:00", BERLIN))).get()
                    .extracting(Shift::userId).isEqualTo(BEN);
            assertThat(planner.onCallAt(definition, at("2027-05-01T12:00", BERLIN))).isEmpty();
        }
    }

    /** Calendar-month rotations (issue 10): a hand-off day and a wall-clock time, in both hemispheres. */
    @Nested
    class Months {

        static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

        /** A monthly rotation from {@code start} (local) handing off on {@code day} at the start's time. */
        record Case(String zone, int amount, int day, String start, List<String> handOffs) {
        }

        static Case monthly(String zone, int day, String start, String... handOffs) {
            return new Case(zone, 1, day, start, List.of(handOffs));
        }

        /**
         * Each row: the hand-offs that follow the first turn, with the offset in force then, so a row checks the
         * day of the month, the wall-clock time and the instant together.
         */
        static List<Case> cases() {
            return List.of(
                    // The 1st at 09:00 through a whole year; Berlin switches 28 March and 31 October 2027.
                    monthly("Europe/Berlin", 1, "2027-01-01T09:00", "2027-02-01T09:00+01:00",
                            "2027-03-01T09:00+01:00", "2027-04-01T09:00+02:00", "2027-05-01T09:00+02:00",
                            "2027-06-01T09:00+02:00", "2027-07-01T09:00+02:00", "2027-08-01T09:00+02:00",
                            "2027-09-01T09:00+02:00", "2027-10-01T09:00+02:00", "2027-11-01T09:00+01:00",
                            "2027-12-01T09:00+01:00", "2028-01-01T09:00+01:00"),
                    // New York switches 14 March and 7 November 2027.
                    monthly("America/New_York", 1, "2027-01-01T09:00", "2027-02-01T09:00-05:00",
                            "2027-03-01T09:00-05:00", "2027-04-01T09:00-04:00", "2027-05-01T09:00-04:00",
                            "2027-06-01T09:00-04:00", "2027-07-01T09:00-04:00", "2027-08-01T09:00-04:00",
                            "2027-09-01T09:00-04:00", "2027-10-01T09:00-04:00", "2027-11-01T09:00-04:00",
                            "2027-12-01T09:00-05:00", "2028-01-01T09:00-05:00"),
                    // Sydney: summer time ends 4 April and begins 3 October 2027 (southern hemisphere).
                    monthly("Australia/Sydney", 1, "2027-01-01T09:00", "2027-02-01T09:00+11:00",
                            "2027-03-01T09:00+11:00", "2027-04-01T09:00+11:00", "2027-05-01T09:00+10:00",
                            "2027-06-01T09:00+10:00", "2027-07-01T09:00+10:00", "2027-08-01T09:00+10:00",
                            "2027-09-01T09:00+10:00", "2027-10-01T09:00+10:00", "2027-11-01T09:00+11:00",
                            "2027-12-01T09:00+11:00", "2028-01-01T09:00+11:00"),
                    // The 31st: the last day of shorter months, and back to the 31st after them (leap year 2028).
                    monthly("Europe/Berlin", 31, "2027-01-31T09:00", "2027-02-28T09:00+01:00",
                            "2027-03-31T09:00+02:00", "2027-04-30T09:00+02:00", "2027-05-31T09:00+02:00",
                            "2027-06-30T09:00+02:00", "2027-07-31T09:00+02:00", "2027-08-31T09:00+02:00",
                            "2027-09-30T09:00+02:00", "2027-10-31T09:00+01:00", "2027-11-30T09:00+01:00",
                            "2027-12-31T09:00+01:00", "2028-01-31T09:00+01:00", "2028-02-29T09:00+01:00",
                            "2028-03-31T09:00+02:00"),
                    // Started in February on the 31st: the first turn runs to 31 March, not to the 28th.
                    monthly("Europe/Berlin", 31, "2027-02-10T09:00", "2027-03-31T09:00+02:00",
                            "2027-04-30T09:00+02:00", "2027-05-31T09:00+02:00"),
                    monthly("Europe/Berlin", 30, "2028-01-30T09:00", "2028-02-29T09:00+01:00",
                            "2028-03-30T09:00+02:00", "2028-04-30T09:00+02:00"),
                    monthly("Europe/Berlin", 29, "2027-01-29T09:00", "2027-02-28T09:00+01:00",
                            "2027-03-29T09:00+02:00", "2027-04-29T09:00+02:00"),
                    // A hand-off in the skipped hour happens when the clock has jumped (02:30 -> 03:30) ...
                    monthly("Europe/Berlin", 28, "2027-02-28T02:30", "2027-03-28T03:30+02:00",
                            "2027-04-28T02:30+02:00"),
                    monthly("Australia/Sydney", 3, "2027-09-03T02:30", "2027-10-03T03:30+11:00",
                            "2027-11-03T02:30+11:00"),
                    // ... and one in the repeated hour at its first occurrence.
                    monthly("Europe/Berlin", 31, "2027-08-31T02:30", "2027-09-30T02:30+02:00",
                            "2027-10-31T02:30+02:00", "2027-11-30T02:30+01:00"),
                    monthly("Australia/Sydney", 4, "2027-03-04T02:30", "2027-04-04T02:30+11:00",
                            "2027-05-04T02:30+10:00"),
                    // Every two months on the 15th.
                    new Case("Europe/Berlin", 2, 15, "2027-01-15T09:00", List.of("2027-03-15T09:00+01:00",
                            "2027-05-15T09:00+02:00", "2027-07-15T09:00+02:00")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("cases")
        void handsOffOnTheDayOfTheMonthAtTheWallClockTime(Case c) {
            ZoneId zone = ZoneId.of(c.zone());
            var people = List.of(ANNA, BEN, CLARA);
            Instant start = at(c.start(), zone);
            var layer = new Rotation(zone, people, ShiftLength.months(c.amount()), start,
                    start.atZone(zone).toLocalTime(), c.day(), List.of());
            var expected = c.handOffs().stream().map(h -> java.time.OffsetDateTime.parse(h).toInstant()).toList();
            var plan = plan(List.of(layer), List.of(), start, expected.getLast());

            assertWellFormed(plan.finalShifts());
            assertThat(plan.gaps()).isEmpty();
            assertThat(plan.finalShifts()).extracting(Shift::start).first().isEqualTo(start);
            assertThat(plan.finalShifts().stream().skip(1).map(Shift::start).toList())
                    .containsExactlyElementsOf(expected.subList(0, expected.size() - 1));
            assertThat(plan.finalShifts().getLast().end()).isEqualTo(expected.getLast());
            for (int i = 0; i < plan.finalShifts().size(); i++) {
                assertThat(plan.finalShifts().get(i).userId()).as("turn %d", i).isEqualTo(people.get(i % 3));
            }
        }

        @Test
        void aMonthWithADaylightSavingSwitchIsAnHourShorterOrLongerInBothHemispheres() {
            var berlin = monthlyOnTheFirst(BERLIN);
            var sydney = monthlyOnTheFirst(SYDNEY);

            assertThat(turn(berlin, BERLIN, "2027-03-01")).isEqualTo(Duration.ofDays(31).minusHours(1));
            assertThat(turn(berlin, BERLIN, "2027-10-01")).isEqualTo(Duration.ofDays(31).plusHours(1));
            assertThat(turn(berlin, BERLIN, "2027-06-01")).isEqualTo(Duration.ofDays(30));
            assertThat(turn(sydney, SYDNEY, "2027-04-01")).isEqualTo(Duration.ofDays(30).plusHours(1));
            assertThat(turn(sydney, SYDNEY, "2027-10-01")).isEqualTo(Duration.ofDays(31).minusHours(1));
            assertThat(turn(sydney, SYDNEY, "2027-02-01")).isEqualTo(Duration.ofDays(28));
        }

        Rotation monthlyOnTheFirst(ZoneId zone) {
            return rotation(zone, ShiftLength.months(1), "2027-01-01T09:00", List.of(ANNA, BEN, CLARA));
        }

        /** The length of the turn that begins on {@code date} at 09:00. */
        Duration turn(Rotation layer, ZoneId zone, String date) {
            Instant begin = at(date + "T09:00", zone);
            var shift = planner.onCallAt(new ScheduleDefinition(List.of(layer), List.of()), begin).orElseThrow();
            assertThat(shift.start()).isEqualTo(begin);
            return shift.duration();
        }

        @Test
        void theHandOffDayDefaultsToTheDayOfTheStart() {
            var layer = rotation(BERLIN, ShiftLength.months(1), "2027-01-12T08:00", List.of(ANNA, BEN));

            assertThat(layer.handoffDay()).isEqualTo(12);
            assertThat(planner.onCallAt(new ScheduleDefinition(List.of(layer), List.of()),
                    at("2027-02-12T08:00", BERLIN))).get().extracting(Shift::userId, Shift::start)
                    .containsExactly(BEN, at("2027-02-12T08:00", BERLIN));
        }

        @Test
        void aStartBetweenHandOffsGivesTheFirstPersonTheTurnUpToTheNextHandOff() {
            // Started 10 February, hand-off on the 1st: Anna until 1 March, then Ben for March.
            Instant start = at("2027-02-10T12:00", BERLIN);
            var onTheFirst = new Rotation(BERLIN, List.of(ANNA, BEN), ShiftLength.months(1), start,
                    LocalTime.of(9, 0), 1, List.of());
            var plan = plan(List.of(onTheFirst), List.of(), start, at("2027-04-01T09:00", BERLIN));
            assertThat(plan.finalShifts()).extracting(Shift::userId, Shift::end).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(ANNA, at("2027-03-01T09:00", BERLIN)),
                    org.assertj.core.groups.Tuple.tuple(BEN, at("2027-04-01T09:00", BERLIN)));

            // Hand-off on the 15th, later in the start month: as with days, the first turn runs on to the one
            // after it, so the first person is never on call for a few days only.
            var onTheFifteenth = new Rotation(BERLIN, List.of(ANNA, BEN), ShiftLength.months(1), start,
                    LocalTime.of(9, 0), 15, List.of());
            assertThat(plan(List.of(onTheFifteenth), List.of(), start, at("2027-04-15T09:00", BERLIN)).finalShifts())
                    .extracting(Shift::userId, Shift::end).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(ANNA, at("2027-03-15T09:00", BERLIN)),
                            org.assertj.core.groups.Tuple.tuple(BEN, at("2027-04-15T09:00", BERLIN)));
        }

        @Test
        void computedFromTheMiddleOfTheRotationItKnowsWhoseTurnItIs() {
            var layer = monthlyOnTheFirst(BERLIN);
            // June 2028 is the 18th turn (index 17): 17 mod 3 = Clara.
            var plan = plan(List.of(layer), List.of(), at("2028-06-15T00:00", BERLIN), at("2028-06-16T00:00", BERLIN));

            assertThat(plan.finalShifts()).singleElement().extracting(Shift::userId).isEqualTo(CLARA);
            assertThat(planner.onCallAt(new ScheduleDefinition(List.of(layer), List.of()),
                    at("2028-06-15T00:00", BERLIN))).get().extracting(Shift::start, Shift::end)
                    .containsExactly(at("2028-06-01T09:00", BERLIN), at("2028-07-01T09:00", BERLIN));
        }

        @Test
        void whoIsOnCallAtAnInstantAgreesWithThePlanForTwoYears() {
            var random = new java.util.Random(29);
            var lastDay = new Rotation(SYDNEY, List.of(ANNA, BEN, CLARA), ShiftLength.months(1),
                    at("2027-01-31T02:30", SYDNEY), LocalTime.of(2, 30), 31,
                    List.of(Restriction.weekdays(LocalTime.of(8, 0), LocalTime.of(18, 0))));
            var nights = new Rotation(BERLIN, List.of(DAVID, ANNA), ShiftLength.months(2),
                    at("2027-01-01T00:00", BERLIN), LocalTime.of(2, 30), 30,
                    List.of(Restriction.daily(LocalTime.of(20, 0), LocalTime.of(7, 0))));
            var definition = new ScheduleDefinition(List.of(monthlyOnTheFirst(NEW_YORK), lastDay, nights), List.of());
            Instant start = utc("2027-01-01T00:00:00Z");
            var years = planner.plan(definition, new TimeRange(start, start.plus(Duration.ofDays(730))));
            assertWellFormed(years.finalShifts());
            for (int i = 0; i < 3000; i++) {
                Instant t = start.plus(Duration.ofMinutes(random.nextInt(730 * 24 * 60)));
                var expected = years.finalShifts().stream().filter(s -> s.covers(t)).findFirst();
                assertThat(planner.onCallAt(definition, t).map(Shift::userId)).as("at %s", t)
                        .isEqualTo(expected.map(Shift::userId));
            }
        }

        @Test
        void aHandOffDayOutsideTheMonthOrOnAnotherKindOfRotationIsRefused() {
            Instant start = at("2027-01-01T09:00", BERLIN);
            for (int day : new int[] {0, 32, -1}) {
                assertThatThrownBy(() -> new Rotation(BERLIN, List.of(ANNA), ShiftLength.months(1), start,
                        LocalTime.of(9, 0), day, List.of())).isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> new Rotation(BERLIN, List.of(ANNA), ShiftLength.weeks(1), start,
                    LocalTime.of(9, 0), 1, List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ShiftLength.months(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void whoIsOnCallAtAnInstantAgreesWithThePlanAllYearRound() {
        var random = new java.util.Random(11);
        var berlin = rotation(BERLIN, ShiftLength.weeks(1), "2027-01-04T07:00", List.of(ANNA, BEN),
                Restriction.daily(LocalTime.of(7, 0), LocalTime.of(19, 0)));
        var losAngeles = rotation(LOS_ANGELES, ShiftLength.hours(12), "2027-01-04T10:00", List.of(CLARA, DAVID),
                Restriction.daily(LocalTime.of(10, 0), LocalTime.of(22, 0)));
        var nights = rotation(BERLIN, ShiftLength.days(2), "2027-01-05T22:00", List.of(DAVID, ANNA, BEN),
                new Restriction(EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(22, 0),
                        LocalTime.of(6, 0)));
        var overrides = new ArrayList<OverrideSpec>();
        Instant start = utc("2027-01-01T00:00:00Z");
        for (int i = 0; i < 40; i++) {
            Instant from = start.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
            overrides.add(new OverrideSpec(UUID.randomUUID(), List.of(ANNA, BEN, CLARA, DAVID).get(i % 4), from,
                    from.plus(Duration.ofMinutes(30 + random.nextInt(3000)))));
        }
        var definition = new ScheduleDefinition(List.of(berlin, losAngeles, nights), overrides);
        var year = planner.plan(definition, new TimeRange(start, start.plus(Duration.ofDays(365))));
        for (int i = 0; i < 3000; i++) {
            Instant t = start.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
            var expected = year.finalShifts().stream().filter(s -> s.covers(t)).findFirst();
            var actual = planner.onCallAt(definition, t);
            assertThat(actual.map(Shift::userId)).as("at %s", t).isEqualTo(expected.map(Shift::userId));
            assertThat(actual.map(Shift::overrideId)).as("at %s", t).isEqualTo(expected.map(Shift::overrideId));
            actual.ifPresent(s -> assertThat(s.covers(t)).isTrue());
        }
    }

    @Test
    void aYearOfAWeeklyRotationHasFiftyTwoOrFiftyThreeShiftsAndNoGaps() {
        var layer = rotation(BERLIN, ShiftLength.weeks(1), "2027-01-04T09:00", List.of(ANNA, BEN, CLARA));
        Instant from = at("2027-01-04T09:00", BERLIN);
        Instant to = ZonedDateTime.of(LocalDateTime.parse("2028-01-03T09:00"), BERLIN).toInstant();
        var plan = plan(List.of(layer), List.of(), from, to);

        assertThat(plan.finalShifts()).hasSize(52);
        assertThat(plan.gaps()).isEmpty();
        assertThat(total(plan.finalShifts())).isEqualTo(Duration.between(from, to));
    }
}
