package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Severity 3 reaches the owning team only within business hours and waits for them otherwise (R13); a new major
 * incident pages the incident manager on call until an incident manager is assigned (R8); the incident timeline
 * shows who was paged, when, how, and who acknowledged (issue point 8).
 */
class BusinessHoursAndImocTest extends EscalationTestSupport {

    @Test
    void severityThreeOutsideBusinessHoursWaitsUntilTheyBeginR13() {
        var tina = emailResponder("Tina Team");
        String serviceId = service(team(tina));
        var now = clock.instant().atZone(ZoneOffset.UTC);
        var tomorrow = now.toLocalDate().plusDays(1);
        admin().put("/api/v1/services/" + serviceId + "/business-hours", Map.of("timeZone", "UTC",
                "days", List.of(tomorrow.getDayOfWeek().name()), "start", "09:00", "end", "17:00",
                "holidays", List.of("2030-12-24"))).expect(200);
        String key = integration(serviceId);

        trigger(key, "slow-queries", "warning");
        worker.deliverDue();
        String alertId = alertId(serviceId, "slow-queries");
        var run = runOfAlert(alertId);
        assertThat(run.get("status").asString()).isEqualTo("WAITING");
        Instant opening = tomorrow.atTime(9, 0).toInstant(ZoneOffset.UTC);
        assertThat(Instant.parse(run.get("nextStepAt").asString())).isEqualTo(opening);
        assertThat(mailTo(tina.destination())).isEmpty();

        clock.advance(Duration.between(clock.instant(), opening).minusMinutes(1));
        timers.runDue();
        worker.deliverDue();
        assertThat(mailTo(tina.destination())).as("still closed a minute before opening").isEmpty();

        minutesPass(1);
        assertThat(mailTo(tina.destination())).as("paged when business hours begin").hasSize(1);
        assertThat(runOfAlert(alertId).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(runOfAlert(alertId).get("pages").get(0).get("via").asString()).startsWith("team ");
    }

    @Test
    void severityThreeWithinBusinessHoursPagesTheOwningTeamAtOnce() {
        var tom = emailResponder("Tom Team");
        String serviceId = service(team(tom));
        admin().put("/api/v1/services/" + serviceId + "/business-hours", Map.of("timeZone", "UTC",
                "days", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                "start", "00:00", "end", "23:59", "holidays", List.of())).expect(200);
        String key = integration(serviceId);
        // Not at 23:59: the business day would be over.
        var local = clock.instant().atZone(ZoneOffset.UTC).toLocalTime();
        if (local.isAfter(java.time.LocalTime.of(23, 50))) {
            clock.advance(Duration.ofMinutes(15));
        }
        trigger(key, "warn-now", "warning");
        worker.deliverDue();
        assertThat(mailTo(tom.destination())).hasSize(1);
    }

    @Test
    void badBusinessHoursAreRefusedAndNothingIsStored() {
        String serviceId = service(null);
        var problem = admin().put("/api/v1/services/" + serviceId + "/business-hours", Map.of("timeZone", "Mars/Olympus",
                "days", List.of("FUNDAY"), "start", "17:00", "end", "09:00", "holidays", List.of("tomorrow"))).expect(422)
                .json();
        assertThat(problem.toString()).contains("timeZone").contains("days").contains("end").contains("holidays");
        admin().get("/api/v1/services/" + serviceId + "/business-hours").expect(404);
        responder("Rolf").api().put("/api/v1/services/" + serviceId + "/business-hours", Map.of()).expect(403);
    }

    @Test
    void aNewMajorIncidentPagesTheImocUntilAnIncidentManagerIsAssignedR8() {
        var ivan = emailResponder("Ivan Imoc");
        var mia = responder("Mia Manager");
        String teamId = team(ivan, mia);
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        String scheduleId = admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", "imoc-" + System.nanoTime(),
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("name", "IMOC", "participants", List.of(ivan.id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString()))))
                .expect(201).json().get("id").asString();
        admin().put("/api/v1/on-call/imoc", Map.of("scheduleId", scheduleId)).expect(200);

        var incident = mia.api().post("/api/v1/incidents", Map.of("summary", "Payments failing for everyone",
                "severity", 1)).expect(201).json();
        String incidentKey = incident.get("key").asString();
        worker.deliverDue();
        assertThat(mailTo(ivan.destination())).hasSize(1);
        assertThat(subjectOf(mailTo(ivan.destination()).getFirst())).startsWith("[" + incidentKey + "]")
                .contains("Payments failing");
        minutesPass(1);
        assertThat(mailTo(ivan.destination())).as("the IMOC is reminded every minute").hasSize(2);
        minutesPass(3);
        assertThat(mailTo(ivan.destination())).as("the IMOC level never escalates away, it keeps paging").hasSize(5);

        mia.api().post("/api/v1/incidents/" + incidentKey + "/assign", Map.of()).expect(200);
        minutesPass(5);
        assertThat(mailTo(ivan.destination())).as("a manager is assigned: IMOC pages stop").hasSize(5);
        var runs = admin().get("/api/v1/escalation-runs?incident=" + incidentKey).expect(200).json();
        var imoc = find(runs, "IMOC");
        assertThat(imoc.get("status").asString()).isEqualTo("STOPPED");
        assertThat(imoc.get("endReason").asString()).isEqualTo("manager-assigned");

        var texts = timeline(mia, incidentKey);
        assertThat(texts).anySatisfy(t -> assertThat(t).startsWith("Paged Ivan Imoc (schedule imoc-").contains("EMAIL"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("Mia Manager is incident manager: paging the incident"
                + " manager on call stopped"));
    }

    @Test
    void theTimelineShowsWhoWasPagedHowAndWhoAcknowledgedInTheirLanguage() {
        var paula = emailResponder("Paula Paged");
        String serviceId = service(null);
        assign(serviceId, policy(0, level(5, user(paula))));
        var incident = paula.api().post("/api/v1/incidents", Map.of("summary", "Search down", "severity", 2,
                "serviceId", serviceId)).expect(201).json();
        String incidentKey = incident.get("key").asString();
        worker.deliverDue();
        minutesPass(1);
        var run = find(admin().get("/api/v1/escalation-runs?incident=" + incidentKey).expect(200).json(), "POLICY");
        paula.api().post("/api/v1/escalation-runs/" + run.get("id").asString() + "/acknowledge", Map.of()).expect(200);

        var texts = timeline(paula, incidentKey);
        assertThat(texts).anySatisfy(t -> assertThat(t).isEqualTo("Paged Paula Paged (user, level 1, attempt 1) by EMAIL"));
        assertThat(texts).anySatisfy(t -> assertThat(t).isEqualTo("Paged Paula Paged again (attempt 2) by EMAIL"));
        assertThat(texts).anySatisfy(t -> assertThat(t).isEqualTo("Paula Paged acknowledged by web: all further pages stopped"));
        var german = paula.api().withHeader("Accept-Language", "de").get("/api/v1/incidents/" + incidentKey + "/timeline")
                .expect(200).json();
        var germanTexts = new ArrayList<String>();
        german.forEach(e -> germanTexts.add(e.get("text").asString()));
        assertThat(germanTexts).contains("Paula Paged hat per Web best\u00e4tigt: alle weiteren Alarmierungen gestoppt");
    }

    private static JsonNode find(JsonNode runs, String kind) {
        for (var r : runs) {
            if (r.get("kind").asString().equals(kind)) {
                return r;
            }
        }
        throw new AssertionError("no " + kind + " run in " + runs);
    }

    private List<String> timeline(Person p, String incidentKey) {
        var texts = new ArrayList<String>();
        p.api().get("/api/v1/incidents/" + incidentKey + "/timeline").expect(200).json()
                .forEach(e -> texts.add(e.get("text").asString()));
        return texts;
    }
}
