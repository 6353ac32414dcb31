package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What the API can say about time (issue 10, R10, R13): a service's business hours at any instant, and what an
 * alert of any severity arriving at any instant would do: the route, the wait for business hours, then who is
 * paged when, by whoever is on call at that time.
 */
class EscalationTimeApiTest extends EscalationTestSupport {

    /** Friday 5 March 2027, 17:00 in Berlin. */
    static final String FRIDAY_FIVE_PM = "2027-03-05T16:00:00Z";

    /** Berlin office hours with Easter Monday 2027 off. */
    void officeHours(String serviceId) {
        berlinOfficeHours(serviceId, "2027-03-29");
    }

    JsonNode state(String serviceId, String at) {
        return responder("Sam State").api().get("/api/v1/services/" + serviceId + "/business-hours/state"
                + (at == null ? "" : "?at=" + at)).expect(200).json();
    }

    static String moment(JsonNode m) {
        return m.isNull() ? "-" : m.get("utc").asString() + " " + m.get("local").asString();
    }

    @Test
    void theBusinessHoursStateAtAnyInstantInUtcAndTheServicesZone() {
        String serviceId = service(null);
        officeHours(serviceId);

        var friday = state(serviceId, FRIDAY_FIVE_PM);
        assertThat(friday.get("configured").asBoolean()).isTrue();
        assertThat(friday.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(friday.get("open").asBoolean()).as("17:00 is closed").isFalse();
        assertThat(moment(friday.get("at"))).isEqualTo("2027-03-05T16:00:00Z 2027-03-05T17:00:00+01:00");
        assertThat(moment(friday.get("nextOpening"))).isEqualTo("2027-03-08T08:00:00Z 2027-03-08T09:00:00+01:00");
        assertThat(moment(friday.get("nextClosing"))).isEqualTo("2027-03-08T16:00:00Z 2027-03-08T17:00:00+01:00");
        // The same instant with its Berlin offset (the "+" encoded).
        assertThat(state(serviceId, "2027-03-05T17:00:00%2B01:00")).isEqualTo(friday);

        var wednesday = state(serviceId, "2027-03-10T10:00:00Z");
        assertThat(wednesday.get("open").asBoolean()).isTrue();
        assertThat(moment(wednesday.get("nextClosing"))).isEqualTo("2027-03-10T16:00:00Z 2027-03-10T17:00:00+01:00");
        assertThat(moment(wednesday.get("nextOpening"))).isEqualTo("2027-03-11T08:00:00Z 2027-03-11T09:00:00+01:00");

        // Summer time begins on 28 March; Easter Monday is a holiday: Tuesday 09:00 CEST.
        var easter = state(serviceId, "2027-03-26T16:30:00Z");
        assertThat(moment(easter.get("nextOpening"))).isEqualTo("2027-03-30T07:00:00Z 2027-03-30T09:00:00+02:00");
        var holiday = state(serviceId, "2027-03-29T09:00:00Z");
        assertThat(holiday.get("holiday").asBoolean()).isTrue();
        assertThat(holiday.get("open").asBoolean()).isFalse();

        var now = state(serviceId, null);
        assertThat(Instant.parse(now.get("at").get("utc").asString())).isEqualTo(clock.instant());

        // No business hours: always open, as escalation treats it.
        var always = state(service(null), FRIDAY_FIVE_PM);
        assertThat(always.get("configured").asBoolean()).isFalse();
        assertThat(always.get("open").asBoolean()).isTrue();
        assertThat(always.get("nextOpening").isNull()).isTrue();

        var api = responder("Bea Badinput").api();
        for (String bad : new String[] {"friday", "2027-03-05", "2027-02-30T10:00:00Z"}) {
            assertField(api.get("/api/v1/services/" + serviceId + "/business-hours/state?at=" + bad), "at");
        }
        api.get("/api/v1/services/" + java.util.UUID.randomUUID() + "/business-hours/state").expect(404);
    }

    @Test
    void aMinorAlertArrivingFridayFivePmBerlinWaitsForMondaysOpeningThenPagesWhoIsOnCallThen() {
        var anna = emailResponder("Anna Friday");
        var ben = emailResponder("Ben Monday");
        String teamId = team(anna, ben);
        // Anna is on call the week of 1 March, Ben from Monday 8 March 09:00.
        String scheduleId = weeklyFromMarch2027(teamId, anna, ben);
        var policy = policy(0, level(5, Map.of("type", "SCHEDULE", "id", scheduleId)));
        // No owning team: a minor alert follows the policy, within business hours.
        String serviceId = service(null);
        assign(serviceId, policy);
        officeHours(serviceId);
        long runsBefore = count("escalation_run");

        var minor = preview(serviceId, FRIDAY_FIVE_PM, "3").expect(200).json();
        assertThat(minor.get("route").asString()).isEqualTo("POLICY");
        assertThat(minor.get("routeName").asString()).isEqualTo(policy.get("name").asString());
        assertThat(minor.get("waitsForBusinessHours").asBoolean()).isTrue();
        assertThat(minor.get("pagingStartsAt").asString()).isEqualTo("2027-03-08T08:00:00Z");
        assertThat(minor.get("waitDuration").asString()).isEqualTo("PT64H");
        assertThat(minor.get("waitMinutes").asLong()).isEqualTo(64 * 60);
        assertThat(minor.get("businessHours").get("open").asBoolean()).isFalse();
        assertThat(moment(minor.get("businessHours").get("nextOpening")))
                .isEqualTo("2027-03-08T08:00:00Z 2027-03-08T09:00:00+01:00");
        assertThat(steps(minor)).containsExactly("1 Ben Monday EMAIL 2027-03-08T08:00:00Z",
                "1 Ben Monday EMAIL 2027-03-08T08:01:00Z", "1 Ben Monday EMAIL 2027-03-08T08:02:00Z");

        // A critical alert at the same instant pages at once, whoever is on call on Friday.
        var critical = preview(serviceId, FRIDAY_FIVE_PM, "1").expect(200).json();
        assertThat(critical.get("waitsForBusinessHours").asBoolean()).isFalse();
        assertThat(critical.get("waitMinutes").asLong()).isZero();
        assertThat(critical.get("pagingStartsAt").asString()).isEqualTo(FRIDAY_FIVE_PM);
        assertThat(steps(critical)).first().isEqualTo("1 Anna Friday EMAIL " + FRIDAY_FIVE_PM);

        // The policy's own preview at the same instant agrees (it knows no severity: that is the service's).
        var policySteps = responder("Pete Policy").api().get("/api/v1/escalation-policies/" + policy.get("id")
                .asString() + "/preview?at=" + FRIDAY_FIVE_PM).expect(200).json();
        assertThat(policySteps.get(0).get("name").asString()).isEqualTo("Anna Friday");
        assertThat(policySteps.get(0).get("at").asString()).isEqualTo(FRIDAY_FIVE_PM);
        assertThat(count("escalation_run")).as("a preview starts nothing").isEqualTo(runsBefore);
    }

    @Test
    void withAnOwningTeamAMinorAlertPagesTheTeamAndServicesWithNeitherPageNobody() {
        var tina = emailResponder("Tina Owner");
        String teamId = team(tina);
        String serviceId = service(teamId);
        assign(serviceId, policy(0, level(5, user(responder("Paul Policy")))));
        officeHours(serviceId);

        var minor = preview(serviceId, FRIDAY_FIVE_PM, "4").expect(200).json();
        assertThat(minor.get("route").asString()).isEqualTo("TEAM");
        assertThat(minor.get("teamId").asString()).isEqualTo(teamId);
        assertThat(minor.get("routeName").asString()).startsWith("team-");
        assertThat(minor.get("pagingStartsAt").asString()).isEqualTo("2027-03-08T08:00:00Z");
        assertThat(steps(minor)).first().isEqualTo("1 Tina Owner EMAIL 2027-03-08T08:00:00Z");
        assertThat(minor.get("levels").get(0).get("steps").get(0).get("via").asString()).startsWith("team ");

        var nobody = preview(service(null), FRIDAY_FIVE_PM, "1").expect(200).json();
        assertThat(nobody.get("route").asString()).isEqualTo("NONE");
        assertThat(nobody.get("levels")).isEmpty();
        assertThat(nobody.get("businessHours").get("configured").asBoolean()).isFalse();
    }

    @Test
    void thePreviewAgreesWithWhatARealAlertThenDoes() {
        var tara = emailResponder("Tara Tomorrow");
        String serviceId = service(team(tara));
        var tomorrow = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        admin().put("/api/v1/services/" + serviceId + "/business-hours", Map.of("timeZone", "UTC",
                "days", List.of(tomorrow.getDayOfWeek().name()), "start", "09:00", "end", "17:00")).expect(200);

        // No "at": now. Then the same alert for real.
        var preview = responder("Nora Now").api().get("/api/v1/services/" + serviceId
                + "/escalation-preview?severity=3").expect(200).json();
        assertThat(Instant.parse(preview.get("at").asString())).isEqualTo(clock.instant());
        trigger(integration(serviceId), "tomorrow", "warning");
        var run = runOfAlert(alertId(serviceId, "tomorrow"));
        assertThat(run.get("status").asString()).isEqualTo("WAITING");
        assertThat(run.get("kind").asString()).isEqualTo(preview.get("route").asString());
        assertThat(Instant.parse(run.get("nextStepAt").asString()))
                .isEqualTo(Instant.parse(preview.get("pagingStartsAt").asString()))
                .isEqualTo(tomorrow.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    @Test
    void badInstantsAndSeveritiesAreRefusedNamingTheParameter() {
        String serviceId = service(null);
        for (String severity : new String[] {"0", "9", "-1", "high"}) {
            assertField(preview(serviceId, FRIDAY_FIVE_PM, severity), "severity");
        }
        assertField(preview(serviceId, "next-friday", "3"), "at");
        assertField(preview(serviceId, "2027-03-05T25:00:00Z", "3"), "at");
        var policy = policy(0, level(5, user(responder("Ida Instant"))));
        assertField(admin().get("/api/v1/escalation-policies/" + policy.get("id").asString() + "/preview?at=soon"),
                "at");
        preview(java.util.UUID.randomUUID().toString(), FRIDAY_FIVE_PM, "3").expect(404);
    }

    Api.Response preview(String serviceId, String at, String severity) {
        return responder("Vera Viewer").api().get("/api/v1/services/" + serviceId + "/escalation-preview?at=" + at
                + "&severity=" + severity);
    }

    static void assertField(Api.Response response, String field) {
        response.expect(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    /** "level name channel at" of every notification, level by level. */
    static List<String> steps(JsonNode preview) {
        var lines = new ArrayList<String>();
        preview.get("levels").forEach(l -> l.get("steps").forEach(s -> lines.add(s.get("level").asInt() + " "
                + s.get("name").asString() + " " + (s.get("channel").isNull() ? "UNREACHABLE" : s.get("channel")
                        .asString()) + " " + s.get("at").asString())));
        return lines;
    }
}
