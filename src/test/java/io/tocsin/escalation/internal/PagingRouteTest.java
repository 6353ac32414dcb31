package io.tocsin.escalation.internal;

import io.tocsin.escalation.BusinessHours;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which run an alert starts and when (R10, R13; issue 10: "what happens if a minor alert arrives Friday 17:00
 * Berlin"): by severity, the service's policy and owning team, and its business hours.
 */
class PagingRouteTest {

    static final UUID TEAM = new UUID(0, 1);
    static final UUID POLICY = new UUID(0, 2);
    static final int FROM_SEVERITY = 3;
    static final BusinessHours OFFICE = new BusinessHours(ZoneId.of("Europe/Berlin"),
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0),
            Set.of(LocalDate.of(2027, 3, 29)));
    static final BusinessHours NEVER_OPEN = new BusinessHours(ZoneId.of("Europe/Berlin"), Set.of(),
            LocalTime.of(9, 0), LocalTime.of(17, 0), Set.of());
    /** Friday 5 March 2027, 17:00 in Berlin (CET): the office has just closed. */
    static final String FRIDAY_EVENING = "2027-03-05T16:00:00Z";
    static final String MONDAY_OPENING = "2027-03-08T08:00:00Z";
    static final String WEDNESDAY_NOON = "2027-03-10T11:00:00Z";

    /** Expected: the kind ("-" for nobody paged), and when paging starts. */
    record Row(String label, int severity, UUID team, UUID policy, BusinessHours hours, String arrives, String kind,
            String startsAt) {

        @Override
        public String toString() {
            return label;
        }
    }

    static List<Row> routes() {
        return List.of(
                new Row("critical pages the policy at once", 1, TEAM, POLICY, OFFICE, FRIDAY_EVENING, "POLICY",
                        FRIDAY_EVENING),
                new Row("major pages the policy at once", 2, TEAM, POLICY, OFFICE, FRIDAY_EVENING, "POLICY",
                        FRIDAY_EVENING),
                new Row("critical without a policy pages the team", 1, TEAM, null, OFFICE, FRIDAY_EVENING, "TEAM",
                        FRIDAY_EVENING),
                new Row("minor on Friday 17:00 waits for Monday's opening", 3, TEAM, POLICY, OFFICE, FRIDAY_EVENING,
                        "TEAM", MONDAY_OPENING),
                new Row("info waits too", 4, TEAM, POLICY, OFFICE, FRIDAY_EVENING, "TEAM", MONDAY_OPENING),
                new Row("minor within business hours pages the team at once", 3, TEAM, POLICY, OFFICE,
                        WEDNESDAY_NOON, "TEAM", WEDNESDAY_NOON),
                new Row("minor without a team follows the policy, in business hours", 3, null, POLICY, OFFICE,
                        FRIDAY_EVENING, "POLICY", MONDAY_OPENING),
                // Friday 26 March: Monday the 29th is a holiday and summer time began: Tuesday 09:00 CEST.
                new Row("minor skips a holiday after the DST switch", 3, TEAM, POLICY, OFFICE,
                        "2027-03-26T16:30:00Z", "TEAM", "2027-03-30T07:00:00Z"),
                new Row("no business hours set: always open", 3, TEAM, POLICY, null, FRIDAY_EVENING, "TEAM",
                        FRIDAY_EVENING),
                new Row("business hours that never open do not swallow the page", 3, TEAM, POLICY, NEVER_OPEN,
                        FRIDAY_EVENING, "TEAM", FRIDAY_EVENING),
                new Row("neither policy nor team: nobody", 1, null, null, OFFICE, FRIDAY_EVENING, "-", "-"),
                new Row("neither policy nor team, minor: nobody", 3, null, null, OFFICE, FRIDAY_EVENING, "-", "-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void decides(Row row) {
        var route = PagingRoute.decide(row.severity(), FROM_SEVERITY, row.team(), row.policy(), row.hours(),
                Instant.parse(row.arrives()));

        if (row.kind().equals("-")) {
            assertThat(route).isEmpty();
            return;
        }
        assertThat(route).get().satisfies(r -> {
            assertThat(r.kind().name()).isEqualTo(row.kind());
            assertThat(r.startsAt()).isEqualTo(Instant.parse(row.startsAt()));
            assertThat(r.waits()).isEqualTo(!row.startsAt().equals(row.arrives()));
            assertThat(r.arrives()).isEqualTo(Instant.parse(row.arrives()));
            if (r.kind() == Run.Kind.TEAM) {
                assertThat(r.target()).isEqualTo(new Policy.Target(Policy.TargetType.TEAM, TEAM));
                assertThat(r.policyId()).isNull();
            } else {
                assertThat(r.policyId()).isEqualTo(POLICY);
                assertThat(r.target()).isNull();
            }
        });
    }
}
