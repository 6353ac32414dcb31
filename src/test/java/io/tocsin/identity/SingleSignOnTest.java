package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.support.Browser;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import io.tocsin.support.TestOpenIdProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Single sign-on with OpenID Connect against a real OpenID provider that the test starts (Spring Authorization
 * Server, {@link TestOpenIdProvider}), issue 15 point 1, R15/R16: discovery from the issuer URL, the authorization
 * code flow with PKCE (the provider refuses clients without it), a person created at the first login from the
 * claims, the {@code groups} claim landing them in a team with the mapped role and following the groups at the
 * next login, RP-initiated logout ending the provider's session too, the password form switched off with an
 * audited emergency administrator, and the login button in headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SingleSignOnTest {

    private static final String EMERGENCY_PASSWORD = "emergency-admin-password";

    private TestOpenIdProvider idp;
    private RunningApp app;
    private String base;

    @BeforeAll
    void start() {
        int port = TestOpenIdProvider.freePort();
        base = "http://localhost:" + port;
        idp = TestOpenIdProvider.start("tocsin", "tocsin-client-secret", base + "/login/oauth2/code/corp",
                base + "/login?logout");
        app = RunningApp.start(TestDatabase.create(), "--server.port=" + port, "--tocsin.base-url=" + base,
                "--tocsin.admin.password=" + EMERGENCY_PASSWORD,
                "--tocsin.sso.password-login=false", "--tocsin.sso.emergency-admins=admin@tocsin.local",
                "--tocsin.sso.providers.corp.name=Corp ID",
                "--tocsin.sso.providers.corp.issuer-uri=" + idp.issuer(),
                "--tocsin.sso.providers.corp.client-id=tocsin",
                "--tocsin.sso.providers.corp.client-secret=tocsin-client-secret",
                "--tocsin.sso.providers.corp.role-mappings.[tocsin-admins]=ADMIN",
                "--tocsin.sso.providers.corp.team-mappings[0].group=sre-oncall",
                "--tocsin.sso.providers.corp.team-mappings[0].team=SRE",
                "--tocsin.sso.providers.corp.team-mappings[0].role=RESPONDER",
                "--tocsin.sso.providers.corp.team-mappings[1].group=sre-leads",
                "--tocsin.sso.providers.corp.team-mappings[1].team=SRE",
                "--tocsin.sso.providers.corp.team-mappings[1].role=MANAGER",
                "--tocsin.sso.providers.corp.team-mappings[2].group=dba",
                "--tocsin.sso.providers.corp.team-mappings[2].team=Databases",
                "--tocsin.sso.providers.corp.team-mappings[2].role=OBSERVER");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void firstLoginCreatesThePersonFromClaimsAndGroupsGiveTheTeamRole() throws Exception {
        idp.person("ada", "ada-at-the-provider", Map.of("email", "ada@corp.example", "email_verified", true,
                "name", "Ada Lovelace", "locale", "de-DE", "zoneinfo", "Europe/Vienna",
                "groups", List.of("sre-oncall", "sre-leads", "unrelated")));
        var browser = new Flow();

        // PKCE: Tocsin's authorization request carries an S256 code challenge (and a nonce, and state).
        var authorize = browser.get(base + "/oauth2/authorization/corp");
        assertThat(authorize.statusCode()).isEqualTo(302);
        String location = location(authorize);
        assertThat(location).startsWith(idp.issuer() + "/oauth2/authorize?");
        var query = query(location);
        assertThat(query).containsEntry("code_challenge_method", "S256").containsKeys("code_challenge", "state",
                "nonce").containsEntry("client_id", "tocsin").containsEntry("response_type", "code");
        assertThat(query.get("scope")).contains("openid").contains("email");

        browser.signInAtProvider(location, "ada", "ada-at-the-provider");
        assertThat(browser.dashboard()).isTrue();

        var identity = app.bean(Identity.class);
        var ada = identity.findByEmail("ada@corp.example").orElseThrow();
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.locale().getLanguage()).isEqualTo("de");
        assertThat(ada.zone().getId()).isEqualTo("Europe/Vienna");
        assertThat(ada.role()).isEqualTo(Role.RESPONDER);
        var sre = identity.findTeamByName("SRE").orElseThrow();
        assertThat(sre.roleOf(ada.id())).contains(TeamRole.MANAGER);
        assertThat(identity.findTeamByName("Databases").flatMap(t -> t.roleOf(ada.id()))).isEmpty();
        var actions = app.bean(AuditLog.class).forEntity("user", ada.id()).stream().map(AuditLog.Entry::action).toList();
        assertThat(actions).contains("user.created", "sso.user-provisioned", "login.succeeded");
        assertThat(app.bean(AuditLog.class).forEntity("team", sre.id()).stream().map(AuditLog.Entry::action))
                .contains("sso.team-synced");

        // RP-initiated logout: Tocsin sends the browser to the provider's end-session endpoint with the ID token,
        // the provider ends its session and sends the browser back to Tocsin's login page.
        var logout = browser.post(base + "/logout", "_csrf=" + enc(browser.csrf(base + "/profile")));
        assertThat(logout.statusCode()).isEqualTo(302);
        String endSession = location(logout);
        assertThat(endSession).startsWith(idp.issuer() + "/connect/logout?");
        assertThat(query(endSession)).containsKey("id_token_hint")
                .containsEntry("post_logout_redirect_uri", base + "/login?logout");
        var back = browser.get(endSession);
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(location(back)).startsWith(base + "/login?logout");
        assertThat(idp.logouts()).isNotEmpty();
        assertThat(location(browser.get(base + "/"))).endsWith("/login");
        // The provider's session is over as well: the next login asks for the password at the provider again.
        var again = browser.get(location(browser.get(base + "/oauth2/authorization/corp")));
        assertThat(location(again)).isEqualTo(idp.issuer() + "/login");

        // The groups changed at the provider: the team role follows at the next login; a mapped admin group
        // makes an administrator.
        idp.person("ada", "ada-at-the-provider", Map.of("email", "ada@corp.example", "email_verified", true,
                "name", "Ada Lovelace", "groups", List.of("sre-oncall", "dba", "tocsin-admins")));
        var second = new Flow();
        second.signInAtProvider(location(second.get(base + "/oauth2/authorization/corp")), "ada",
                "ada-at-the-provider");
        assertThat(second.dashboard()).isTrue();
        assertThat(identity.team(sre.id()).roleOf(ada.id())).contains(TeamRole.RESPONDER);
        assertThat(identity.findTeamByName("Databases").orElseThrow().roleOf(ada.id())).contains(TeamRole.OBSERVER);
        assertThat(identity.user(ada.id()).role()).isEqualTo(Role.ADMIN);
        // Still one account: the provider's subject is linked to it.
        assertThat(app.bean(JdbcClient.class).sql("select count(*) from sso_identity where user_id = ?")
                .param(ada.id()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void passwordsAreOffExceptForTheAuditedEmergencyAdministrator() throws Exception {
        var page = new Flow().get(base + "/login").body();
        assertThat(page).contains("id=\"sso-corp\"").contains("Corp ID").doesNotContain("id=\"password-login\"")
                .contains("id=\"emergency-login\"");
        assertThat(new Flow().get(base + "/login?emergency").body()).contains("id=\"password-login\"");

        var identity = app.bean(Identity.class);
        identity.createUser(new Identity.NewUser("Local Larry", "larry@corp.example", "UTC", "en", Role.RESPONDER,
                "larrys-own-password"));
        assertThat(new Flow().passwordLogin("larry@corp.example", "larrys-own-password")).isFalse();
        var larry = identity.findByEmail("larry@corp.example").orElseThrow();
        assertThat(app.bean(AuditLog.class).forEntity("user", larry.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("login.refused");
            assertThat(e.detail()).contains("password login is switched off");
        });

        assertThat(new Flow().passwordLogin("admin@tocsin.local", EMERGENCY_PASSWORD)).isTrue();
        var admin = identity.findByEmail("admin@tocsin.local").orElseThrow();
        assertThat(app.bean(AuditLog.class).forEntity("user", admin.id())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("login.emergency");
            assertThat(e.detail()).contains("emergency administrator");
        });
    }

    @Test
    void anUnverifiedAddressOfAnExistingAccountIsNotTakenOver() throws Exception {
        app.bean(Identity.class).createUser(new Identity.NewUser("Mallory Target", "target@corp.example", "UTC",
                "en", Role.ADMIN, "targets-own-password"));
        idp.person("mallory", "mallory-at-the-provider", Map.of("email", "target@corp.example",
                "email_verified", false, "name", "Mallory"));
        var flow = new Flow();
        var done = flow.signInAtProvider(location(flow.get(base + "/oauth2/authorization/corp")), "mallory",
                "mallory-at-the-provider");
        assertThat(done).isEqualTo(base + "/login?sso-error");
        assertThat(flow.dashboard()).isFalse();
        assertThat(app.bean(AuditLog.class).forEntity("sso", "corp")).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("login.failed");
            assertThat(e.detail()).contains("email_verified");
        });
    }

    @Test
    void theLoginButtonSignsInThroughTheProviderInTheBrowser() {
        idp.person("grace", "grace-at-the-provider", Map.of("email", "grace@corp.example", "email_verified", true,
                "name", "Grace Hopper", "locale", "en", "zoneinfo", "America/New_York", "groups", List.of("dba")));
        try (var browser = new Browser(base, "en")) {
            browser.open("/login");
            assertThat(browser.text(By.id("sso-corp"))).isEqualTo("Sign in with Corp ID");
            browser.click(By.id("sso-corp"));
            browser.waitFor(d -> d.getCurrentUrl().startsWith(idp.issuer() + "/login"));
            browser.type(By.id("username"), "grace");
            browser.type(By.id("password"), "grace-at-the-provider");
            browser.click(By.cssSelector("button[type=submit]"));
            browser.waitFor(d -> d.getCurrentUrl().startsWith(base) && !d.getCurrentUrl().contains("/login"));
            browser.find(By.id("open-incidents"));
        }
        var grace = app.bean(Identity.class).findByEmail("grace@corp.example").orElseThrow();
        assertThat(grace.zone().getId()).isEqualTo("America/New_York");
        assertThat(app.bean(Identity.class).findTeamByName("Databases").orElseThrow().roleOf(grace.id()))
                .contains(TeamRole.OBSERVER);
    }

    /** One browser's cookies for both sites, following redirects by hand so each step can be looked at. */
    private final class Flow {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** From the provider's authorization URL: its login form, back to Tocsin; answers where Tocsin sent us. */
        String signInAtProvider(String authorizeUrl, String username, String password) throws Exception {
            var toLogin = get(authorizeUrl);
            assertThat(location(toLogin)).isEqualTo(idp.issuer() + "/login");
            String csrf = csrf(idp.issuer() + "/login");
            var loggedIn = post(idp.issuer() + "/login", "username=" + enc(username) + "&password=" + enc(password)
                    + "&_csrf=" + enc(csrf));
            assertThat(location(loggedIn)).startsWith(idp.issuer() + "/oauth2/authorize?");
            var toCallback = get(location(loggedIn));
            String callback = location(toCallback);
            assertThat(callback).startsWith(base + "/login/oauth2/code/corp?code=");
            return location(get(callback));
        }

        /** The password form of the emergency login page; answers whether the dashboard opens afterwards. */
        boolean passwordLogin(String email, String password) throws Exception {
            String csrf = csrf(base + "/login?emergency");
            var response = post(base + "/login", "username=" + enc(email) + "&password=" + enc(password)
                    + "&_csrf=" + enc(csrf));
            return response.statusCode() == 302 && !location(response).contains("error") && dashboard();
        }

        boolean dashboard() throws Exception {
            var page = get(base + "/");
            return page.statusCode() == 200 && page.body().contains("id=\"open-incidents\"");
        }

        String csrf(String url) throws Exception {
            var matcher = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|content=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                    .matcher(get(url).body());
            assertThat(matcher.find()).as("a CSRF token on " + url).isTrue();
            return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        }
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static Map<String, String> query(String url) {
        var result = new java.util.LinkedHashMap<String, String>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return result;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
