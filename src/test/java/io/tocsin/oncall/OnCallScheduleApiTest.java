package io.tocsin.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** On-call schedules over the real HTTP API (R8, R9): build, query, override, take over, cover, feeds. */
class OnCallScheduleApiTest extends IntegrationTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Autowired
    OnCall onCall;

    record Team(String id, User anna, User ben, User clara, Api annaApi, Api benApi, Api claraApi) {
    }

    Team team() {
        String teamId = admin().post("/api/v1/teams", Map.of("name", "Payments " + System.nanoTime()))
                .expect(201).json().get("id").asString();
        var anna = createUser(Role.RESPONDER, "Anna Oncall");
        var ben = createUser(Role.RESPONDER, "Ben Oncall");
        var clara = createUser(Role.RESPONDER, "Clara Oncall");
        for (var u : List.of(anna, ben, clara)) {
            // Anna leads the team, so she manages its schedules (issue 15 point 2); Ben and Clara are responders.
            admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", u.id().toString(), "lead", u == anna))
                    .expect(200);
        }
        return new Team(teamId, anna, ben, clara, new Api(baseUrl(), tokenFor(anna.id())),
                new Api(baseUrl(), tokenFor(ben.id())), new Api(baseUrl(), tokenFor(clara.id())));
    }

    /** A weekly rotation Anna, Ben, Clara that started an hour ago (Anna is on call now). */
    Map<String, Object> weeklySchedule(Team team, String name) {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        return Map.of("teamId", team.id(), "name", name, "timeZone", "Europe/Berlin",
                "layers", List.of(Map.of("name", "Primary", "participants",
                        List.of(team.anna().id(), team.ben().id(), team.clara().id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString())));
    }

    JsonNode createSchedule(Api api, Map<String, Object> body) {
        return api.post("/api/v1/schedules", body).expect(201).json();
    }

    static List<String> users(JsonNode shifts) {
        var ids = new ArrayList<String>();
        shifts.forEach(s -> ids.add(s.get("user").get("id").asString()));
        return ids;
    }

    @Test
    void buildAScheduleAndAskWhoIsOnCallNowAndNext() {
        var team = team();
        var schedule = createSchedule(team.annaApi(), weeklySchedule(team, "Payments primary " + System.nanoTime()));
        String id = schedule.get("id").asString();
        assertThat(schedule.get("layers").get(0).get("participants").get(1).get("name").asString())
                .isEqualTo("Ben Oncall");
        assertThat(schedule.get("layers").get(0).get("handoffTime").asString()).isNotBlank();

        var now = team.benApi().get("/api/v1/schedules/" + id + "/on-call").expect(200).json();
        assertThat(now.get("onCall").get("user").get("id").asString()).isEqualTo(team.anna().id().toString());
        assertThat(Instant.parse(now.get("onCall").get("end").asString()))
                .isEqualTo(Instant.parse(now.get("next").get(0).get("start").asString()));
        assertThat(now.get("next").get(0).get("user").get("name").asString()).isEqualTo("Ben Oncall");

        Instant from = clock.instant();
        var plan = team.benApi().get("/api/v1/schedules/" + id + "/shifts?from=" + from + "&to="
                + from.plus(Duration.ofDays(21))).expect(200).json();
        assertThat(users(plan.get("finalShifts"))).containsExactly(team.anna().id().toString(),
                team.ben().id().toString(), team.clara().id().toString(), team.anna().id().toString());
        assertThat(plan.get("gaps")).isEmpty();
        assertThat(plan.get("layers").get(0).get("shifts")).hasSize(4);

        var bensShifts = team.benApi().get("/api/v1/me/shifts?from=" + from + "&to=" + from.plus(Duration.ofDays(21)))
                .expect(200).json();
        assertThat(bensShifts).hasSize(1);
        assertThat(bensShifts.get(0).get("scheduleId").asString()).isEqualTo(id);
        assertThat(admin().get("/api/v1/users/" + team.clara().id() + "/shifts?from=" + from + "&to="
                + from.plus(Duration.ofDays(21))).expect(200).json()).hasSize(1);

        // The Java API other modules use gives the same answer.
        assertThat(onCall.whoIsOnCall(UUID.fromString(id), clock.instant())).get().extracting(Shift::userId)
                .isEqualTo(team.anna().id());
        assertThat(onCall.shiftsOf(team.ben().id(), new TimeRange(from, from.plus(Duration.ofDays(21)))))
                .singleElement().extracting(UserShift::scheduleId).isEqualTo(UUID.fromString(id));
        var everyone = admin().get("/api/v1/on-call/now").expect(200).json();
        assertThat(everyone.findValues("scheduleId").stream().map(JsonNode::asString)).contains(id);
    }

    @Test
    void aColleagueTakesPartOfAShiftAndTheChangeIsRecorded() {
        var team = team();
        String id = createSchedule(team.annaApi(), weeklySchedule(team, "Takeover " + System.nanoTime()))
                .get("id").asString();
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(1));
        Instant end = start.plus(Duration.ofHours(12));

        var override = team.claraApi().post("/api/v1/schedules/" + id + "/take-shift",
                Map.of("start", start.toString(), "end", end.toString())).expect(201).json();
        assertThat(override.get("user").get("id").asString()).isEqualTo(team.clara().id().toString());
        assertThat(override.get("reason").asString()).isEqualTo("took over from Anna Oncall");
        assertThat(override.get("createdBy").asString()).isEqualTo("Clara Oncall");

        Instant from = clock.instant();
        var plan = team.annaApi().get("/api/v1/schedules/" + id + "/shifts?from=" + from + "&to="
                + from.plus(Duration.ofDays(3))).expect(200).json().get("finalShifts");
        assertThat(users(plan)).containsExactly(team.anna().id().toString(), team.clara().id().toString(),
                team.anna().id().toString());
        assertThat(Instant.parse(plan.get(1).get("start").asString())).isEqualTo(start);
        assertThat(Instant.parse(plan.get(1).get("end").asString())).isEqualTo(end);
        assertThat(plan.get(1).get("overrideId").asString()).isEqualTo(override.get("id").asString());

        var at = onCall.whoIsOnCall(UUID.fromString(id), start.plus(Duration.ofHours(1))).orElseThrow();
        assertThat(at.userId()).isEqualTo(team.clara().id());
        assertThat(jdbc.sql("select count(*) from audit_log where entity_id = ? and action = 'oncall.override-added'"
                + " and actor_id = ?").params(id, team.clara().id()).query(Long.class).single()).isEqualTo(1);

        // Removing the override gives the shift back.
        team.annaApi().delete("/api/v1/schedules/" + id + "/overrides/" + override.get("id").asString()).expect(204);
        assertThat(onCall.whoIsOnCall(UUID.fromString(id), start.plus(Duration.ofHours(1))).orElseThrow().userId())
                .isEqualTo(team.anna().id());
    }

    @Test
    void askingForCoverAndAColleagueAccepting() {
        var team = team();
        String id = createSchedule(team.annaApi(), weeklySchedule(team, "Cover " + System.nanoTime()))
                .get("id").asString();
        Instant start = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofDays(2));
        Instant end = start.plus(Duration.ofDays(1));

        var request = team.annaApi().post("/api/v1/schedules/" + id + "/cover-requests",
                Map.of("start", start.toString(), "end", end.toString(), "note", "Dentist")).expect(201).json();
        assertThat(request.get("status").asString()).isEqualTo("OPEN");
        String requestId = request.get("id").asString();
        assertThat(team.benApi().get("/api/v1/schedules/" + id + "/cover-requests").expect(200).json()
                .findValues("id").stream().map(JsonNode::asString)).contains(requestId);

        team.annaApi().post("/api/v1/cover-requests/" + requestId + "/accept", Map.of()).expect(409);
        var accepted = team.benApi().post("/api/v1/cover-requests/" + requestId + "/accept", Map.of()).expect(200)
                .json();
        assertThat(accepted.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.get("acceptedBy").get("name").asString()).isEqualTo("Ben Oncall");
        team.claraApi().post("/api/v1/cover-requests/" + requestId + "/accept", Map.of()).expect(409);

        assertThat(onCall.whoIsOnCall(UUID.fromString(id), start.plus(Duration.ofHours(3))).orElseThrow().userId())
                .isEqualTo(team.ben().id());
        assertThat(jdbc.sql("select count(*) from oncall_override where cover_request_id = ?")
                .param(UUID.fromString(requestId)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void gapsAreListed() {
        var team = team();
        Instant monday = clock.instant().atZone(BERLIN).toLocalDate().plusWeeks(1)
                .with(java.time.DayOfWeek.MONDAY).atTime(8, 0).atZone(BERLIN).toInstant();
        String id = createSchedule(team.annaApi(), Map.of("teamId", team.id(), "name", "Office " + System.nanoTime(),
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("participants", List.of(team.anna().id()),
                        "shiftLength", Map.of("amount", 1, "unit", "DAYS"), "startsAt", monday.toString(),
                        "restrictions", List.of(Map.of("days", List.of("MON", "TUE", "WED", "THU", "FRI"),
                                "from", "08:00", "to", "17:00")))))).get("id").asString();

        var gaps = team.annaApi().get("/api/v1/schedules/" + id + "/gaps?from=" + monday + "&to="
                + monday.plus(Duration.ofDays(1))).expect(200).json();
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).get("start").asString()).isEqualTo(monday.plus(Duration.ofHours(9)).toString());
        assertThat(gaps.get(0).get("minutes").asLong()).isEqualTo(15 * 60);
    }

    @Test
    void imocAndSecondaryMarkers() {
        var team = team();
        String primary = createSchedule(team.annaApi(), weeklySchedule(team, "Primary " + System.nanoTime()))
                .get("id").asString();
        String secondary = createSchedule(team.annaApi(), weeklySchedule(team, "Secondary " + System.nanoTime()))
                .get("id").asString();

        var marked = team.annaApi().put("/api/v1/schedules/" + secondary + "/secondary-of",
                Map.of("primaryScheduleId", primary)).expect(200).json();
        assertThat(marked.get("secondaryOf").asString()).isEqualTo(primary);
        assertThat(onCall.secondaryOf(UUID.fromString(primary))).get().extracting(ScheduleRef::id)
                .isEqualTo(UUID.fromString(secondary));
        team.annaApi().put("/api/v1/schedules/" + primary + "/secondary-of", Map.of("primaryScheduleId", primary))
                .expect(422);
        team.annaApi().put("/api/v1/schedules/" + primary + "/secondary-of", Map.of("primaryScheduleId", secondary))
                .expect(422);

        // The IMOC marker is the organisation's: administrators set it, a team's manager does not (issue 15).
        team.annaApi().put("/api/v1/on-call/imoc", Map.of("scheduleId", primary)).expect(403);
        admin().put("/api/v1/on-call/imoc", Map.of("scheduleId", primary)).expect(200);
        assertThat(team.benApi().get("/api/v1/on-call/imoc").expect(200).json().get("id").asString())
                .isEqualTo(primary);
        assertThat(onCall.imocSchedule()).get().extracting(ScheduleRef::id).isEqualTo(UUID.fromString(primary));
        assertThat(count("oncall_imoc")).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        var team = team();
        var outsider = createUser(Role.RESPONDER, "Olga Outsider");
        long schedulesBefore = count("oncall_schedule");
        long layersBefore = count("oncall_layer");

        var unknownZone = new HashMap<>(weeklySchedule(team, "Bad zone " + System.nanoTime()));
        unknownZone.put("timeZone", "Mars/Olympus_Mons");
        var problem = team.annaApi().post("/api/v1/schedules", unknownZone).expect(422);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        assertThat(problem.json().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");

        for (int amount : new int[] {0, -3}) {
            var body = new HashMap<>(weeklySchedule(team, "Bad length " + System.nanoTime()));
            body.put("layers", List.of(Map.of("participants", List.of(team.anna().id()),
                    "shiftLength", Map.of("amount", amount, "unit", "DAYS"),
                    "startsAt", clock.instant().toString())));
            var refused = team.annaApi().post("/api/v1/schedules", body).expect(422).json();
            assertThat(refused.get("errors").get(0).get("field").asString())
                    .isEqualTo("layers[0].shiftLength.amount");
        }

        var stranger = new HashMap<>(weeklySchedule(team, "Stranger " + System.nanoTime()));
        stranger.put("layers", List.of(Map.of("participants", List.of(team.anna().id(), outsider.id()),
                "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", clock.instant().toString())));
        var notMember = team.annaApi().post("/api/v1/schedules", stranger).expect(422).json();
        assertThat(notMember.get("errors").get(0).get("field").asString()).isEqualTo("layers[0].participants[1]");
        assertThat(count("oncall_schedule")).isEqualTo(schedulesBefore);
        assertThat(count("oncall_layer")).isEqualTo(layersBefore);

        String id = createSchedule(team.annaApi(), weeklySchedule(team, "Good " + System.nanoTime()))
                .get("id").asString();
        long overridesBefore = count("oncall_override");
        Instant start = clock.instant().plus(Duration.ofDays(1));
        var backwards = team.annaApi().post("/api/v1/schedules/" + id + "/overrides", Map.of("userId",
                team.ben().id().toString(), "start", start.toString(), "end", start.minus(Duration.ofHours(2))
                        .toString())).expect(422).json();
        assertThat(backwards.get("errors").get(0).get("field").asString()).isEqualTo("end");
        team.annaApi().post("/api/v1/schedules/" + id + "/overrides", Map.of("userId", outsider.id().toString(),
                "start", start.toString(), "end", start.plus(Duration.ofHours(2)).toString())).expect(422);
        // Someone outside the team takes no shift in its schedule: 403 naming what is missing (issue 15).
        var outsiders = new Api(baseUrl(), tokenFor(outsider.id())).post("/api/v1/schedules/" + id + "/take-shift",
                Map.of("start", start.toString(), "end", start.plus(Duration.ofHours(2)).toString())).expect(403);
        assertThat(outsiders.json().get("permission").asString()).isEqualTo("team:respond");
        assertThat(count("oncall_override")).isEqualTo(overridesBefore);

        team.annaApi().get("/api/v1/schedules/" + id + "/shifts?from=" + start + "&to=" + start.minusSeconds(1))
                .expect(422);
        team.annaApi().get("/api/v1/schedules/" + UUID.randomUUID() + "/shifts").expect(404);
        newUser(Role.STAKEHOLDER, "Stan Stakeholder").post("/api/v1/schedules/" + id + "/take-shift",
                Map.of("start", start.toString(), "end", start.plus(Duration.ofHours(2)).toString())).expect(403);
    }

    @Test
    void calendarFeedsParseAndRoundTripTheShifts() throws Exception {
        var team = team();
        String name = "Payments; primary, \"EU\" \\ on call with a long name to force folding " + System.nanoTime();
        String id = createSchedule(team.annaApi(), weeklySchedule(team, name)).get("id").asString();

        String feedUrl = team.benApi().post("/api/v1/me/calendar-feed", Map.of()).expect(201).json()
                .get("url").asString();
        String path = feedUrl.substring(feedUrl.indexOf("/feeds/oncall/"));
        var response = fetch(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        String ics = response.body();
        assertThat(ics).contains("\r\n").doesNotContain("\n\n");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.getProperty("VERSION").orElseThrow().getValue()).isEqualTo("2.0");
        assertThat(calendar.getProperty("PRODID")).isPresent();
        List<VEvent> events = calendar.getComponents("VEVENT");
        var expected = onCall.shiftsOf(team.ben().id(), new TimeRange(clock.instant().minus(Duration.ofDays(31)),
                clock.instant().plus(Duration.ofDays(366))));
        assertThat(events).hasSize(expected.size()).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            VEvent event = events.get(i);
            assertThat(Instant.from(event.getStartDate().orElseThrow().getDate()))
                    .isEqualTo(expected.get(i).shift().start());
            assertThat(Instant.from(event.getEndDate().orElseThrow().getDate()))
                    .isEqualTo(expected.get(i).shift().end());
            assertThat(event.getSummary().getValue()).isEqualTo("On call: " + name);
            assertThat(event.getDateStamp()).isPresent();
        }

        // UIDs are stable: the next fetch names the same events.
        List<VEvent> again = new CalendarBuilder().build(new StringReader(fetch(path).body())).getComponents("VEVENT");
        assertThat(again.stream().map(e -> e.getUid().orElseThrow().getValue()).toList())
                .isEqualTo(events.stream().map(e -> e.getUid().orElseThrow().getValue()).toList())
                .doesNotHaveDuplicates();

        // The schedule feed lists everyone; rotating its token retires the old address.
        String scheduleFeed = team.annaApi().post("/api/v1/schedules/" + id + "/calendar-feed", Map.of()).expect(201)
                .json().get("url").asString();
        String schedulePath = scheduleFeed.substring(scheduleFeed.indexOf("/feeds/oncall/"));
        List<VEvent> all = new CalendarBuilder().build(new StringReader(fetch(schedulePath).body()))
                .getComponents("VEVENT");
        assertThat(all.stream().map(e -> e.getSummary().getValue()))
                .contains(name + ": Anna Oncall", name + ": Ben Oncall", name + ": Clara Oncall");
        team.annaApi().post("/api/v1/schedules/" + id + "/calendar-feed", Map.of()).expect(201);
        assertThat(fetch(schedulePath).statusCode()).isEqualTo(404);
        assertThat(fetch("/feeds/oncall/not-a-token-but-long-enough.ics").statusCode()).isEqualTo(404);
        assertThat(count("oncall_feed_token")).isPositive();
        assertThat(jdbc.sql("select count(*) from oncall_feed_token where token_hash = ?")
                .param(schedulePath.substring("/feeds/oncall/".length()).replace(".ics", "")).query(Long.class)
                .single()).as("tokens are stored hashed").isZero();
    }

    HttpResponse<String> fetch(String path) throws Exception {
        try (var http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Accept", "text/calendar")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
