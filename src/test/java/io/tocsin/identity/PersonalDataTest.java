package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15 "Why" and point 3 (R16): a stakeholder no longer reads everyone's phone number and e-mail through
 * {@code GET /api/v1/users}; administrators, the person and responders (who page people) still do.
 */
class PersonalDataTest extends IntegrationTest {

    @Test
    void aStakeholderSeesNamesButNotOtherPeoplesPhoneOrEmail() {
        var paula = createUser(Role.RESPONDER, "Paula Phone");
        admin().put("/api/v1/users/" + paula.id(), Map.of("name", "Paula Phone", "email", paula.email(),
                "phone", "+49 30 1234567")).expect(200);
        var stanUser = createUser(Role.STAKEHOLDER, "Stan Stakeholder");
        Api stan = new Api(baseUrl(), tokenFor(stanUser.id()));

        JsonNode seenByStan = find(stan.get("/api/v1/users").expect(200).json(), paula.id().toString());
        assertThat(seenByStan.get("name").asString()).isEqualTo("Paula Phone");
        assertThat(absent(seenByStan, "email")).isTrue();
        assertThat(absent(seenByStan, "phone")).isTrue();
        var one = stan.get("/api/v1/users/" + paula.id()).expect(200).json();
        assertThat(absent(one, "email")).isTrue();
        assertThat(absent(one, "phone")).isTrue();
        assertThat(stan.get("/api/v1/users").body()).doesNotContain("+49 30 1234567").doesNotContain(paula.email());
        // Stan sees his own.
        assertThat(find(stan.get("/api/v1/users").json(), stanUser.id().toString()).get("email").asString())
                .isEqualTo(stanUser.email());

        for (Api viewer : new Api[] {admin(), newUser(Role.RESPONDER, "Rita Responder"), new Api(baseUrl(),
                tokenFor(paula.id()))}) {
            var seen = find(viewer.get("/api/v1/users").expect(200).json(), paula.id().toString());
            assertThat(seen.get("email").asString()).isEqualTo(paula.email());
            assertThat(seen.get("phone").asString()).isEqualTo("+49 30 1234567");
        }
    }

    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isNull() || node.path(field).isMissingNode();
    }

    private static JsonNode find(JsonNode users, String id) {
        for (var u : users) {
            if (u.get("id").asString().equals(id)) {
                return u;
            }
        }
        throw new AssertionError("no user " + id);
    }
}
