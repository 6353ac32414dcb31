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
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import io.tocsin.escalation.PolicyImport;
import io.tocsin.escalation.PolicyImport.Kind;
import io.tocsin.importer.internal.Fidelity;
import io.tocsin.importer.internal.opsgenie.OpsgenieMapper;
import io.tocsin.oncall.planning.Restriction;
import io.tocsin.oncall.planning.ShiftLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Opsgenie schedules and escalations in Tocsin's terms (issue 20, R9, R10): each realistic schedule maps exactly
 * or approximately with its reason, and an exact one gives the same person on call as Opsgenie's own rules every
 * 15 minutes for 8 weeks across the 2027 daylight-saving changes.
 */
class OpsgenieMapperTest {

    private static final JsonNode DATA = ImportFixtures.opsgenie();
    private static final PolicyImport.Timing TIMING = PagerDutyMapperTest.TIMING;
    private final OpsgenieMapper mapper = new OpsgenieMapper();

    static Stream<Arguments> schedules() {
        return Stream.of(
                // schedule, fidelity, reason (fragment), layers
                Arguments.of("og-sched-fts", Fidelity.EXACT, null, 3),
                Arguments.of("og-sched-pay", Fidelity.EXACT, null, 2),
                Arguments.of("og-sched-sec", Fidelity.EXACT, null, 2),
                Arguments.of("og-sched-db", Fidelity.APPROXIMATE,
                        "rotations 'Primary' and 'Shadow' overlap (from Monday 09:00): Opsgenie puts both on call", 2));
    }

    @ParameterizedTest(name = "{0} maps {1}")
    @MethodSource("schedules")
    void realisticSchedulesMapAndAgreeWithOpsgenieForEightWeeks(String id, Fidelity fidelity, String reason,
            int layers) {
        var schedule = byId(DATA.get("schedules"), id);
        var overrides = list(DATA.get("overrides").get(id));
        var mapped = mapper.schedule(schedule, overrides, ImportFixtures.ids(DATA), AS_OF);

        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        assertThat(mapped.layers()).hasSize(layers);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
        var expected = ImportFixtures.expected(at -> VendorSemantics.opsgenie(schedule, overrides, at), CHECK_FROM,
                CHECK_TO);
        ImportFixtures.assertEquivalence(mapped, expected);
    }

    @Test
    void followTheSunKeepsZoneRestrictionsAndOrder() {
        var mapped = mapper.schedule(byId(DATA.get("schedules"), "og-sched-fts"), List.of(), ImportFixtures.ids(DATA),
                AS_OF);
        var apac = mapped.layers().getFirst();
        assertThat(apac.name()).isEqualTo("APAC");
        assertThat(apac.rotation().zone().getId()).isEqualTo("UTC");
        assertThat(apac.rotation().length()).isEqualTo(ShiftLength.days(1));
        assertThat(apac.rotation().handoff()).isEqualTo(LocalTime.of(22, 0));
        assertThat(apac.rotation().participants()).containsExactly(uuid("user", "og-aiko"), uuid("user", "og-ben"),
                uuid("user", "og-chloe"));
        assertThat(apac.rotation().restrictions()).containsExactly(Restriction.daily(LocalTime.of(22, 0),
                LocalTime.of(6, 0)));
        assertThat(mapped.layers().get(2).rotation().length()).isEqualTo(ShiftLength.hours(72));
        assertThat(mapped.teamName()).isEqualTo("Platform");
    }

    @Test
    void onlyOverridesStillToComeAreImported() {
        var id = "og-sched-fts";
        var mapped = mapper.schedule(byId(DATA.get("schedules"), id), list(DATA.get("overrides").get(id)),
                ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.overrides()).extracting(o -> o.sourceId()).containsExactly("og-ovr-dst-eu");
    }

    static Stream<Arguments> restrictions() {
        var mon = EnumSet.of(DayOfWeek.MONDAY);
        return Stream.of(
                Arguments.of("{\"type\":\"time-of-day\",\"restriction\":{\"startHour\":22,\"startMin\":0,\"endHour\":6,"
                        + "\"endMin\":0}}", List.of(Restriction.daily(t(22, 0), t(6, 0)))),
                Arguments.of("{\"type\":\"time-of-day\",\"restriction\":{\"startHour\":8,\"startMin\":30,\"endHour\":17,"
                        + "\"endMin\":0}}", List.of(Restriction.daily(t(8, 30), t(17, 0)))),
                Arguments.of(week("monday", 9, 0, "monday", 17, 30), List.of(new Restriction(mon, t(9, 0), t(17, 30)))),
                Arguments.of(week("monday", 8, 0, "tuesday", 18, 30), List.of(new Restriction(mon, t(8, 0), t(8, 0)),
                        new Restriction(EnumSet.of(DayOfWeek.TUESDAY), t(8, 0), t(18, 30)))),
                Arguments.of(week("friday", 17, 0, "monday", 9, 0), List.of(new Restriction(EnumSet.of(
                        DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), t(17, 0), t(17, 0)), new Restriction(EnumSet.of(
                        DayOfWeek.SUNDAY), t(17, 0), t(9, 0)))),
                Arguments.of(week("sunday", 22, 0, "monday", 6, 0), List.of(new Restriction(EnumSet.of(
                        DayOfWeek.SUNDAY), t(22, 0), t(6, 0)))),
                Arguments.of(week("monday", 9, 0, "friday", 17, 0), List.of(new Restriction(EnumSet.range(
                        DayOfWeek.MONDAY, DayOfWeek.THURSDAY), t(9, 0), t(9, 0)), new Restriction(EnumSet.of(
                        DayOfWeek.FRIDAY), t(9, 0), t(17, 0)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restrictions")
    void restrictionsBecomeDailyWindows(String restriction, List<Restriction> expected) {
        var mapped = mapper.schedule(json(schedule(rotation("r", "weekly", 1, "2026-01-05T09:00:00+01:00", null,
                "[" + user("og-dana") + "]", restriction))), List.of(), ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.fidelity()).isEqualTo(Fidelity.EXACT);
        assertThat(mapped.layers().getFirst().rotation().restrictions()).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> rotations() {
        String start = "2026-01-05T09:00:00+01:00";
        String dana = user("og-dana");
        return Stream.of(
                // rotations, fidelity, reason
                Arguments.of(rotation("r", "daily", 1, start, null, "[" + dana + ",{\"type\":\"none\"}]", null),
                        Fidelity.APPROXIMATE, "a turn for nobody ('none')"),
                Arguments.of(rotation("r", "daily", 1, start, null, "[" + dana + ",{\"type\":\"team\",\"id\":\"t1\","
                        + "\"name\":\"Ops\"}]", null), Fidelity.APPROXIMATE, "participant of type 'team' (Ops)"),
                Arguments.of(rotation("r", "daily", 1, start, null, "[" + dana + "," + user("og-stranger") + "]", null),
                        Fidelity.APPROXIMATE, "participant stranger@import.example is not imported"),
                Arguments.of(rotation("r", "daily", 1, start, null, "[" + user("og-stranger") + "]", null),
                        Fidelity.UNMAPPABLE, "nobody Tocsin can put on call"),
                Arguments.of(rotation("r", "monthly", 1, start, null, "[" + dana + "]", null), Fidelity.UNMAPPABLE,
                        "unknown type 'monthly'"),
                Arguments.of(rotation("old", "daily", 1, start, "\"2026-02-01T09:00:00+01:00\"", "[" + dana + "]", null)
                        + "," + rotation("new", "daily", 1, "2026-02-01T09:00:00+01:00", null, "[" + dana + "]", null),
                        Fidelity.EXACT, null),
                Arguments.of(rotation("ends", "daily", 1, start, "\"2027-01-01T09:00:00+01:00\"", "[" + dana + "]",
                        null), Fidelity.APPROXIMATE, "rotation 'ends' ends on 2027-01-01T08:00:00Z"),
                Arguments.of(rotation("a", "daily", 1, start, "\"2027-01-01T09:00:00+01:00\"", "[" + dana + "]", null)
                        + "," + rotation("b", "daily", 1, "2027-01-01T09:00:00+01:00", null, "[" + dana + "]",
                        week("monday", 9, 0, "friday", 17, 0)), Fidelity.APPROXIMATE, "rotation 'a' ends on"),
                Arguments.of(rotation("r", "hourly", 12, start, null, "[" + dana + "]", null), Fidelity.EXACT, null));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("rotations")
    void rotationsMapWithTheirReasons(String rotations, Fidelity fidelity, String reason) {
        var mapped = mapper.schedule(json(schedule(rotations)), List.of(), ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
    }

    @Test
    void anOverrideOfSomeRotationsIsApproximate() {
        var schedule = json(schedule(rotation("a", "daily", 1, "2026-01-05T09:00:00+01:00", null,
                "[" + user("og-dana") + "]", null) + "," + rotation("b", "daily", 1, "2026-01-05T09:00:00+01:00", null,
                "[" + user("og-emil") + "]", null)));
        var override = json("{\"alias\":\"o1\",\"user\":" + user("og-gus") + ",\"startDate\":\"2027-03-01T00:00:00Z\","
                + "\"endDate\":\"2027-03-02T00:00:00Z\",\"rotations\":[{\"id\":\"a\",\"name\":\"a\"}]}");
        var mapped = mapper.schedule(schedule, List.of(override), ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.reasons()).anySatisfy(r -> assertThat(r).contains(
                "override 'o1' replaces only some rotations; Tocsin overrides the whole schedule"));
        assertThat(mapped.overrides()).singleElement().satisfies(o -> assertThat(o.userId()).isEqualTo(
                uuid("user", "og-gus")));
    }

    @Test
    void aDisabledScheduleOrAnUnknownZoneIsNamed() {
        var disabled = json(schedule(rotation("r", "daily", 1, "2026-01-05T09:00:00+01:00", null,
                "[" + user("og-dana") + "]", null)).replace("\"enabled\":true", "\"enabled\":false"));
        assertThat(mapper.schedule(disabled, List.of(), ImportFixtures.ids(DATA), AS_OF).reasons())
                .containsExactly("the schedule is disabled in Opsgenie; Tocsin uses it");
        var badZone = json(schedule("").replace("Europe/Berlin", "Mars/Olympus"));
        var mapped = mapper.schedule(badZone, List.of(), ImportFixtures.ids(DATA), AS_OF);
        assertThat(mapped.fidelity()).isEqualTo(Fidelity.UNMAPPABLE);
        assertThat(mapped.reasons()).containsExactly("time zone 'Mars/Olympus' is not an IANA zone");
    }

    @Test
    void platformEscalationIsExact() {
        var mapped = mapper.escalation(byId(DATA.get("escalations"), "og-esc-platform"), ImportFixtures.ids(DATA),
                TIMING);
        assertThat(mapped.fidelity()).isEqualTo(Fidelity.EXACT);
        assertThat(mapped.definition()).isEqualTo(new PolicyImport.Definition("Platform", "On call, then Dana", 2,
                List.of(level(3, 3, target(Kind.SCHEDULE, "schedule", "og-sched-fts")),
                        level(5, 5, target(Kind.USER, "user", "og-dana")))));
    }

    @Test
    void paymentsEscalationGroupsRulesByDelayAndNamesWhatDiffers() {
        var mapped = mapper.escalation(byId(DATA.get("escalations"), "og-esc-payments"), ImportFixtures.ids(DATA),
                TIMING);
        assertThat(mapped.fidelity()).isEqualTo(Fidelity.APPROXIMATE);
        assertThat(mapped.definition().repeatCount()).isEqualTo(3);
        assertThat(mapped.definition().levels()).containsExactly(
                level(10, 10, target(Kind.SCHEDULE, "schedule", "og-sched-pay")),
                level(50, 20, target(Kind.SCHEDULE, "schedule", "og-sched-sec"), target(Kind.SCHEDULE, "schedule",
                        "og-sched-pay")),
                level(15, 15, target(Kind.TEAM, "team", "og-team-payments")));
        assertThat(mapped.reasons()).containsExactly(
                "rule 3 notifies the 'next' people of schedule Payments business hours; Tocsin pages whoever is on call",
                "rule 4 notifies team Payments through the team's own routing in Opsgenie; Tocsin pages all its members",
                "level 2 (50 min): a Tocsin level moves on after at most 20 unanswered attempts 1 min apart, after"
                        + " 20 min (a tocsin.escalation.repeat-interval of 150 s or more makes it exact)");
    }

    static Stream<Arguments> escalations() {
        return Stream.of(
                // rules, repeat, fidelity, reason
                Arguments.of(rule("if-not-acked", 5, "minutes", user("og-dana")), null, Fidelity.APPROXIMATE,
                        "the first rule waits 5 minutes; Tocsin's first level pages at once"),
                Arguments.of(rule("if-not-closed", 0, "minutes", user("og-dana")), null, Fidelity.APPROXIMATE,
                        "rule 1 notifies until the alert is closed; Tocsin stops on acknowledgement"),
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")) + ","
                        + rule("if-not-acked", 2, "days", user("og-emil")), null, Fidelity.APPROXIMATE,
                        "level 1 waits 2880 minutes; Tocsin waits at most 1440"),
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")), "{\"waitInterval\":1,\"count\":20}",
                        Fidelity.APPROXIMATE, "the escalation repeats 20 times; Tocsin repeats at most 10"),
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-stranger")), null, Fidelity.UNMAPPABLE,
                        "no rule reaches anybody Tocsin knows"),
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")) + ","
                        + rule("if-not-acked", 1, "minutes", user("og-stranger")), null, Fidelity.APPROXIMATE,
                        "rule 2 notifies user stranger@import.example, which is not imported; left out"),
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")) + ","
                        + rule("if-not-acked", 2, "minutes", user("og-emil")), "{\"waitInterval\":3,\"count\":1}",
                        Fidelity.EXACT, null),
                // The repeat's wait is the last level's length: too long for 20 attempts a minute apart.
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")) + ","
                        + rule("if-not-acked", 2, "minutes", user("og-emil")), "{\"waitInterval\":45,\"count\":1}",
                        Fidelity.APPROXIMATE, "level 2 (45 min): a Tocsin level moves on after at most 20 unanswered"
                                + " attempts 1 min apart, after 20 min (a tocsin.escalation.repeat-interval of 135 s"),
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")) + ","
                        + rule("if-not-acked", 2, "minutes", user("og-emil")), "{\"waitInterval\":0,\"count\":1}",
                        Fidelity.APPROXIMATE, "level 2 waits 0 minutes; Tocsin waits at least 1 minute"),
                // Without a repeat nothing follows the last level: its length does not matter.
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")) + ","
                        + rule("if-not-acked", 90, "minutes", user("og-emil")), null, Fidelity.APPROXIMATE,
                        "level 1 (90 min): a Tocsin level moves on"),
                Arguments.of(rule("if-not-acked", 0, "minutes", user("og-dana")) + ","
                        + rule("if-not-acked", 20, "minutes", user("og-emil")), null, Fidelity.EXACT, null));
    }

    @ParameterizedTest(name = "{2}: {3}")
    @MethodSource("escalations")
    void escalationRulesMapWithTheirReasons(String rules, String repeat, Fidelity fidelity, String reason) {
        var escalation = json("{\"id\":\"e1\",\"name\":\"E\",\"rules\":[" + rules + "]"
                + (repeat == null ? "" : ",\"repeat\":" + repeat) + "}");
        var mapped = mapper.escalation(escalation, ImportFixtures.ids(DATA), TIMING);
        assertThat(mapped.fidelity()).isEqualTo(fidelity);
        ImportFixtures.assertReasons(mapped.reasons(), reason);
    }

    private static PolicyImport.Level level(int timeout, int attempts, PolicyImport.Target... targets) {
        return new PolicyImport.Level(timeout, attempts, List.of(targets));
    }

    private static PolicyImport.Target target(Kind kind, String idKind, String id) {
        return new PolicyImport.Target(kind, uuid(idKind, id));
    }

    private static LocalTime t(int h, int m) {
        return LocalTime.of(h, m);
    }

    private static String user(String id) {
        return "{\"type\":\"user\",\"id\":\"" + id + "\",\"username\":\"" + id.substring(3) + "@import.example\"}";
    }

    private static String week(String startDay, int sh, int sm, String endDay, int eh, int em) {
        return "{\"type\":\"weekday-and-time-of-day\",\"restrictions\":[{\"startDay\":\"" + startDay + "\",\"startHour\":"
                + sh + ",\"startMin\":" + sm + ",\"endDay\":\"" + endDay + "\",\"endHour\":" + eh + ",\"endMin\":" + em
                + "}]}";
    }

    private static String rotation(String id, String type, int length, String start, String end, String participants,
            String restriction) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"type\":\"" + type + "\",\"length\":" + length
                + ",\"startDate\":\"" + start + "\",\"endDate\":" + end + ",\"participants\":" + participants
                + (restriction == null ? "" : ",\"timeRestriction\":" + restriction) + ",\"unknownField\":1}";
    }

    private static String rule(String condition, int amount, String unit, String recipient) {
        return "{\"condition\":\"" + condition + "\",\"notifyType\":\"default\",\"delay\":{\"timeAmount\":" + amount
                + ",\"timeUnit\":\"" + unit + "\"},\"recipient\":" + recipient + "}";
    }

    private static String schedule(String rotations) {
        return "{\"id\":\"s1\",\"name\":\"S\",\"timezone\":\"Europe/Berlin\",\"enabled\":true,\"rotations\":["
                + rotations + "]}";
    }
}
