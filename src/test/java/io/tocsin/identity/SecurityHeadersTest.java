package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import io.tocsin.shared.NavigationItem;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 15 point 5 (R16): the Content-Security-Policy (no inline script or style, no framing), the
 * Referrer-Policy, the session cookie's flags, a new session id at login (no session fixation), and no page
 * template with an inline script, handler or style; the browser reports violations, which fail browser tests.
 */
class SecurityHeadersTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    List<NavigationItem> items;

    @Test
    void pagesApiAndAnswerLinksCarryTheContentSecurityAndReferrerPolicies() throws Exception {
        for (String path : List.of("/login", "/api/v1/me", "/notify/answer/not-a-token", "/css/tocsin.css")) {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.discarding());
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).contains("script-src 'self';").contains("style-src 'self';")
                    .contains("frame-ancestors 'none'").contains("object-src 'none'").doesNotContain("unsafe");
            // Answer links say no-referrer themselves, which is stricter still.
            assertThat(response.headers().firstValue("Referrer-Policy").orElse("")).as(path)
                    .isIn("same-origin", "no-referrer");
        }
        var swagger = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/swagger-ui/index.html")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(swagger.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self';").contains("frame-ancestors 'none'");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndLoginStartsANewSession() throws Exception {
        var page = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(),
                HttpResponse.BodyHandlers.discarding());
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        // The test server's public URL is http: no Secure flag (SessionCookiesTest covers https).
        assertThat(cookie).doesNotContainIgnoringCase("Secure");

        var user = createUser(Role.STAKEHOLDER, "Fixa Session");
        var session = WebSession.anonymous(baseUrl());
        session.get("/login");
        String before = session.cookie("JSESSIONID");
        assertThat(before).isNotNull();
        assertThat(session.tryLogin(user.email(), "password-of-12-chars").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        String after = session.cookie("JSESSIONID");
        assertThat(after).isNotNull().isNotEqualTo(before);
        // The id an attacker may have planted before the login is worth nothing afterwards.
        var planted = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/profile"))
                .header("Cookie", "JSESSIONID=" + before).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(planted.statusCode()).isEqualTo(302);
        assertThat(planted.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    @Test
    void noPageTemplateHasAnInlineScriptHandlerOrStyle() throws IOException {
        var inline = Pattern.compile("<script(?![^>]*\\bth:src=|[^>]*\\bsrc=)[^>]*>|\\son[a-z]+=|\\sth:on[a-z]+="
                + "|\\sstyle=|\\sth:style=|<style");
        try (var files = Files.walk(Path.of("src/main/resources/templates"))) {
            var offenders = files.filter(f -> f.toString().endsWith(".html"))
                    // Mail bodies are not pages: mail clients know no CSP and need inline styles.
                    .filter(f -> !f.toString().contains("/mail/") && !f.getFileName().toString().equals("mail.html"))
                    .flatMap(f -> lines(f).stream().filter(l -> inline.matcher(l).find()).map(l -> f + ": " + l.strip()))
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void theBrowserReportsAViolationWhichBrowserTestsThenFailOn() {
        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            var pages = new java.util.ArrayList<>(List.of("/", "/admin", "/profile", "/incidents/new"));
            items.forEach(item -> pages.add(item.path()));
            for (String page : pages) {
                browser.open(page);
                assertThat(browser.cspViolations()).as(page).isEmpty();
            }
            // What a forgotten inline style does: the browser refuses it and says so.
            browser.script("var d = document.createElement('div'); d.innerHTML = '<p style=\"color:red\">x</p>';"
                    + " document.body.appendChild(d);");
            browser.open("/");
            browser.script("var s = document.createElement('script'); s.textContent = 'window.x = 1';"
                    + " document.body.appendChild(s);");
            assertThat(browser.cspViolations()).isNotEmpty().anyMatch(m -> m.contains("script-src"));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
