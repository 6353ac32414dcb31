package io.tocsin.importer;

import static io.tocsin.importer.ImportFixtures.AS_OF;
import static io.tocsin.importer.ImportFixtures.CHECK_FROM;
import static io.tocsin.importer.ImportFixtures.CHECK_TO;
import static io.tocsin.importer.ImportFixtures.byId;
import static io.tocsin.importer.ImportFixtures.json;
import static io.tocsin.importer.ImportFixtures.list;
import static io.tocsin.importer.ImportFixtures.uuid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import io.tocsin.escalation.PolicyImport;
import io.tocsin.escalation.PolicyImport.Kind;
import io.tocsin.importer.internal.Fidelity;
import io.tocsin.importer.internal.pagerduty.PagerDutyMapper;
import io.tocsin.oncall.planning.Restriction;
import io.tocsin.oncall.planning.ShiftLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty schedules and escalation policies in Tocsin's terms (issue 20, R9, R10): layers, restrictions,
 * overrides and loops; an exact schedule gives the same person on call as PagerDuty's own rules every 15 minutes
 * for 8 weeks across the 2027 daylight-saving changes.
 */
class PagerDutyMapperTest {

    private static final JsonNode DATA = ImportFixtures.pagerDuty();
    /** Tocsin's defaults: a repeat every minute, at most 20 attempts a level, 3 when it does not say. */
    static final PolicyImport.Timing TIMING = new PolicyImport.Timing(Duration.ofMinutes(1), 20, 3);
    private final PagerDutyMapper mapper = new PagerDutyMapper();

    static Stream<Arguments> schedules() {
        return Stream.of(
                Arguments.of("PSFTS", Fidelity.EXACT, null, 3),
                Arguments.of("PSPAY", Fidelity.EXACT, null, 2),
                Arguments.of("PSSEC", Fidelity.EXACT, null, 2),
                Arguments.of("PSODD", Fidelity.APPROXIMATE, "layer 'Drills' has turns of 5400 s; Tocsin counts whole"
                        + " hours (2 h)", 1));
    }

    @ParameterizedTest(name = "{0} maps {1}")
    @MethodSource("schedules")
    void realisticSchedulesMapAndAgreeWithPagerDutyForEightWeeks(String id, Fidelity fidelity, String reason,
            int layers) {
        var schedule = byId(DATA.get("schedules"), id);
        var overrides = list(DATA.get("overrides").get(id));
        var mapped = mapper.schedule(schedule, overrides, ImportFixtures.ids(DATA), AS_OF);

        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        assertThat(mapped.layers()).hasSize(layers);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
        var expected = ImportFixtures.expected(at -> VendorSemantics.single(VendorSemantics.pagerDuty(schedule,
                overrides, at)), CHECK_FROM, CHECK_TO);
        ImportFixtures.assertEquivalence(mapped, expected);
    }

    @Test
    void layersAreStackedLowestFirstAndStartAtTheirTurn() {
        var mapped = mapper.schedule(byId(DATA.get("schedules"), "PSPAY"), list(DATA.get("overrides").get("PSPAY")),
                ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.layers()).extracting(l -> l.name()).containsExactly("Base", "Weekdays");
        var weekdays = mapped.layers().get(1).rotation();
        // Starts mid-turn on Wednesday 7 January: Tocsin starts at that turn's Monday hand-off.
        assertThat(weekdays.startsAt()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(weekdays.handoff()).isEqualTo(LocalTime.of(9, 0));
        assertThat(weekdays.length()).isEqualTo(ShiftLength.weeks(1));
        assertThat(mapped.teamName()).isEqualTo("Payments");
        assertThat(mapped.overrides()).extracting(o -> o.sourceId()).containsExactly("POEU");
    }

    @Test
    void theTurnRunningAtTheStartComesFirst() {
        // Virtual start three daily turns before the start: the fourth person (index 3 mod 2 = 1) comes first.
        var schedule = json(schedule(layer("L", "2026-01-08T09:00:00+01:00", null, "2026-01-05T09:00:00+01:00", 86400,
                "[" + user("PDDANA") + "," + user("PDEMIL") + "]", "[]")));
        var mapped = mapper.schedule(schedule, List.of(), ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.layers().getFirst().rotation().participants()).containsExactly(uuid("user", "PDEMIL"),
                uuid("user", "PDDANA"));
        assertThat(mapped.layers().getFirst().rotation().startsAt()).isEqualTo(Instant.parse("2026-01-08T08:00:00Z"));
    }

    static Stream<Arguments> restrictions() {
        return Stream.of(
                Arguments.of(daily("08:00:00", 28800), List.of(Restriction.daily(t(8, 0), t(16, 0)))),
                Arguments.of(daily("22:00:00", 28800), List.of(Restriction.daily(t(22, 0), t(6, 0)))),
                Arguments.of(daily("09:00:00", 86400), List.of(Restriction.daily(t(9, 0), t(9, 0)))),
                Arguments.of(weekly(1, "09:00:00", 374400), List.of(new Restriction(EnumSet.range(DayOfWeek.MONDAY,
                        DayOfWeek.THURSDAY), t(9, 0), t(9, 0)), new Restriction(EnumSet.of(DayOfWeek.FRIDAY),
                        t(9, 0), t(17, 0)))),
                Arguments.of(weekly(6, "00:00:00", 172800), List.of(new Restriction(EnumSet.of(DayOfWeek.SATURDAY,
                        DayOfWeek.SUNDAY), t(0, 0), t(0, 0)))),
                Arguments.of(weekly(5, "18:00:00", 223200), List.of(new Restriction(EnumSet.of(DayOfWeek.FRIDAY,
                        DayOfWeek.SATURDAY), t(18, 0), t(18, 0)), new Restriction(EnumSet.of(DayOfWeek.SUNDAY),
                        t(18, 0), t(8, 0)))),
                Arguments.of(daily("08:00:00", 28800) + "," + daily("20:00:00", 3600), List.of(
                        Restriction.daily(t(8, 0), t(16, 0)), Restriction.daily(t(20, 0), t(21, 0)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restrictions")
    void restrictionsBecomeDailyWindows(String restrictions, List<Restriction> expected) {
        var mapped = mapper.schedule(json(schedule(layer("L", "2026-01-05T09:00:00+01:00", null,
                "2026-01-05T09:00:00+01:00", 604800, "[" + user("PDDANA") + "]", "[" + restrictions + "]"))), List.of(),
                ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.fidelity()).isEqualTo(Fidelity.EXACT);
        assertThat(mapped.layers().getFirst().rotation().restrictions()).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> layers() {
        String start = "2026-01-05T09:00:00+01:00";
        String dana = "[" + user("PDDANA") + "]";
        return Stream.of(
                // layers (highest first), fidelity, reason
                Arguments.of(layer("L", start, null, start, 43200, dana, "[]"), Fidelity.EXACT, null),
                Arguments.of(layer("L", "2027-01-06T12:00:00+01:00", null, start, 604800, dana, "[]"),
                        Fidelity.APPROXIMATE, "layer 'L' starts on 2027-01-06T11:00:00Z in the middle of a turn"),
                Arguments.of(layer("L", start, "\"2027-01-01T00:00:00Z\"", start, 86400, dana, "[]"),
                        Fidelity.APPROXIMATE, "layer 'L' ends on 2027-01-01T00:00:00Z; Tocsin layers do not end"),
                Arguments.of(layer("Old", start, "\"2026-02-01T00:00:00Z\"", start, 86400, dana, "[]"), Fidelity.UNMAPPABLE,
                        "no layer with people in it is left to import"),
                Arguments.of(layer("L", start, null, start, 86400, "[" + user("PDDANA") + "," + user("PDNOBODY") + "]",
                        "[]"), Fidelity.APPROXIMATE, "layer 'L': Nobody is not imported; left out"),
                Arguments.of(layer("L", start, null, start, 86400, dana, "[" + daily("08:00:30", 3600) + "]"),
                        Fidelity.APPROXIMATE, "layer 'L' has a restriction to the second; Tocsin counts minutes"),
                Arguments.of(layer("Top", "2027-01-01T00:00:00Z", null, "2027-01-01T00:00:00Z", 86400, dana,
                        "[" + daily("09:00:00", 3600) + "]") + "," + layer("Bottom", start, "\"2027-01-01T00:00:00Z\"",
                        start, 86400, dana, "[]"), Fidelity.APPROXIMATE, "layer 'Bottom' ends on"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("layers")
    void layersMapWithTheirReasons(String layers, Fidelity fidelity, String reason) {
        var mapped = mapper.schedule(json(schedule(layers)), List.of(), ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
    }

    @Test
    void platformPolicyIsExactWithItsLoops() {
        var mapped = mapper.policy(byId(DATA.get("escalation_policies"), "PEPLAT"), ImportFixtures.ids(DATA),
                TIMING);
        assertThat(mapped.fidelity()).isEqualTo(Fidelity.EXACT);
        assertThat(mapped.definition()).isEqualTo(new PolicyImport.Definition("Platform (PD)",
                "On call, then the Berlin lead", 2, List.of(
                        new PolicyImport.Level(3, 3, List.of(new PolicyImport.Target(Kind.SCHEDULE,
                                uuid("schedule", "PSFTS")))),
                        new PolicyImport.Level(3, 3, List.of(new PolicyImport.Target(Kind.USER, uuid("user",
                                "PDDANA")))))));
        assertThat(mapped.serviceSourceIds()).containsExactly("PSVCAPI");
    }

    static Stream<Arguments> policies() {
        return Stream.of(
                // policy, repeat interval, fidelity, attempts per level, reason (issue 20 point 1)
                Arguments.of("PEPAY", Duration.ofMinutes(1), Fidelity.APPROXIMATE, List.of(20, 15, 10),
                        "level 1 (30 min): a Tocsin level moves on after at most 20 unanswered attempts 1 min apart,"
                                + " after 20 min (a tocsin.escalation.repeat-interval of 90 s or more makes it exact)"),
                Arguments.of("PEPAY", Duration.ofSeconds(90), Fidelity.EXACT, List.of(20, 10, 7), null),
                Arguments.of("PEPAY", Duration.ofMinutes(2), Fidelity.EXACT, List.of(15, 8, 5), null),
                Arguments.of("PEPLAT", Duration.ofMinutes(1), Fidelity.EXACT, List.of(3, 3), null));
    }

    /**
     * Each rule's delay becomes its level's timeout and the attempts that make the level last exactly that long, so
     * Tocsin escalates when PagerDuty does; a rule longer than the most attempts allow is named (issue 20 point 1).
     */
    @ParameterizedTest(name = "{0} with a repeat every {1}: {2} {3}")
    @MethodSource("policies")
    void policiesEscalateWhenPagerDutyDoes(String id, Duration interval, Fidelity fidelity, List<Integer> attempts,
            String reason) {
        var timing = new PolicyImport.Timing(interval, 20, 3);
        var mapped = mapper.policy(byId(DATA.get("escalation_policies"), id), ImportFixtures.ids(DATA), timing);
        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
        assertThat(mapped.definition().levels()).extracting(PolicyImport.Level::attempts)
                .containsExactlyElementsOf(attempts);
        var levels = mapped.definition().levels();
        var rules = byId(DATA.get("escalation_policies"), id).get("escalation_rules");
        Instant start = Instant.parse("2027-03-08T08:00:00Z");
        for (int i = 0; i < levels.size(); i++) {
            // Escalation's own rule for when a level moves on, against PagerDuty's delay.
            var rule = new io.tocsin.escalation.internal.EscalationStep.LevelRule(
                    Duration.ofMinutes(levels.get(i).timeoutMinutes()), levels.get(i).attempts());
            var source = start.plus(Duration.ofMinutes(rules.get(i).get("escalation_delay_in_minutes").asLong()));
            if (fidelity == Fidelity.EXACT || i > 0) {
                assertThat(rule.endsAt(start, interval)).as("level %d moves on when PagerDuty's rule %d does", i + 1,
                        i + 1).isEqualTo(source);
            } else {
                assertThat(rule.endsAt(start, interval)).isBefore(source);
            }
        }
        if (id.equals("PEPAY")) {
            assertThat(mapped.definition().repeatCount()).isEqualTo(3);
            assertThat(mapped.definition().levels()).extracting(PolicyImport.Level::timeoutMinutes)
                    .containsExactly(30, 15, 10);
            assertThat(mapped.definition().levels().get(1).targets()).containsExactly(
                    new PolicyImport.Target(Kind.SCHEDULE, uuid("schedule", "PSSEC")),
                    new PolicyImport.Target(Kind.USER, uuid("user", "PDGUS")));
        }
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(rule(5, "{\"id\":\"PDDANA\",\"type\":\"user_reference\"}"), 12, Fidelity.APPROXIMATE,
                        "the policy repeats 12 times; Tocsin repeats at most 10"),
                Arguments.of(rule(2000, "{\"id\":\"PDDANA\",\"type\":\"user\"}"), 0, Fidelity.APPROXIMATE,
                        "rule 1 waits 2000 minutes; Tocsin waits at most 1440"),
                Arguments.of(rule(1, "{\"id\":\"PDDANA\",\"type\":\"user_reference\"}") + ","
                        + rule(1, "{\"id\":\"X\",\"type\":\"escalation_policy_reference\"}"), 0, Fidelity.APPROXIMATE,
                        "rule 2 targets a 'escalation_policy_reference'; left out"),
                Arguments.of(rule(1, "{\"id\":\"PDNOBODY\",\"type\":\"user_reference\",\"summary\":\"Nobody\"}"), 0,
                        Fidelity.UNMAPPABLE, "rule 1 targets Nobody (PDNOBODY), which is not imported; left out"),
                Arguments.of(rule(1, "{\"id\":\"PDDANA\",\"type\":\"user_reference\"}"), 9, Fidelity.EXACT, null));
    }

    @ParameterizedTest(name = "{2}: {3}")
    @MethodSource("rules")
    void rulesMapWithTheirReasons(String rules, int loops, Fidelity fidelity, String reason) {
        var policy = json("{\"id\":\"P1\",\"name\":\"P\",\"num_loops\":" + loops + ",\"escalation_rules\":[" + rules
                + "]}");
        var mapped = mapper.policy(policy, ImportFixtures.ids(DATA), TIMING);
        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
    }

    private static LocalTime t(int h, int m) {
        return LocalTime.of(h, m);
    }

    private static String user(String id) {
        return "{\"user\":{\"id\":\"" + id + "\",\"type\":\"user_reference\",\"summary\":\"" + id.charAt(2)
                + id.substring(3).toLowerCase() + "\"}}";
    }

    private static String daily(String time, int seconds) {
        return "{\"type\":\"daily_restriction\",\"start_time_of_day\":\"" + time + "\",\"duration_seconds\":" + seconds
                + "}";
    }

    private static String weekly(int day, String time, int seconds) {
        return "{\"type\":\"weekly_restriction\",\"start_day_of_week\":" + day + ",\"start_time_of_day\":\"" + time
                + "\",\"duration_seconds\":" + seconds + "}";
    }

    private static String layer(String name, String start, String end, String virtualStart, int seconds, String users,
            String restrictions) {
        return "{\"id\":\"" + name + "\",\"name\":\"" + name + "\",\"start\":\"" + start + "\",\"end\":" + end
                + ",\"rotation_virtual_start\":\"" + virtualStart + "\",\"rotation_turn_length_seconds\":" + seconds
                + ",\"users\":" + users + ",\"restrictions\":" + restrictions + ",\"rendered_coverage_percentage\":100}";
    }

    private static String rule(int delay, String target) {
        return "{\"id\":\"R\",\"escalation_delay_in_minutes\":" + delay + ",\"targets\":[" + target + "]}";
    }

    private static String schedule(String layers) {
        return "{\"id\":\"S1\",\"name\":\"S\",\"time_zone\":\"Europe/Berlin\",\"schedule_layers\":[" + layers + "]}";
    }
}
