package io.tocsin.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.tocsin.escalation.BusinessHours;
import io.tocsin.sla.internal.SlaClocks.Decision;
import io.tocsin.sla.internal.SlaClocks.Facts;
import io.tocsin.sla.internal.SlaClocks.Pause;
import io.tocsin.sla.internal.SlaClocks.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SLA clock arithmetic (issue 16 point 2, R30) as a table: 24x7 and business-hours counting across weekends,
 * holidays and the DST changes of Europe/Berlin (last Sundays of March and October) and Australia/Sydney (first
 * Sundays of April and October, the other way round), pauses, stops, and the watch's decisions.
 */
class SlaClocksTest {

    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    /** Berlin office hours 09:00-17:00 with Good Friday and Easter Monday 2026 as holidays. */
    private static final BusinessHours BERLIN = new BusinessHours(ZoneId.of("Europe/Berlin"), WEEKDAYS, LocalTime.of(9, 0),
            LocalTime.of(17, 0), Set.of(LocalDate.parse("2026-04-03"), LocalDate.parse("2026-04-06")));
    private static final BusinessHours SYDNEY = new BusinessHours(ZoneId.of("Australia/Sydney"), WEEKDAYS,
            LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
    private static final BusinessHours NEVER = new BusinessHours(ZoneId.of("UTC"), Set.of(), LocalTime.of(9, 0),
            LocalTime.of(17, 0), Set.of());

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static Pause pause(String from, String to) {
        return new Pause(t(from), to == null ? null : t(to));
    }

    static Stream<Arguments> readings() {
        return Stream.of(
                // name, hours, start, target, pauses, stopped, now, elapsed, state, breachAt
                Arguments.of("24x7 running", null, "2026-03-02T08:00:00Z", m(15), List.of(), null,
                        "2026-03-02T08:05:00Z", m(5), State.RUNNING, "2026-03-02T08:15:00Z"),
                Arguments.of("24x7 at the target is breached", null, "2026-03-02T08:00:00Z", m(15), List.of(), null,
                        "2026-03-02T08:15:00Z", m(15), State.BREACHED, "2026-03-02T08:15:00Z"),
                Arguments.of("24x7 past an ended pause", null, "2026-03-02T08:00:00Z", m(15),
                        List.of(pause("2026-03-02T08:05:00Z", "2026-03-02T08:10:00Z")), null,
                        "2026-03-02T08:12:00Z", m(7), State.RUNNING, "2026-03-02T08:20:00Z"),
                Arguments.of("24x7 paused stops counting", null, "2026-03-02T08:00:00Z", m(15),
                        List.of(pause("2026-03-02T08:05:00Z", null)), null,
                        "2026-03-02T10:00:00Z", m(5), State.PAUSED, null),
                Arguments.of("24x7 two pauses, overlapping ones joined", null, "2026-03-02T08:00:00Z", m(30),
                        List.of(pause("2026-03-02T08:10:00Z", "2026-03-02T08:20:00Z"),
                                pause("2026-03-02T08:15:00Z", "2026-03-02T08:25:00Z"),
                                pause("2026-03-02T08:40:00Z", "2026-03-02T08:45:00Z")), null,
                        "2026-03-02T08:50:00Z", m(30), State.BREACHED, "2026-03-02T08:50:00Z"),
                Arguments.of("24x7 stopped within the target is met", null, "2026-03-02T08:00:00Z", m(15), List.of(),
                        "2026-03-02T08:14:00Z", "2026-03-02T12:00:00Z", m(14), State.MET, null),
                Arguments.of("24x7 stopped exactly at the target is met", null, "2026-03-02T08:00:00Z", m(15), List.of(),
                        "2026-03-02T08:15:00Z", "2026-03-02T12:00:00Z", m(15), State.MET, null),
                Arguments.of("24x7 stopped late is breached", null, "2026-03-02T08:00:00Z", m(15), List.of(),
                        "2026-03-02T08:16:00Z", "2026-03-02T12:00:00Z", m(16), State.BREACHED, null),
                Arguments.of("Berlin: Friday's last hour, then Monday", BERLIN, "2026-03-06T15:00:00Z", m(120), List.of(),
                        null, "2026-03-07T12:00:00Z", m(60), State.RUNNING, "2026-03-09T09:00:00Z"),
                Arguments.of("Berlin: the weekend does not count", BERLIN, "2026-03-06T15:00:00Z", m(240), List.of(),
                        null, "2026-03-09T10:00:00Z", m(180), State.RUNNING, "2026-03-09T11:00:00Z"),
                Arguments.of("Berlin: declared on Saturday counts from Monday 09:00", BERLIN, "2026-03-07T10:00:00Z", m(60),
                        List.of(), null, "2026-03-08T23:00:00Z", m(0), State.RUNNING, "2026-03-09T09:00:00Z"),
                Arguments.of("Berlin: across the spring DST change (CET to CEST)", BERLIN, "2026-03-27T15:00:00Z", m(120),
                        List.of(), null, "2026-03-30T07:30:00Z", m(90), State.RUNNING, "2026-03-30T08:00:00Z"),
                Arguments.of("Berlin: across the autumn DST change (CEST to CET)", BERLIN, "2026-10-23T14:00:00Z", m(120),
                        List.of(), null, "2026-10-26T08:30:00Z", m(90), State.RUNNING, "2026-10-26T09:00:00Z"),
                Arguments.of("Berlin: Good Friday and Easter Monday are holidays", BERLIN, "2026-04-02T14:30:00Z", m(60),
                        List.of(), null, "2026-04-06T12:00:00Z", m(30), State.RUNNING, "2026-04-07T07:30:00Z"),
                Arguments.of("Berlin: a pause within business hours", BERLIN, "2026-03-02T08:00:00Z", m(240),
                        List.of(pause("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")), null,
                        "2026-03-02T12:00:00Z", m(180), State.RUNNING, "2026-03-02T13:00:00Z"),
                Arguments.of("Berlin: a pause over the night", BERLIN, "2026-03-02T08:00:00Z", m(480),
                        List.of(pause("2026-03-02T15:00:00Z", "2026-03-03T09:00:00Z")), null,
                        "2026-03-03T09:30:00Z", m(450), State.RUNNING, "2026-03-03T10:00:00Z"),
                Arguments.of("Berlin: stopped on Monday after the weekend", BERLIN, "2026-03-06T15:00:00Z", m(120),
                        List.of(), "2026-03-09T08:30:00Z", "2026-03-10T12:00:00Z", m(90), State.MET, null),
                Arguments.of("Sydney: across the April DST end (AEDT to AEST)", SYDNEY, "2026-04-03T05:00:00Z", m(120),
                        List.of(), null, "2026-04-05T23:30:00Z", m(90), State.RUNNING, "2026-04-06T00:00:00Z"),
                Arguments.of("Sydney: across the October DST start (AEST to AEDT)", SYDNEY, "2026-10-02T06:00:00Z",
                        m(120), List.of(), null, "2026-10-04T22:30:00Z", m(90), State.RUNNING, "2026-10-04T23:00:00Z"),
                Arguments.of("a calendar that never opens never breaches", NEVER, "2026-03-02T08:00:00Z", m(15),
                        List.of(), null, "2026-03-09T08:00:00Z", m(0), State.RUNNING, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void readsTheClockR30(String name, BusinessHours hours, String start, Duration target, List<Pause> pauses,
            String stopped, String now, Duration elapsed, State state, String breachAt) {
        var facts = new Facts(t(start), target, hours, pauses, stopped == null ? null : t(stopped), 75);
        var reading = SlaClocks.read(facts, t(now));
        assertThat(reading.elapsed()).as("elapsed").isEqualTo(elapsed);
        assertThat(reading.state()).as("state").isEqualTo(state);
        assertThat(reading.remaining()).as("remaining")
                .isEqualTo(elapsed.compareTo(target) >= 0 ? Duration.ZERO : target.minus(elapsed));
        assertThat(reading.breachAt()).as("breach at").isEqualTo(breachAt == null ? null : t(breachAt));
        if (reading.breachAt() != null) {
            // Reading at the predicted instant finds the target used up exactly.
            assertThat(SlaClocks.read(facts, reading.breachAt()).elapsed()).isEqualTo(target);
            assertThat(SlaClocks.read(facts, reading.warnAt()).elapsed()).isEqualTo(SlaClocks.warningThreshold(facts));
        }
    }

    static Stream<Arguments> decisions() {
        var start = "2026-03-02T08:00:00Z";
        return Stream.of(
                // name, target, pauses, stopped, warned, breached, now, expected decision
                Arguments.of("before the warning: look again at 75 %", m(15), List.of(), null, false, false,
                        "2026-03-02T08:05:00Z", new Decision(false, false, t("2026-03-02T08:11:15Z"))),
                Arguments.of("at 75 %: remind, look again at the target", m(15), List.of(), null, false, false,
                        "2026-03-02T08:11:15Z", new Decision(true, false, t("2026-03-02T08:15:00Z"))),
                Arguments.of("reminded already: wait for the target", m(15), List.of(), null, true, false,
                        "2026-03-02T08:12:00Z", new Decision(false, false, t("2026-03-02T08:15:00Z"))),
                Arguments.of("at the target: escalate, nothing more to watch", m(15), List.of(), null, true, false,
                        "2026-03-02T08:15:00Z", new Decision(false, true, null)),
                Arguments.of("both passed at once (after downtime): escalate only", m(15), List.of(), null, false, false,
                        "2026-03-02T09:00:00Z", new Decision(false, true, null)),
                Arguments.of("breached already: nothing again", m(15), List.of(), null, true, true,
                        "2026-03-02T09:00:00Z", new Decision(false, false, null)),
                Arguments.of("paused: nothing until it resumes", m(15), List.of(pause("2026-03-02T08:05:00Z", null)),
                        null, false, false, "2026-03-02T09:00:00Z", new Decision(false, false, null)),
                Arguments.of("resumed: the thresholds move by the pause", m(15),
                        List.of(pause("2026-03-02T08:05:00Z", "2026-03-02T08:35:00Z")), null, false, false,
                        "2026-03-02T08:35:00Z", new Decision(false, false, t("2026-03-02T08:41:15Z"))),
                Arguments.of("stopped: nothing", m(15), List.of(), "2026-03-02T08:03:00Z", false, false,
                        "2026-03-02T09:00:00Z", new Decision(false, false, null)),
                Arguments.of("priority raised: the shorter target counts from the start, breached now", m(15), List.of(),
                        null, false, false, "2026-03-02T08:20:00Z", new Decision(false, true, null)),
                Arguments.of("priority lowered: the longer target from the start, warning passed", m(240), List.of(),
                        null, false, false, "2026-03-02T11:30:00Z", new Decision(true, false, t("2026-03-02T12:00:00Z"))),
                Arguments.of("priority lowered: the longer target from the start, still before the warning", m(240),
                        List.of(), null, false, false, "2026-03-02T08:20:00Z",
                        new Decision(false, false, t("2026-03-02T11:00:00Z"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesWhatTheWatchDoesR30(String name, Duration target, List<Pause> pauses, String stopped, boolean warned,
            boolean breached, String now, Decision expected) {
        var facts = new Facts(t("2026-03-02T08:00:00Z"), target, null, pauses, stopped == null ? null : t(stopped), 75);
        assertThat(SlaClocks.decide(facts, warned, breached, t(now))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "warning at {0} % of 2 business hours from Friday 16:00 Berlin")
    @MethodSource("warningPercents")
    void theWarningThresholdIsConfigurableAndCountsBusinessHours(int percent, String warnAt) {
        var facts = new Facts(t("2026-03-06T15:00:00Z"), m(120), BERLIN, List.of(), null, percent);
        assertThat(SlaClocks.read(facts, t("2026-03-06T15:00:00Z")).warnAt()).isEqualTo(t(warnAt));
    }

    static Stream<Arguments> warningPercents() {
        return Stream.of(Arguments.of(25, "2026-03-06T15:30:00Z"), Arguments.of(50, "2026-03-06T16:00:00Z"),
                Arguments.of(75, "2026-03-09T08:30:00Z"), Arguments.of(90, "2026-03-09T08:48:00Z"));
    }
}
