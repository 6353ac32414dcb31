package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15 point 3 (R16): personal data (e-mail, phone) is visible only to administrators, the person, and members
 * of a team the person is on call for right now ({@link PersonalDataDecision}); never to stakeholders. Everyone
 * else sees the name and "page through Tocsin", through {@code GET /api/v1/users}, {@code GET /api/v1/users/{id}}
 * and {@code GET /api/v1/notify/unreachable-users}.
 */
class PersonalDataTest extends IntegrationTest {

    private static final String PHONE = "+49 30 1234567";

    @Test
    void onlyAdminsThePersonAndTheirTeamWhileTheyAreOnCallSeeTheirPhoneAndEmail() {
        var paula = withPhone(createUser(Role.RESPONDER, "Paula Phone"));
        var olga = withPhone(createUser(Role.RESPONDER, "Olga Later"));
        var nick = withPhone(createUser(Role.RESPONDER, "Nick Notoncall"));
        var tomUser = createUser(Role.RESPONDER, "Tom Teammate");
        var stanUser = createUser(Role.STAKEHOLDER, "Stan Stakeholder");
        String team = team(paula.id(), olga.id(), nick.id(), tomUser.id(), stanUser.id());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        schedule(team, paula.id(), now.minus(Duration.ofHours(1)));
        schedule(team, olga.id(), now.plus(Duration.ofDays(1)));
        Api tom = api(tomUser);
        Api stan = api(stanUser);
        Api rita = newUser(Role.RESPONDER, "Rita Stranger");

        // Tom's team has Paula on call now: he sees her contact data, not Olga's (on call only tomorrow) or Nick's.
        assertSees(tom, paula);
        assertHidden(tom, olga);
        assertHidden(tom, nick);
        // Rita belongs to no team of Paula's; Stan is in the team but a stakeholder.
        for (Api viewer : new Api[] {rita, stan}) {
            assertHidden(viewer, paula);
            assertHidden(viewer, olga);
        }
        // Administrators and the person themself always.
        for (var person : List.of(paula, olga, nick)) {
            assertSees(admin(), person);
            assertSees(api(person), person);
        }
        assertThat(find(stan.get("/api/v1/users").json(), stanUser.id()).get("email").asString())
                .isEqualTo(stanUser.email());

        // Nobody here has a verified contact method, so all are listed as unreachable, with e-mail by the same rule.
        assertThat(find(rita.get("/api/v1/notify/unreachable-users").expect(200).json(), paula.id()).path("email")
                .isNull()).isTrue();
        assertThat(find(tom.get("/api/v1/notify/unreachable-users").json(), paula.id()).get("email").asString())
                .isEqualTo(paula.email());
        assertThat(find(tom.get("/api/v1/notify/unreachable-users").json(), nick.id()).path("email").isNull())
                .isTrue();
    }

    private void assertSees(Api viewer, User person) {
        for (JsonNode seen : new JsonNode[] {find(viewer.get("/api/v1/users").expect(200).json(), person.id()),
                viewer.get("/api/v1/users/" + person.id()).expect(200).json()}) {
            assertThat(seen.get("email").asString()).isEqualTo(person.email());
            assertThat(seen.get("phone").asString()).isEqualTo(PHONE);
            assertThat(absent(seen, "contact")).isTrue();
        }
    }

    private void assertHidden(Api viewer, User person) {
        for (JsonNode seen : new JsonNode[] {find(viewer.get("/api/v1/users").expect(200).json(), person.id()),
                viewer.get("/api/v1/users/" + person.id()).expect(200).json()}) {
            assertThat(seen.get("name").asString()).isEqualTo(person.name());
            assertThat(absent(seen, "email")).isTrue();
            assertThat(absent(seen, "phone")).isTrue();
            assertThat(seen.get("contact").asString()).isEqualTo("page through Tocsin");
        }
        assertThat(viewer.get("/api/v1/users/" + person.id()).body()).doesNotContain(person.email());
    }

    private User withPhone(User user) {
        admin().put("/api/v1/users/" + user.id(), Map.of("name", user.name(), "email", user.email(), "phone", PHONE))
                .expect(200);
        return user;
    }

    private Api api(User user) {
        return new Api(baseUrl(), tokenFor(user.id()));
    }

    private String team(UUID... members) {
        String teamId = admin().post("/api/v1/teams", Map.of("name", "pd-team-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        for (UUID m : members) {
            admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", m, "lead", false)).expect(200);
        }
        return teamId;
    }

    private void schedule(String teamId, UUID onCall, Instant start) {
        admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", "PD " + System.nanoTime(), "timeZone",
                "Europe/Berlin", "layers", List.of(Map.of("name", "Weekly", "participants", List.of(onCall),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString()))))
                .expect(201);
    }

    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode();
    }

    private static JsonNode find(JsonNode users, UUID id) {
        for (var u : users) {
            if (u.get("id").asString().equals(id.toString())) {
                return u;
            }
        }
        throw new AssertionError("no user " + id);
    }
}
