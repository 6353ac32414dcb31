package io.tocsin.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.identity.TeamPermission;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Issue 15 point 2 (R15, R16): every configuration endpoint of the served OpenAPI document that the
 * {@link PermissionMatrix} gives to the owning team, walked with the owning team's manager, responder and observer,
 * another team's manager, an administrator, the team's service account and an anonymous caller, against things team
 * A owns (a service, its integration, heartbeat and maintenance window, a schedule, a cover request, a policy).
 * Refused callers get a 403 naming the missing permission (before the body is read); allowed ones get past the
 * gate (validation, 404 or success). Runs on H2 and PostgreSQL like every integration test.
 */
class TeamPermissionMatrixTest extends IntegrationTest {

    /** What each caller holds on team A's things: configure, respond. Anonymous is a 401 throughout. */
    private static final Map<String, Set<TeamPermission>> HOLDS = new LinkedHashMap<>();

    static {
        HOLDS.put("other team's manager", Set.of());
        HOLDS.put("service account", Set.of());
        HOLDS.put("observer", Set.of());
        HOLDS.put("responder", Set.of(TeamPermission.RESPOND));
        HOLDS.put("manager", Set.of(TeamPermission.CONFIGURE, TeamPermission.RESPOND));
        HOLDS.put("admin", Set.of(TeamPermission.CONFIGURE, TeamPermission.RESPOND));
    }

    private final Map<String, Api> callers = new LinkedHashMap<>();
    private final Map<String, String> owners = new LinkedHashMap<>();
    private String teamA;
    private String serviceA;
    private String managerId;

    @BeforeEach
    void teamAOwnsThings() {
        long n = System.nanoTime();
        teamA = admin().post("/api/v1/teams", Map.of("name", "Owners " + n)).expect(201).json().get("id").asString();
        String teamB = admin().post("/api/v1/teams", Map.of("name", "Others " + n)).expect(201).json().get("id")
                .asString();
        var manager = member(teamA, "MANAGER", "Mara Manager");
        var responder = member(teamA, "RESPONDER", "Rudi Responder");
        var observer = member(teamA, "OBSERVER", "Olga Observer");
        var otherManager = member(teamB, "MANAGER", "Oskar Othermanager");
        managerId = manager.toString();
        var bot = admin().post("/api/v1/service-accounts", Map.of("name", "bot " + n, "teamId", teamA)).expect(201)
                .json().get("id").asString();
        String botToken = admin().post("/api/v1/service-accounts/" + bot + "/tokens", Map.of("name", "all",
                "scopes", List.of("ADMIN"))).expect(201).json().get("token").asString();
        callers.put("anonymous", anonymous());
        callers.put("other team's manager", api(otherManager));
        callers.put("service account", new Api(baseUrl(), botToken));
        callers.put("observer", api(observer));
        callers.put("responder", api(responder));
        callers.put("manager", api(manager));
        callers.put("admin", admin());

        serviceA = admin().post("/api/v1/services", Map.of("name", "owned-" + n, "owningTeamId", teamA)).expect(201)
                .json().get("id").asString();
        owners.put("service", serviceA);
        var start = clock.instant().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        String schedule = admin().post("/api/v1/schedules", Map.of("teamId", teamA, "name", "Owned " + n,
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("name", "Primary", "participants",
                        List.of(manager, responder), "shiftLength", Map.of("amount", 1, "unit", "WEEKS"),
                        "startsAt", start.toString())))).expect(201).json().get("id").asString();
        owners.put("schedule", schedule);
        owners.put("cover-request", callers.get("responder").post("/api/v1/schedules/" + schedule + "/cover-requests",
                Map.of("start", clock.instant().plus(Duration.ofDays(1)).toString(), "end",
                        clock.instant().plus(Duration.ofDays(2)).toString())).expect(201).json().get("id").asString());
        owners.put("escalation-policy", admin().post("/api/v1/escalation-policies", policy("owned-" + n)).expect(201)
                .json().get("id").asString());
        owners.put("maintenance-window", admin().post("/api/v1/maintenance-windows", Map.of("serviceId", serviceA,
                "durationMinutes", 60)).expect(201).json().get("id").asString());
        // The monthly report mail is the team's own setting: the path names the team itself.
        owners.put("report-mail-team", teamA);
    }

    @Test
    void eachCallerGetsWhatTheMatrixGivesItOnTheOwningTeamsConfiguration() throws Exception {
        var walked = new TreeSet<String>();
        var mismatches = new ArrayList<String>();
        // Refused callers first: they change nothing. Allowed ones then, deletions of the things themselves last.
        var operations = OpenApiWrites.of(baseUrl()).stream()
                .filter(op -> PermissionMatrix.ruleFor(op.method(), op.path()).map(PermissionMatrix.Rule::team)
                        .filter(t -> !t.fromBody()).isPresent())
                .sorted(Comparator.comparing(op -> op.method() == HttpMethod.DELETE && op.path().matches(
                        "/api/v1/[a-z-]+/\\{[^}]+}")))
                .toList();
        for (var name : callers.keySet()) {
            for (var op : operations) {
                var team = PermissionMatrix.ruleFor(op.method(), op.path()).orElseThrow().team();
                String path = concrete(op.path(), owners.get(team.kind()));
                walked.add(team.kind() + " " + op);
                var response = callers.get(name).send(op.method().name(), path,
                        op.method() == HttpMethod.DELETE ? null : "{}", "application/json");
                String problem = check(name, team.needs(), response);
                if (problem != null) {
                    mismatches.add(op + " as " + name + ": " + problem);
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(walked).as("configuration endpoints walked").hasSizeGreaterThan(20)
                .anyMatch(s -> s.startsWith("schedule ")).anyMatch(s -> s.startsWith("service "))
                .anyMatch(s -> s.startsWith("escalation-policy ")).anyMatch(s -> s.startsWith("maintenance-window "))
                .anyMatch(s -> s.startsWith("cover-request "));
    }

    @Test
    void creatingForATeamNeedsItsManager() {
        long n = System.nanoTime();
        for (var name : callers.keySet()) {
            boolean allowed = HOLDS.getOrDefault(name, Set.of()).contains(TeamPermission.CONFIGURE);
            var schedule = callers.get(name).post("/api/v1/schedules", Map.of("teamId", teamA, "name",
                    name + " " + n, "timeZone", "UTC", "layers", List.of()));
            var policy = callers.get(name).post("/api/v1/escalation-policies", policy(name + " " + n));
            var window = callers.get(name).post("/api/v1/maintenance-windows", Map.of("serviceId", serviceA,
                    "durationMinutes", 30));
            for (var response : List.of(schedule, policy, window)) {
                assertThat(check(name, TeamPermission.CONFIGURE, response)).as(name + ": " + response).isNull();
                if (allowed) {
                    assertThat(response.status()).as(name + ": " + response).isEqualTo(201);
                }
            }
        }
        // A policy no team owns is the organisation's: its manager may not make one, an administrator may.
        var orgWide = Map.of("name", "org " + n, "levels", List.of(Map.of("targets", List.of(Map.of("type", "USER",
                "id", managerId)))));
        assertThat(callers.get("manager").post("/api/v1/escalation-policies", orgWide).status()).isEqualTo(403);
        admin().post("/api/v1/escalation-policies", orgWide).expect(201);
    }

    /** Null when the response is what the caller should get; otherwise what was wrong. */
    private static String check(String caller, TeamPermission needs, Api.Response response) {
        if (caller.equals("anonymous")) {
            return response.status() == 401 ? null : "expected 401, got " + response;
        }
        boolean allowed = HOLDS.get(caller).contains(needs);
        if (allowed) {
            return response.status() == 401 || response.status() == 403 ? "expected to pass, got " + response : null;
        }
        if (response.status() != 403) {
            return "expected 403 " + needs.code() + ", got " + response;
        }
        String permission = response.json().path("permission").asString("");
        return permission.equals(needs.code()) ? null : "403 names '" + permission + "', not " + needs.code();
    }

    private Map<String, Object> policy(String name) {
        return Map.of("name", name, "teamId", teamA, "levels", List.of(Map.of("targets", List.of(Map.of(
                "type", "USER", "id", managerId)))));
    }

    /** The first path variable is the owned thing; any other (a layer, an override, an integration) is unknown. */
    private static String concrete(String template, String ownerId) {
        String path = template.replaceFirst("\\{[^}]+}", ownerId);
        return path.replaceAll("\\{[^}]+}", UUID.nameUUIDFromBytes(template.getBytes()).toString());
    }

    private UUID member(String team, String role, String name) {
        var user = createUser(Role.RESPONDER, name);
        admin().post("/api/v1/teams/" + team + "/members", Map.of("userId", user.id(), "role", role)).expect(200);
        return user.id();
    }

    private Api api(UUID userId) {
        return new Api(baseUrl(), tokenFor(userId));
    }
}
