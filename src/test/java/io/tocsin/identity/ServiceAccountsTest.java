package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Service accounts for automation, owned by a team, with scoped tokens (issue 15 point 3, R15): created and given
 * tokens by the owning team's managers and by administrators only; a responder of the team or a manager of
 * another team gets 403; the token acts within its scopes; retiring the account ends its tokens; all audited.
 */
class ServiceAccountsTest extends IntegrationTest {

    @Test
    void theOwningTeamsManagersRunTheirServiceAccounts() {
        var team = admin().post("/api/v1/teams", Map.of("name", "Automation " + System.nanoTime())).expect(201)
                .json().get("id").asText();
        var other = admin().post("/api/v1/teams", Map.of("name", "Other " + System.nanoTime())).expect(201)
                .json().get("id").asText();
        var managerUser = createUser(Role.RESPONDER, "Mia Manager");
        var responderUser = createUser(Role.RESPONDER, "Rob Responder");
        var otherManagerUser = createUser(Role.RESPONDER, "Otto Othermanager");
        admin().post("/api/v1/teams/" + team + "/members", Map.of("userId", managerUser.id(), "role", "MANAGER"))
                .expect(200);
        admin().post("/api/v1/teams/" + team + "/members", Map.of("userId", responderUser.id(), "role", "RESPONDER"))
                .expect(200);
        admin().post("/api/v1/teams/" + other + "/members", Map.of("userId", otherManagerUser.id(), "role", "MANAGER"))
                .expect(200);
        Api manager = api(managerUser.id());
        Api responder = api(responderUser.id());
        Api otherManager = api(otherManagerUser.id());

        var body = Map.of("name", "CI deploy bot", "teamId", team);
        assertThat(responder.post("/api/v1/service-accounts", body).status()).isEqualTo(403);
        assertThat(otherManager.post("/api/v1/service-accounts", body).status()).isEqualTo(403);
        var badRole = manager.post("/api/v1/service-accounts", Map.of("name", "x", "teamId", team, "role", "ADMIN"));
        assertThat(badRole.status()).isEqualTo(422);
        assertThat(badRole.body()).contains("role");
        assertThat(manager.post("/api/v1/service-accounts", Map.of("name", "x", "teamId", UUID.randomUUID()))
                .status()).isEqualTo(422);

        var account = manager.post("/api/v1/service-accounts", body).expect(201).json();
        String id = account.get("id").asText();
        assertThat(account.get("teamId").asText()).isEqualTo(team);
        assertThat(account.get("role").asText()).isEqualTo("RESPONDER");
        admin().post("/api/v1/service-accounts", Map.of("name", "Admin-made bot", "teamId", team)).expect(201);

        var tokenBody = Map.of("name", "deploys", "scopes", List.of("INCIDENTS"),
                "expiresAt", clock.instant().plusSeconds(86_400).toString());
        assertThat(responder.post("/api/v1/service-accounts/" + id + "/tokens", tokenBody).status()).isEqualTo(403);
        assertThat(otherManager.post("/api/v1/service-accounts/" + id + "/tokens", tokenBody).status()).isEqualTo(403);
        var created = manager.post("/api/v1/service-accounts/" + id + "/tokens", tokenBody).expect(201).json();
        Api bot = new Api(baseUrl(), created.get("token").asText());

        // The token acts as the account, within its scope.
        assertThat(bot.get("/api/v1/me").expect(200).json().get("id").asText()).isEqualTo(id);
        assertThat(bot.post("/api/v1/incidents/INC-999999/resolve", Map.of()).status()).as("in scope, unknown incident")
                .isEqualTo(404);
        assertThat(bot.post("/api/v1/schedules", Map.of()).status()).as("out of scope").isEqualTo(403);
        assertThat(bot.post("/api/v1/service-accounts", body).status()).as("a bot does not make bots")
                .isEqualTo(403);
        assertThat(manager.get("/api/v1/service-accounts/" + id + "/tokens").expect(200).json().size()).isEqualTo(1);

        var actions = identity.findUser(UUID.fromString(id)).map(u -> u.id()).map(uid ->
                jdbc.sql("select action from audit_log where entity_type = 'user' and entity_id = ? order by id")
                        .param(uid.toString()).query(String.class).list()).orElseThrow();
        assertThat(actions).contains("service-account.created", "api-token.created");

        // Retired: the token no longer works.
        assertThat(responder.delete("/api/v1/service-accounts/" + id).status()).isEqualTo(403);
        manager.delete("/api/v1/service-accounts/" + id).expect(200);
        assertThat(bot.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'service-account.retired' and entity_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1L);
    }

    private Api api(UUID userId) {
        return new Api(baseUrl(), tokenFor(userId));
    }
}
