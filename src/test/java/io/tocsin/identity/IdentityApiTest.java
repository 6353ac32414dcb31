package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** Users, teams and memberships, roles, personal API tokens, and the audit trail of who changed what. */
class IdentityApiTest extends IntegrationTest {

    @Test
    void adminCreatesPeopleAndTeamsAndEveryWriteIsAudited() {
        String email = "dora." + System.nanoTime() + "@example.org";
        var created = admin().post("/api/v1/users", Map.of("name", "Dora Dev", "email", email.toUpperCase(),
                "timeZone", "Europe/Berlin", "locale", "de", "role", "RESPONDER", "password", "correct horse battery"))
                .expect(201).json();
        assertThat(created.get("email").asString()).isEqualTo(email);
        assertThat(created.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(created.get("locale").asString()).isEqualTo("de");
        String userId = created.get("id").asString();

        // The password is stored hashed with Argon2id, never in clear.
        String hash = jdbc.sql("select password_hash from app_user where id = ?").param(java.util.UUID.fromString(userId))
                .query(String.class).single();
        assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain("correct horse");

        var team = admin().post("/api/v1/teams", Map.of("name", "Payments " + System.nanoTime())).expect(201).json();
        String teamId = team.get("id").asString();
        var withMember = admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", userId, "lead", true))
                .expect(200).json();
        assertThat(withMember.get("members").get(0).get("name").asString()).isEqualTo("Dora Dev");
        assertThat(withMember.get("members").get(0).get("lead").asBoolean()).isTrue();
        admin().delete("/api/v1/teams/" + teamId + "/members/" + userId).expect(200);
        assertThat(admin().get("/api/v1/teams/" + teamId).json().get("members").size()).isZero();

        var audit = jdbc.sql("select action, actor_name from audit_log where entity_id in (?, ?) order by id")
                .params(userId, teamId).query((rs, n) -> rs.getString(1) + " by " + rs.getString(2)).list();
        assertThat(audit).containsExactly("user.created by Administrator", "team.created by Administrator",
                "team.member-put by Administrator", "team.member-removed by Administrator");
    }

    @Test
    void duplicateEmailsAndBadZonesAreRefused() {
        String email = "eve." + System.nanoTime() + "@example.org";
        admin().post("/api/v1/users", Map.of("name", "Eve", "email", email)).expect(201);
        var dup = admin().post("/api/v1/users", Map.of("name", "Eve 2", "email", email));
        assertThat(dup.status()).isEqualTo(409);
        var zone = admin().post("/api/v1/users", Map.of("name", "Zed", "email", "z" + email, "timeZone", "Mars/Olympus"));
        assertThat(zone.status()).isEqualTo(422);
        assertThat(zone.json().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");
        var locale = admin().post("/api/v1/users", Map.of("name", "Zed", "email", "z" + email, "locale", "fr"));
        assertThat(locale.status()).isEqualTo(422);
        var badEmail = admin().post("/api/v1/users", Map.of("name", "Zed", "email", "not-an-address"));
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(identity.findByEmail("z" + email)).isEmpty();
    }

    @Test
    void tokensAreShownOnceStoredHashedAndRevocable() {
        Api me = newUser(Role.RESPONDER, "Tina Token");
        var created = me.post("/api/v1/me/tokens", Map.of("name", "ci")).expect(201).json();
        String token = created.get("token").asString();
        assertThat(token).startsWith("tcs_").hasSizeGreaterThan(40);

        var listed = me.get("/api/v1/me/tokens").expect(200).body();
        assertThat(listed).doesNotContain(token).contains(created.get("prefix").asString());
        long stored = jdbc.sql("select count(*) from api_token where token_hash = ?").param(ApiTokens.hash(token))
                .query(Long.class).single();
        assertThat(stored).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?").param(token).query(Long.class).single())
                .isZero();

        var withNewToken = me.withToken(token);
        assertThat(withNewToken.get("/api/v1/me").expect(200).json().get("name").asString()).isEqualTo("Tina Token");
        me.delete("/api/v1/me/tokens/" + created.get("id").asString()).expect(204);
        assertThat(withNewToken.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void rolesLimitWhatPeopleMayDo() {
        Api responder = newUser(Role.RESPONDER, "Rob Responder");
        Api stakeholder = newUser(Role.STAKEHOLDER, "Sue Stakeholder");
        assertThat(responder.post("/api/v1/users", Map.of("name", "x", "email", "x@example.org")).status()).isEqualTo(403);
        assertThat(responder.post("/api/v1/services", Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(stakeholder.get("/api/v1/services").status()).isEqualTo(200);
        assertThat(stakeholder.post("/api/v1/products", Map.of("name", "x")).status()).isEqualTo(403);
        assertThat(stakeholder.get("/api/v1/me").json().get("role").asString()).isEqualTo("STAKEHOLDER");
    }

    @Test
    void peopleChangeTheirOwnProfileAndPassword() {
        Api me = newUser(Role.RESPONDER, "Pat Profile");
        var profile = me.get("/api/v1/me").json();
        var updated = me.put("/api/v1/me", Map.of("name", "Pat P.", "email", profile.get("email").asString(),
                "timeZone", "America/New_York", "locale", "en", "phone", "+1 555 0100")).expect(200).json();
        assertThat(updated.get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(me.put("/api/v1/me/password", Map.of("currentPassword", "wrong-password-123",
                "newPassword", "a-new-password-123")).status()).isEqualTo(422);
        me.put("/api/v1/me/password", Map.of("currentPassword", "password-of-11-chars",
                "newPassword", "a-new-password-123")).expect(204);
    }
}
