package io.tocsin.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Rotations by calendar month and "who is on call at T" over the real HTTP API (issue 10, R9): a hand-off on a
 * day of the month at a wall-clock time, through the schedule API, its validation, the iCalendar feed and the
 * schedule pages in English and German; and every schedule's on-call person at any instant.
 */
class MonthlyRotationApiTest extends IntegrationTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    OnCall onCall;

    record Team(String id, User anna, User ben, User clara, Api api) {
    }

    Team team() {
        String teamId = admin().post("/api/v1/teams", Map.of("name", "Billing " + System.nanoTime()))
                .expect(201).json().get("id").asString();
        var anna = createUser(Role.RESPONDER, "Anna Monthly");
        var ben = createUser(Role.RESPONDER, "Ben Monthly");
        var clara = createUser(Role.RESPONDER, "Clara Monthly");
        for (var u : List.of(anna, ben, clara)) {
            // Anna leads the team, so she manages its schedules (issue 15 point 2).
            admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", u.id().toString(), "lead", u == anna))
                    .expect(200);
        }
        return new Team(teamId, anna, ben, clara, new Api(baseUrl(), tokenFor(anna.id())));
    }

    /** A schedule with one monthly layer (Anna, Ben, Clara) handing off on {@code day} at 09:00 Berlin. */
    Map<String, Object> monthly(Team team, Instant startsAt, int amount, Integer day) {
        var layer = new LinkedHashMap<String, Object>();
        layer.put("name", "Monthly");
        layer.put("participants", List.of(team.anna().id(), team.ben().id(), team.clara().id()));
        layer.put("shiftLength", Map.of("amount", amount, "unit", "MONTHS"));
        layer.put("startsAt", startsAt.toString());
        layer.put("handoffTime", "09:00");
        if (day != null) {
            layer.put("handoffDay", day);
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("teamId", team.id());
        body.put("name", "Billing monthly " + System.nanoTime());
        body.put("timeZone", "Europe/Berlin");
        body.put("layers", List.of(layer));
        return body;
    }

    static Instant berlin(String local) {
        return java.time.LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    static List<String> starts(JsonNode shifts) {
        var starts = new ArrayList<String>();
        shifts.forEach(s -> starts.add(s.get("start").asString() + " " + s.get("user").get("name").asString()));
        return starts;
    }

    @Test
    void aRotationOnThe31stHandsOffOnTheLastDayOfShorterMonthsAndCanBeMovedToThe1st() {
        var team = team();
        var created = team.api().post("/api/v1/schedules", monthly(team, berlin("2027-01-31T09:00"), 1, 31))
                .expect(201).json();
        String id = created.get("id").asString();
        var layer = created.get("layers").get(0);
        assertThat(layer.get("shiftLength").get("unit").asString()).isEqualTo("MONTHS");
        assertThat(layer.get("handoffDay").asInt()).isEqualTo(31);
        assertThat(layer.get("handoffTime").asString()).isEqualTo("09:00");

        var plan = team.api().get("/api/v1/schedules/" + id + "/shifts?from=2027-01-31T08:00:00Z&to=2027-06-01T00:00:00Z")
                .expect(200).json();
        // 09:00 CET is 08:00Z, 09:00 CEST (from 28 March) is 07:00Z.
        assertThat(starts(plan.get("finalShifts"))).containsExactly("2027-01-31T08:00:00Z Anna Monthly",
                "2027-02-28T08:00:00Z Ben Monthly", "2027-03-31T07:00:00Z Clara Monthly",
                "2027-04-30T07:00:00Z Anna Monthly", "2027-05-31T07:00:00Z Ben Monthly");
        assertThat(plan.get("gaps")).isEmpty();

        var march = team.api().get("/api/v1/schedules/" + id + "/on-call?at=2027-03-15T12:00:00Z").expect(200).json();
        assertThat(march.get("onCall").get("user").get("name").asString()).isEqualTo("Ben Monthly");
        assertThat(march.get("onCall").get("end").asString()).isEqualTo("2027-03-31T07:00:00Z");
        assertThat(march.get("next").get(0).get("user").get("name").asString()).isEqualTo("Clara Monthly");

        // Moved to the 1st: the version guards the change, the plan follows at once. As with a daily rotation
        // started after its hand-off time, the first turn ends at the next hand-off (1 February). As with a daily rotation
        // started after its hand-off time, the first turn ends at the next hand-off (1 February).
        var body = new HashMap<>(monthly(team, berlin("2027-01-31T09:00"), 1, 1));
        body.put("name", created.get("name").asString());
        body.put("version", created.get("version").asLong());
        var moved = team.api().put("/api/v1/schedules/" + id, body).expect(200).json();
        assertThat(moved.get("layers").get(0).get("handoffDay").asInt()).isEqualTo(1);
        var after = team.api().get("/api/v1/schedules/" + id + "/shifts?from=2027-01-31T08:00:00Z&to=2027-04-01T12:00:00Z")
                .expect(200).json();
        assertThat(starts(after.get("finalShifts"))).containsExactly("2027-01-31T08:00:00Z Anna Monthly",
                "2027-02-01T08:00:00Z Ben Monthly", "2027-03-01T08:00:00Z Clara Monthly",
                "2027-04-01T07:00:00Z Anna Monthly");
        team.api().put("/api/v1/schedules/" + id, body).expect(409);
    }

    @Test
    void theDayDefaultsToTheStartAndALongFirstTurnIsReportedWhole() {
        var team = team();
        // Every two months on the day it starts (the 10th) ...
        var defaulted = team.api().post("/api/v1/schedules", monthly(team, berlin("2027-02-10T09:00"), 2, null))
                .expect(201).json();
        assertThat(defaulted.get("layers").get(0).get("handoffDay").asInt()).isEqualTo(10);

        // ... and every two months on the 15th from 10 February: the first hand-off is 15 February, after the
        // start, so Anna's first turn runs on to 15 April (64 days), more than the month either way "on call
        // until" used to look at.
        String id = team.api().post("/api/v1/schedules", monthly(team, berlin("2027-02-10T12:00"), 2, 15))
                .expect(201).json().get("id").asString();
        var now = team.api().get("/api/v1/schedules/" + id + "/on-call?at=2027-04-10T10:00:00Z").expect(200).json();
        assertThat(now.get("onCall").get("user").get("name").asString()).isEqualTo("Anna Monthly");
        assertThat(now.get("onCall").get("start").asString()).isEqualTo("2027-02-10T11:00:00Z");
        assertThat(now.get("onCall").get("end").asString()).isEqualTo("2027-04-15T07:00:00Z");
        assertThat(now.get("next").get(0).get("end").asString()).isEqualTo("2027-06-15T07:00:00Z");
        assertThat(onCall.whoIsOnCall(UUID.fromString(id), Instant.parse("2027-04-10T10:00:00Z"))).get()
                .extracting(Shift::start).isEqualTo(Instant.parse("2027-02-10T11:00:00Z"));
    }

    @Test
    void aDayOutsideTheMonthOrOnAnotherKindOfRotationIsRefusedNamingTheFieldAndNothingIsStored() {
        var team = team();
        long before = count("oncall_layer");
        for (int day : new int[] {0, 32, -5}) {
            var refused = team.api().post("/api/v1/schedules", monthly(team, berlin("2027-01-01T09:00"), 1, day))
                    .expect(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("layers[0].handoffDay");
            assertThat(refused.json().get("errors").get(0).get("message").asString()).contains("1 to 31");
        }
        var weekly = monthly(team, berlin("2027-01-01T09:00"), 1, 15);
        @SuppressWarnings("unchecked")
        var layer = new HashMap<>((Map<String, Object>) ((List<?>) weekly.get("layers")).getFirst());
        layer.put("shiftLength", Map.of("amount", 1, "unit", "WEEKS"));
        weekly.put("layers", List.of(layer));
        assertThat(team.api().post("/api/v1/schedules", weekly).expect(422).json().get("errors").get(0).get("field")
                .asString()).isEqualTo("layers[0].handoffDay");
        var tooLong = team.api().post("/api/v1/schedules", monthly(team, berlin("2027-01-01T09:00"), 13, 1))
                .expect(422).json();
        assertThat(tooLong.get("errors").get(0).get("field").asString()).isEqualTo("layers[0].shiftLength.amount");

        // Not a number at all: the body cannot be read, 400 with the field.
        String notANumber = Api.JSON.writeValueAsString(monthly(team, berlin("2027-01-01T09:00"), 1, 1))
                .replace("\"handoffDay\":1", "\"handoffDay\":\"the first\"");
        var unreadable = team.api().send("POST", "/api/v1/schedules", notANumber, "application/json").expect(400);
        assertThat(unreadable.json().get("errors").get(0).get("field").asString()).isEqualTo("layers[0].handoffDay");

        // The layer endpoints check the same.
        String id = team.api().post("/api/v1/schedules", monthly(team, berlin("2027-01-01T09:00"), 1, 1)).expect(201)
                .json().get("id").asString();
        long layers = count("oncall_layer");
        var badLayer = new HashMap<>(layer);
        badLayer.put("shiftLength", Map.of("amount", 1, "unit", "MONTHS"));
        badLayer.put("handoffDay", 40);
        assertThat(team.api().post("/api/v1/schedules/" + id + "/layers", badLayer).expect(422).json().get("errors")
                .get(0).get("field").asString()).isEqualTo("handoffDay");
        assertThat(count("oncall_layer")).isEqualTo(layers).isEqualTo(before + 1);
    }

    @Test
    void theCalendarFeedCarriesEachMonthlyHandOff() throws Exception {
        var team = team();
        // The rotation started on the last day of the month before the clock's month, at 09:00 Berlin.
        YearMonth previous = YearMonth.from(clock.instant().atZone(BERLIN)).minusMonths(1);
        Instant start = previous.atEndOfMonth().atTime(9, 0).atZone(BERLIN).toInstant();
        String id = team.api().post("/api/v1/schedules", monthly(team, start, 1, 31)).expect(201).json()
                .get("id").asString();
        String feed = team.api().post("/api/v1/schedules/" + id + "/calendar-feed", Map.of()).expect(201).json()
                .get("url").asString();
        String ics;
        try (var http = HttpClient.newHttpClient()) {
            ics = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + feed.substring(feed.indexOf("/feeds/"))))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        List<VEvent> events = new CalendarBuilder().build(new StringReader(ics)).getComponents("VEVENT");
        assertThat(events).hasSizeGreaterThanOrEqualTo(12);
        var days = new ArrayList<Integer>();
        for (int i = 1; i < events.size(); i++) {
            ZonedDateTime local = Instant.from(events.get(i).getStartDate().orElseThrow().getDate()).atZone(BERLIN);
            assertThat(local.toLocalTime()).as("event %d", i).isEqualTo(LocalTime.of(9, 0));
            assertThat(local.getDayOfMonth()).as("event %d", i).isEqualTo(YearMonth.from(local).lengthOfMonth());
            assertThat(Instant.from(events.get(i - 1).getEndDate().orElseThrow().getDate()))
                    .isEqualTo(local.toInstant());
            days.add(local.getDayOfMonth());
        }
        // A year of hand-offs on "the 31st" includes February's last day and 30-day months.
        assertThat(days).contains(31, 30).containsAnyOf(28, 29);
        assertThat(events.get(1).getSummary().getValue()).endsWith(": Ben Monthly");
    }

    @Test
    void theSchedulePageCreatesAMonthlyRotationAndDescribesItInEnglishAndGerman() {
        var team = team();
        var session = new WebSession(baseUrl(), team.anna().email(), "password-of-" + "Anna Monthly".length() + "-chars");
        var form = session.get("/schedules").body();
        assertThat(form).contains("<option value=\"MONTHS\">months (calendar)</option>")
                .contains("Hand-off day of the month").contains("name=\"handoffDay\"");

        String name = "Billing page " + System.nanoTime();
        var fields = new LinkedHashMap<String, String>();
        fields.put("name", name);
        fields.put("teamId", team.id());
        fields.put("timeZone", "Europe/Berlin");
        fields.put("participants", team.anna().id().toString());
        fields.put("shiftAmount", "1");
        fields.put("shiftUnit", "MONTHS");
        fields.put("startsAt", "2027-01-31T09:00");
        fields.put("handoffDay", "40");
        var refused = session.post("/schedules", fields);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/schedules");
        assertThat(session.get("/schedules").body()).contains("handoffDay");
        assertThat(jdbc.sql("select count(*) from oncall_schedule where name = ?").param(name).query(Long.class)
                .single()).isZero();

        fields.put("handoffDay", "31");
        var created = session.post("/schedules", fields);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        var layer = admin().get("/api/v1/schedules/" + id).expect(200).json().get("layers").get(0);
        assertThat(layer.get("shiftLength").get("unit").asString()).isEqualTo("MONTHS");
        assertThat(layer.get("handoffDay").asInt()).isEqualTo(31);
        assertThat(layer.get("startsAt").asString()).isEqualTo("2027-01-31T08:00:00Z");
        assertThat(session.get("/schedules/" + id).body())
                .contains("Every month on day 31 at 09:00 (the last day in shorter months)");

        // A weekly rotation ignores the day field, as the hint says.
        fields.put("name", name + " weekly");
        fields.put("shiftUnit", "WEEKS");
        fields.put("handoffDay", "15");
        String weekly = session.post("/schedules", fields).headers().firstValue("Location").orElseThrow();
        assertThat(admin().get("/api/v1/schedules/" + weekly.substring(weekly.lastIndexOf('/') + 1)).expect(200)
                .json().get("layers").get(0).get("handoffDay").isNull()).isTrue();
        assertThat(session.get(weekly.substring(weekly.indexOf("/schedules"))).body())
                .contains("Every week on Sunday at 09:00");

        session.get("/schedules?lang=de");
        assertThat(session.get("/schedules/" + id).body())
                .contains("Jeden Monat am 31. um 09:00 Uhr (in kürzeren Monaten am letzten Tag)");
        assertThat(session.get("/schedules").body()).contains("Monate (Kalender)").contains("Übergabetag im Monat");
    }

    @Test
    void theTopBarAndTheServicePanelShowALongTurnWhole() {
        var team = team();
        // Every two months from an hour ago: Anna's turn ends two months from its start, beyond a month ahead.
        ZonedDateTime start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minusSeconds(3600)
                .atZone(BERLIN);
        var body = monthly(team, start.toInstant(), 2, start.getDayOfMonth());
        @SuppressWarnings("unchecked")
        var layer = new HashMap<>((Map<String, Object>) ((List<?>) body.get("layers")).getFirst());
        layer.put("handoffTime", start.toLocalTime().toString());
        body.put("layers", List.of(layer));
        String scheduleName = team.api().post("/api/v1/schedules", body).expect(201).json().get("name").asString();
        YearMonth endMonth = YearMonth.from(start).plusMonths(2);
        Instant end = ZonedDateTime.of(endMonth.atDay(Math.min(start.getDayOfMonth(), endMonth.lengthOfMonth())),
                start.toLocalTime(), BERLIN).toInstant();
        assertThat(end).isAfter(clock.instant().plus(java.time.Duration.ofDays(40)));
        String serviceId = admin().post("/api/v1/services", Map.of("name", "billing-" + System.nanoTime(),
                "owningTeamId", team.id())).expect(201).json().get("id").asString();

        var session = new WebSession(baseUrl(), team.anna().email(), "password-of-" + "Anna Monthly".length() + "-chars");
        assertThat(session.get("/my-shifts").body()).contains("id=\"my-on-call\"").contains("(" + end + ")");
        String panel = session.get("/services/" + serviceId).body();
        assertThat(panel).contains(scheduleName).contains(io.tocsin.shared.HumanTime.dateTime(end,
                java.util.Locale.ENGLISH, BERLIN));
    }

    @Test
    void whoIsOnCallAcrossAllSchedulesAtAnyInstant() {
        var team = team();
        String id = team.api().post("/api/v1/schedules", monthly(team, berlin("2027-01-01T09:00"), 1, 1)).expect(201)
                .json().get("id").asString();

        assertThat(onCallIn(team.api().get("/api/v1/on-call/now?at=2027-03-15T12:00:00Z"), id, "2027-03-15T12:00:00Z"))
                .isEqualTo("Clara Monthly");
        // An offset is accepted too (the "+" encoded): 1 April 08:59 in Berlin is still March's turn.
        assertThat(onCallIn(team.api().get("/api/v1/on-call/now?at=2027-04-01T08:59:00%2B02:00"), id,
                "2027-04-01T06:59:00Z")).isEqualTo("Clara Monthly");
        assertThat(onCallIn(team.api().get("/api/v1/on-call/now?at=2027-04-01T09:00:00%2B02:00"), id,
                "2027-04-01T07:00:00Z")).isEqualTo("Anna Monthly");
        // Before the rotation starts nobody is on call for it.
        var before = team.api().get("/api/v1/on-call/now?at=2026-12-31T12:00:00Z").expect(200).json();
        assertThat(entry(before, id).get("onCall").isNull()).isTrue();

        for (String bad : new String[] {"yesterday", "2027-13-01T00:00:00Z", "2027-03-15"}) {
            var problem = team.api().get("/api/v1/on-call/now?at=" + bad).expect(400);
            assertThat(problem.contentType()).startsWith("application/problem+json");
            assertThat(problem.json().get("errors").get(0).get("field").asString()).isEqualTo("at");
        }
    }

    static String onCallIn(Api.Response response, String scheduleId, String at) {
        var entry = entry(response.expect(200).json(), scheduleId);
        assertThat(entry.get("at").asString()).isEqualTo(at);
        return entry.get("onCall").get("user").get("name").asString();
    }

    static JsonNode entry(JsonNode all, String scheduleId) {
        for (var e : all) {
            if (e.get("scheduleId").asString().equals(scheduleId)) {
                return e;
            }
        }
        throw new AssertionError("schedule " + scheduleId + " missing in " + all);
    }
}
