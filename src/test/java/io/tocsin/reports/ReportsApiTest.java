package io.tocsin.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.DeliveryEvents;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.SubjectType;
import io.tocsin.reports.internal.ReportFeed;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reports API end to end (issue 16 points 3 and 4; R26, R30): an incident declared through the API reaches the
 * report tables through its events after commit (no timeline scan), the report filters by team and severity, the
 * rebuild is for administrators and rebuilds the same figures, bad filters name their field, every table exports
 * to CSV in the reader's language, and stakeholders see team fairness but not named people's load.
 */
class ReportsApiTest extends IntegrationTest {

    @Autowired
    ReportFeed feed;

    @Autowired
    io.tocsin.reports.internal.ShiftRecorder shifts;

    private record Setup(String teamId, String serviceId, String key) {
    }

    private Setup incident(int severity) {
        String suffix = Long.toString(System.nanoTime());
        String teamId = admin().post("/api/v1/teams", Map.of("name", "Reports team " + suffix)).expect(201).json()
                .get("id").asString();
        String serviceId = admin().post("/api/v1/services", Map.of("name", "reports-" + suffix, "owningTeamId", teamId))
                .expect(201).json().get("id").asString();
        var impact = clock.instant().minus(Duration.ofMinutes(30));
        var detected = clock.instant().minus(Duration.ofMinutes(20));
        String key = admin().post("/api/v1/incidents", Map.of("summary", "Checkout down " + suffix, "severity", severity,
                "serviceId", serviceId, "impactStartedAt", impact.toString(), "detectedAt", detected.toString()))
                .expect(201).json().get("key").asString();
        return new Setup(teamId, serviceId, key);
    }

    private String period() {
        return "from=" + clock.instant().minus(Duration.ofDays(1)) + "&to=" + clock.instant().plus(Duration.ofDays(1));
    }

    @Test
    void anIncidentReachesTheReportThroughItsEventsAndTheFiltersApply() {
        var s = incident(2);
        String path = "/api/v1/reports/incidents?" + period() + "&team=" + s.teamId();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin().get(path).expect(200).json().get("figures").get("total").asLong()).isEqualTo(1));
        var figures = admin().get(path).json().get("figures");
        assertThat(figures.get("bySeverity").get("2").asLong()).isEqualTo(1);
        assertThat(figures.get("timeToDetect").get("count").asInt()).isEqualTo(1);
        assertThat(figures.get("timeToAcknowledge").get("count").asInt()).isZero();
        assertThat(admin().get(path + "&severity=1").expect(200).json().get("figures").get("total").asLong()).isZero();
        assertThat(admin().get(path + "&service=" + s.serviceId() + "&severity=2").expect(200).json().get("figures")
                .get("total").asLong()).isEqualTo(1);

        // Taking the incident is its acknowledgement: the row follows the event.
        var manager = createUser(Role.RESPONDER, "Report Manager");
        clock.advance(Duration.ofMinutes(3));
        admin().post("/api/v1/incidents/" + s.key() + "/assign", Map.of("userId", manager.id().toString())).expect(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin().get(path).json().get("figures")
                .get("timeToAcknowledge").get("count").asInt()).isEqualTo(1));
    }

    @Test
    void badFiltersNameTheirField() {
        var bad = admin().get("/api/v1/reports/incidents?from=yesterday").expect(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body()).contains("\"from\"");
        assertThat(admin().get("/api/v1/reports/on-call?severity=7").expect(422).body()).contains("\"severity\"");
        assertThat(admin().get("/api/v1/reports/learning?priority=P9").expect(422).body()).contains("\"priority\"");
        assertThat(admin().get("/api/v1/reports/notifications?team=nope").expect(422).body()).contains("\"team\"");
        assertThat(admin().get("/api/v1/reports/incidents?from=2026-03-05&to=2026-03-01").expect(422).body())
                .contains("\"to\"");
        admin().get("/api/v1/reports/csv/no-such-table").expect(404);
    }

    @Test
    void everyTableExportsToCsvInTheReadersLanguage() {
        var s = incident(1);
        String query = "?" + period() + "&team=" + s.teamId();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(admin()
                .get("/api/v1/reports/incidents" + query).json().get("figures").get("total").asLong()).isEqualTo(1));
        var en = admin().get("/api/v1/reports/csv/incidents-by-severity" + query).expect(200);
        assertThat(en.contentType()).startsWith("text/csv");
        assertThat(en.header("Content-Disposition")).startsWith("attachment; filename=\"incidents-by-severity-");
        assertThat(en.body()).startsWith("Severity,Incidents\r\n").contains("Severity 1,1\r\n", "Severity 2,0\r\n");
        var de = admin().withHeader("Accept-Language", "de").get("/api/v1/reports/csv/incident-durations" + query)
                .expect(200);
        assertThat(de.body()).startsWith("Kennzahl,Anzahl,Mittelwert,Median,90. Perzentil,Längste\r\n")
                .contains("Zeit bis zur Erkennung (TTD),1,10 min,10 min,10 min,10 min");
        for (var table : new String[] {"incidents-by-service", "incidents-by-week", "incident-histogram",
                "on-call-fairness", "on-call-people", "notifications-by-channel", "learning"}) {
            assertThat(admin().get("/api/v1/reports/csv/" + table + query).expect(200).body()).contains("\r\n");
        }
    }

    @Test
    void stakeholdersSeeTeamFairnessButNotNamedPeople() {
        var s = incident(3);
        var person = createUser(Role.RESPONDER, "Paged Person");
        String incidentId = admin().get("/api/v1/incidents/" + s.key()).json().get("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from report_incident where"
                + " incident_id = ?").param(UUID.fromString(incidentId)).query(Long.class).single() == 1);
        feed.apply(new DeliveryEvents.Queued(UUID.randomUUID(), DeliveryKind.PAGE, person.id(), ContactMethodType.SMS,
                SubjectType.INCIDENT, incidentId, clock.instant()));
        String path = "/api/v1/reports/on-call?" + period() + "&team=" + s.teamId();
        var member = newUser(Role.RESPONDER, "Report Reader").get(path).expect(200).json().get("teams").get(0);
        assertThat(member.get("people").get(0).get("userId").asString()).isEqualTo(person.id().toString());
        assertThat(member.get("people").get(0).get("pages").asLong()).isEqualTo(1);
        var stakeholder = newUser(Role.STAKEHOLDER, "Report Stakeholder").get(path).expect(200).json().get("teams").get(0);
        assertThat(stakeholder.get("people")).isEmpty();
        assertThat(stakeholder.get("pages").get("people").asInt()).isEqualTo(1);
        var csv = newUser(Role.STAKEHOLDER, "Report Stakeholder CSV").get("/api/v1/reports/csv/on-call-people?"
                + period() + "&team=" + s.teamId());
        csv.expect(404);
    }

    @Test
    void theRebuildIsForAdministratorsAndKeepsTheFigures() {
        var s = incident(2);
        String path = "/api/v1/reports/incidents?" + period() + "&team=" + s.teamId();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin().get(path).json().get("figures").get("total").asLong()).isEqualTo(1));
        var before = admin().get(path).json().get("figures").toString();
        newUser(Role.RESPONDER, "Rebuild Responder").post("/api/v1/reports/rebuild", Map.of()).expect(403);
        var result = admin().post("/api/v1/reports/rebuild", Map.of()).expect(200).json();
        assertThat(result.get("incidents").asInt()).isPositive();
        assertThat(admin().get(path).json().get("figures").toString()).isEqualTo(before);
    }

    @Test
    void passedShiftsAreRecordedOnceAndCountAsHoursOnCall() {
        var person = createUser(Role.RESPONDER, "Shift Person");
        String teamId = admin().post("/api/v1/teams", Map.of("name", "report-shifts-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", person.id(), "lead", false)).expect(200);
        // Shifts are recorded forward from the last recording: this schedule starts after it.
        shifts.recordUntil(clock.instant());
        var start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", "Report shifts " + System.nanoTime(),
                "timeZone", "Europe/Berlin", "layers", java.util.List.of(Map.of("name", "Daily", "participants",
                        java.util.List.of(person.id()), "shiftLength", Map.of("amount", 1, "unit", "DAYS"), "startsAt",
                        start.toString())))).expect(201);
        clock.advance(Duration.ofDays(1));
        shifts.recordUntil(clock.instant());
        clock.advance(Duration.ofDays(1));
        shifts.recordUntil(clock.instant());
        shifts.recordUntil(clock.instant()); // nothing new: the watermark is there
        String path = "/api/v1/reports/on-call?from=" + start + "&to=" + clock.instant() + "&team=" + teamId;
        var row = admin().get(path).expect(200).json().get("teams").get(0).get("people").get(0);
        assertThat(row.get("userId").asString()).isEqualTo(person.id().toString());
        // One continuous stint of the same person, recorded in two runs, is one shift.
        // The shared clock may stand at any second (other tests move it by seconds), so count to the second.
        long secondsSinceStart = Duration.between(start, clock.instant()).toSeconds();
        assertThat(row.get("hoursOnCall").asDouble()).isCloseTo(secondsSinceStart / 3600.0,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(row.get("shifts").asInt()).isEqualTo(1);
        assertThat(admin().get(path).json().get("shiftsNotFilteredBy")).isEmpty();

        // Issue 16: severity and priority narrow the pages, not the shifts (a shift covers every incident of its
        // team); the answer names the filters the shifts did not follow, and the page says so.
        var filtered = admin().get(path + "&severity=1&priority=P1").expect(200).json();
        var same = filtered.get("teams").get(0).get("people").get(0);
        assertThat(same.get("hoursOnCall").asDouble()).isEqualTo(row.get("hoursOnCall").asDouble());
        assertThat(same.get("shifts").asInt()).isEqualTo(1);
        assertThat(same.get("pages").asLong()).isZero();
        assertThat(filtered.get("shiftsNotFilteredBy").toString()).isEqualTo("[\"severity\",\"priority\"]");
        var session = new io.tocsin.support.WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        var page = session.get("/reports?lang=en&team=" + teamId + "&severity=1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("not the shifts: a shift covers every service and incident of its team");
        assertThat(session.get("/reports?lang=en&team=" + teamId).body()).doesNotContain("not the shifts");
    }
}
