package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 point 5 (R16): failed logins are throttled per account and per source address with growing waits;
 * while throttled even the right password is refused, and the page says only "wrong e-mail or password" or how
 * long to wait. Every success, failure and refusal is audited with the source address.
 */
class LoginThrottleTest extends IntegrationTest {

    @Test
    void theSixthWrongPasswordInAMinuteIsRefusedEvenWhenRightAndTheWaitGrows() {
        var user = createUser(Role.RESPONDER, "Theo Throttle");
        String right = "password-of-13-chars";
        var session = WebSession.anonymous(baseUrl());
        for (int i = 1; i <= 5; i++) {
            assertThat(location(session.tryLogin(user.email(), "wrong-" + i))).endsWith("/login?error");
        }
        var sixth = session.tryLogin(user.email(), right);
        assertThat(location(sixth)).contains("/login?error&wait=");
        int wait = Integer.parseInt(sixth.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isBetween(1, 60);
        assertThat(session.get(location(sixth).replaceFirst("^https?://[^/]+", "")).body())
                .contains("Too many failed logins. Try again in " + wait + " seconds.")
                .doesNotContain("Wrong e-mail or password.");

        // After the minute the right password works at once.
        clock.advance(Duration.ofSeconds(61));
        assertThat(location(WebSession.anonymous(baseUrl()).tryLogin(user.email(), right))).doesNotContain("error");

        // Five more failures make ten within 15 minutes: now the wait is the rest of those 15 minutes.
        for (int i = 1; i <= 5; i++) {
            session.tryLogin(user.email(), "wrong-again-" + i);
        }
        clock.advance(Duration.ofSeconds(61));
        var longer = session.tryLogin(user.email(), right);
        assertThat(location(longer)).contains("wait=");
        assertThat(Integer.parseInt(longer.headers().firstValue("Retry-After").orElseThrow())).isGreaterThan(600);
        clock.advance(Duration.ofMinutes(14));
        assertThat(location(session.tryLogin(user.email(), right))).doesNotContain("error");

        var audit = jdbc.sql("select action from audit_log where entity_type = 'user' and entity_id = ?"
                + " and action like 'login.%' order by id").param(user.id().toString()).query(String.class).list();
        assertThat(audit).containsSubsequence("login.failed", "login.failed", "login.failed", "login.failed",
                "login.failed", "login.throttled", "login.succeeded", "login.throttled", "login.succeeded");
        assertThat(jdbc.sql("select detail from audit_log where entity_id = ? and action = 'login.failed'")
                .param(user.id().toString()).query(String.class).list().getFirst()).contains("from 127.0.0.1");
    }

    @Test
    void unknownAccountsAreThrottledAndAnsweredLikeKnownOnes() {
        var session = WebSession.anonymous(baseUrl());
        String nobody = "nobody." + System.nanoTime() + "@test.local";
        for (int i = 1; i <= 5; i++) {
            assertThat(location(session.tryLogin(nobody, "guess-" + i))).endsWith("/login?error");
        }
        assertThat(location(session.tryLogin(nobody, "guess-6"))).contains("wait=");
        assertThat(session.get("/login?error").body()).contains("Wrong e-mail or password.");
        clock.advance(Duration.ofSeconds(61));
    }

    @Test
    void oneSourceAddressTryingManyAccountsIsThrottledForEveryAccount() {
        var victim = createUser(Role.RESPONDER, "Vera Victim");
        var session = WebSession.anonymous(baseUrl());
        clock.advance(Duration.ofSeconds(61));
        for (int i = 1; i <= 20; i++) {
            session.tryLogin("spray." + i + "." + System.nanoTime() + "@test.local", "Winter2026!");
        }
        var refused = session.tryLogin(victim.email(), "password-of-11-chars");
        assertThat(location(refused)).contains("wait=");
        clock.advance(Duration.ofSeconds(61));
        assertThat(location(session.tryLogin(victim.email(), "password-of-11-chars"))).doesNotContain("error");
    }

    private static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }
}
