package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 point 3: API tokens carry scopes (read-only, incidents, alerts, on-call, admin) and an expiry. A scope
 * limits a token to part of what its owner may do and never adds a right; an expired token is a 401.
 */
class TokenScopesTest extends IntegrationTest {

    private static final String RESOLVE = "/api/v1/incidents/INC-999999/resolve";
    private static final String SCHEDULES = "/api/v1/schedules";

    @Test
    void aScopeLimitsATokenToItsPartAndNeverAddsRights() {
        var rita = newUser(Role.RESPONDER, "Rita Scopes");
        Api readOnly = rita.withToken(token(rita, List.of("READ_ONLY"), null));
        Api incidents = rita.withToken(token(rita, List.of("INCIDENTS"), null));
        Api onCall = rita.withToken(token(rita, List.of("ON_CALL"), null));

        readOnly.get("/api/v1/me").expect(200);
        assertThat(readOnly.post(RESOLVE, Map.of()).status()).isEqualTo(403);
        assertThat(readOnly.put("/api/v1/me", Map.of("name", "x", "email", "x@example.org")).status()).isEqualTo(403);

        assertThat(incidents.post(RESOLVE, Map.of()).status()).as("let through, unknown incident").isEqualTo(404);
        assertThat(incidents.post(SCHEDULES, Map.of()).status()).isEqualTo(403);
        assertThat(onCall.post(RESOLVE, Map.of()).status()).isEqualTo(403);
        assertThat(onCall.post(SCHEDULES, Map.of()).status()).as("let through, bad body").isIn(400, 422);

        // A stakeholder's ADMIN-scoped token still cannot do what stakeholders cannot.
        var stan = newUser(Role.STAKEHOLDER, "Stan Scopes");
        Api stanAdmin = stan.withToken(token(stan, List.of("ADMIN"), null));
        assertThat(stanAdmin.post(SCHEDULES, Map.of()).status()).isEqualTo(403);

        var listed = rita.get("/api/v1/me/tokens").expect(200).json();
        assertThat(listed.toString()).contains("READ_ONLY").contains("INCIDENTS").contains("ON_CALL");
    }

    @Test
    void anExpiredTokenIsRefusedAndBadScopesOrExpiriesAreRefusedAtCreation() {
        var eve = newUser(Role.RESPONDER, "Eve Expiry");
        String soon = clock.instant().plus(Duration.ofHours(1)).toString();
        var created = eve.post("/api/v1/me/tokens", Map.of("name", "short", "expiresAt", soon)).expect(201).json();
        assertThat(created.get("expiresAt").asString()).isEqualTo(soon);
        Api shortLived = eve.withToken(created.get("token").asString());
        shortLived.get("/api/v1/me").expect(200);
        clock.advance(Duration.ofHours(2));
        assertThat(shortLived.get("/api/v1/me").status()).isEqualTo(401);

        assertThat(eve.post("/api/v1/me/tokens", Map.of("name", "past", "expiresAt",
                clock.instant().minusSeconds(1).toString())).status()).isIn(400, 422);
        assertThat(eve.post("/api/v1/me/tokens", Map.of("name", "bad", "scopes", List.of("EVERYTHING"))).status())
                .isEqualTo(400);
    }

    private static String token(Api owner, List<String> scopes, String expiresAt) {
        var body = new java.util.HashMap<String, Object>(Map.of("name", "scoped", "scopes", scopes));
        if (expiresAt != null) {
            body.put("expiresAt", expiresAt);
        }
        return owner.post("/api/v1/me/tokens", body).expect(201).json().get("token").asString();
    }
}
