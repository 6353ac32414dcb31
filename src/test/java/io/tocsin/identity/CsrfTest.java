package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 point 5 (R16, who may act): on {@code /api/**} only a request that a Bearer token actually
 * authenticated skips the CSRF check. A hostile page that makes a logged-in browser send the session cookie with
 * some other Authorization header (Basic from a proxy, an empty one) is refused and writes nothing.
 */
class CsrfTest extends IntegrationTest {

    private static final String BODY = "{\"name\":\"forged\"}";

    @Test
    void aSessionCookieWithABasicOrEmptyAuthorizationHeaderStillNeedsTheCsrfToken() {
        var user = createUser(Role.RESPONDER, "Carla Cookie");
        var browser = new WebSession(baseUrl(), user.email(), "password-of-12-chars");
        String basic = "Basic " + Base64.getEncoder().encodeToString("proxy:secret".getBytes());

        for (String authorization : new String[] {basic, "", "Digest username=\"x\"", "Bearer"}) {
            var forged = browser.send("POST", "/api/v1/me/tokens", Map.of("Authorization", authorization), BODY);
            assertThat(forged.statusCode()).as("Authorization: '%s'", authorization).isIn(401, 403);
        }
        var noHeader = browser.send("POST", "/api/v1/me/tokens", Map.of(), BODY);
        assertThat(noHeader.statusCode()).isEqualTo(403);
        assertThat(tokensNamedForged(user)).isZero();

        // The page itself sends the token in the CSRF header: that works, with or without a Basic header.
        browser.get("/profile");
        var fromPage = browser.send("POST", "/api/v1/me/tokens",
                Map.of("Authorization", basic, "X-CSRF-TOKEN", browser.csrfToken()), BODY);
        assertThat(fromPage.statusCode()).isEqualTo(201);
        assertThat(tokensNamedForged(user)).isEqualTo(1);
    }

    @Test
    void aRequestABearerTokenAuthenticatedNeedsNoCsrfTokenAndABadBearerTokenIsA401() {
        var user = createUser(Role.RESPONDER, "Tom Token");
        var browser = new WebSession(baseUrl(), user.email(), "password-of-9-chars");
        String token = tokenFor(user.id());

        var withToken = browser.send("POST", "/api/v1/me/tokens", Map.of("Authorization", "Bearer " + token), BODY);
        assertThat(withToken.statusCode()).isEqualTo(201);
        var badToken = browser.send("POST", "/api/v1/me/tokens", Map.of("Authorization", "Bearer tcs_nonsense"),
                BODY);
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(tokensNamedForged(user)).isEqualTo(1);
    }

    private long tokensNamedForged(User user) {
        return jdbc.sql("select count(*) from api_token where user_id = ? and name = 'forged'").param(user.id())
                .query(Long.class).single();
    }
}
