package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15 point 2 (R9, R10, R16): removing a team member, making one an observer, or deactivating a user that
 * would leave a target of an assigned policy (the team, a schedule, the user) reaching nobody answers 409 problem+json {@code reaches-nobody}
 * naming the policies and services, changes nothing, and with {@code confirm=true} is made and audited. A change
 * that strands nothing, or strands only an unassigned policy's target, goes through without asking.
 */
class ReachesNobodyPeopleTest extends EscalationTestSupport {

    @Test
    void removingATeamsLastActiveMemberNeedsAConfirmationAndIsAudited() {
        var tina = responder("Tina Lastmember");
        String teamId = team(tina);
        var policy = policy(0, level(5, Map.of("type", "TEAM", "id", teamId)));
        String serviceId = service(null);
        assign(serviceId, policy);
        String path = "/api/v1/teams/" + teamId + "/members/" + tina.id();

        var refused = admin().delete(path).expect(409);
        assertNamesPolicyAndService(refused, policy, serviceId);
        assertThat(refused.json().get("detail").asString()).contains("confirm=true");
        assertThat(members(teamId)).as("nothing changed").isEqualTo(1);
        assertThat(audited(teamId)).isZero();

        admin().delete(path + "?confirm=true").expect(200);
        assertThat(members(teamId)).isZero();
        assertThat(audited(teamId)).isEqualTo(1);
    }

    @Test
    void deactivatingTheOnlyPersonOfATargetedScheduleOrAUserTargetNeedsAConfirmation() {
        var cast = cast("Rhea Reachable", "Uwe Unverified", "Otto Onlyone");
        var policy = policy(0, level(5, Map.of("type", "SCHEDULE", "id", cast.scheduleId())));
        String serviceId = service(null);
        assign(serviceId, policy);
        String otto = "/api/v1/users/" + cast.onCall().id();
        var user = admin().get(otto).expect(200).json();

        var refused = admin().put(otto, Map.of("name", "Otto Renamed", "email", user.get("email").asString(),
                "active", false)).expect(409);
        assertNamesPolicyAndService(refused, policy, serviceId);
        assertThat(refused.json().get("detail").asString()).contains(cast.scheduleName());
        var unchanged = admin().get(otto).expect(200).json();
        assertThat(unchanged.get("active").asBoolean()).isTrue();
        assertThat(unchanged.get("name").asString()).as("nothing half-written").isEqualTo("Otto Onlyone");
        assertThat(audited(cast.onCall().id().toString())).isZero();

        admin().put(otto + "?confirm=true", Map.of("name", "Otto Onlyone", "email", user.get("email").asString(),
                "active", false)).expect(200);
        assertThat(admin().get(otto).expect(200).json().get("active").asBoolean()).isFalse();
        assertThat(audited(cast.onCall().id().toString())).isEqualTo(1);

        // A user target directly: the same question.
        var direct = policy(0, level(5, user(cast.reachable())));
        String other = service(null);
        assign(other, direct);
        String rhea = "/api/v1/users/" + cast.reachable().id();
        var rheaJson = admin().get(rhea).json();
        assertNamesPolicyAndService(admin().put(rhea, Map.of("name", "Rhea Reachable", "email",
                rheaJson.get("email").asString(), "active", false)).expect(409), direct, other);
    }

    /**
     * Issue 15 point 2 (R9, R16): a team target pages the team's managers and responders, not its observers; so
     * making its last responder an observer asks first, names policy and service, changes nothing, and with
     * {@code confirm=true} is made and audited naming the service. A role change that leaves someone paged, or an
     * observer becoming a responder, does not ask.
     */
    @Test
    void makingATeamsLastResponderAnObserverNeedsAConfirmationAndIsAudited() {
        var olaf = responder("Olaf Observerlater");
        var mia = responder("Mia Manager");
        String teamId = team(olaf, mia);
        var policy = policy(0, level(5, Map.of("type", "TEAM", "id", teamId)));
        String serviceId = service(null);
        assign(serviceId, policy);
        String members = "/api/v1/teams/" + teamId + "/members";

        // Mia becomes an observer: Olaf still takes the team's pages, so nothing to ask.
        admin().post(members, Map.of("userId", mia.id(), "role", "OBSERVER")).expect(200);
        var refused = admin().post(members, Map.of("userId", olaf.id(), "role", "OBSERVER")).expect(409);
        assertNamesPolicyAndService(refused, policy, serviceId);
        assertThat(refused.json().get("detail").asString()).contains("observer").contains("confirm=true");
        assertThat(role(teamId, olaf.id())).as("nothing changed").isEqualTo("RESPONDER");
        assertThat(audited(teamId)).isZero();

        admin().post(members + "?confirm=true", Map.of("userId", olaf.id(), "role", "OBSERVER")).expect(200);
        assertThat(role(teamId, olaf.id())).isEqualTo("OBSERVER");
        assertThat(audited(teamId)).isEqualTo(1);
        String serviceName = admin().get("/api/v1/services/" + serviceId).json().get("name").asString();
        assertThat(jdbc.sql("select detail from audit_log where action = 'identity.reaches-nobody-confirmed'"
                + " and entity_id = ?").param(teamId).query(String.class).single()).contains(serviceName)
                .contains(policy.get("name").asString());
        // The policy's preview shows it: an observer is not paged.
        assertThat(admin().get("/api/v1/escalation-policies/" + policy.get("id").asString() + "/preview").expect(200)
                .body()).doesNotContain(olaf.id().toString());

        // Back to responder: it reaches somebody again, nothing to ask; removing an observer never asks.
        admin().post(members, Map.of("userId", olaf.id(), "role", "RESPONDER")).expect(200);
        admin().delete(members + "/" + mia.id()).expect(200);
        assertThat(audited(teamId)).isEqualTo(1);
    }

    @Test
    void changesThatStrandNothingAssignedGoThroughWithoutAsking() {
        var a = responder("Ada Staying");
        var b = responder("Ben Leaving");
        String teamId = team(a, b);
        assign(service(null), policy(0, level(5, Map.of("type", "TEAM", "id", teamId))));
        admin().delete("/api/v1/teams/" + teamId + "/members/" + b.id()).expect(200);

        // Lou is his team's last member, but the only policy targeting the team is assigned to no service.
        var lone = responder("Lou Lone");
        String loneTeam = team(lone);
        policy(0, level(5, Map.of("type", "TEAM", "id", loneTeam)));
        admin().delete("/api/v1/teams/" + loneTeam + "/members/" + lone.id()).expect(200);
        assertThat(audited(loneTeam)).isZero();
        assertThat(audited(teamId)).isZero();
    }

    private void assertNamesPolicyAndService(Api.Response refused, JsonNode policy, String serviceId) {
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/reaches-nobody");
        String serviceName = admin().get("/api/v1/services/" + serviceId).expect(200).json().get("name").asString();
        assertThat(refused.json().get("detail").asString()).contains(policy.get("name").asString())
                .contains(serviceName);
        assertThat(refused.json().get("usedBy").get("escalation policies").toString())
                .contains(policy.get("name").asString());
        assertThat(refused.json().get("usedBy").get("services").toString()).contains(serviceName);
    }

    private String role(String teamId, UUID userId) {
        for (var m : admin().get("/api/v1/teams/" + teamId).expect(200).json().get("members")) {
            if (m.get("userId").asString().equals(userId.toString())) {
                return m.get("role").asString();
            }
        }
        throw new AssertionError("not a member: " + userId);
    }

    private long members(String teamId) {
        return admin().get("/api/v1/teams/" + teamId).expect(200).json().get("members").size();
    }

    private long audited(String entityId) {
        return jdbc.sql("select count(*) from audit_log where action = 'identity.reaches-nobody-confirmed'"
                + " and entity_id = ?").param(UUID.fromString(entityId).toString()).query(Long.class).single();
    }
}
