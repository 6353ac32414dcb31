package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.page;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Private pages on their own host name (issue 11 point 1: "a page may also answer on its own host name ... matched
 * by the Host header"; "private: sign-in required, or an access list of e-mail domains"). Every read a public page
 * has - page, Statuspage v2 JSON, theme, badges, feeds, widget - answers on the private page's host at {@code /}
 * and under {@code /status/{slug}/...}, only to signed-in people of the access list, {@code private, no-cache};
 * anonymous browsers are sent to sign in on that host and come back to the address they asked for; clients
 * without a session get the security chains' answers and never the content; addresses outside the list get the
 * same 404 as an unknown page. Raw HTTP with the Host header the reverse proxy forwards, and a real browser that
 * reaches the application under the page's host name.
 */
class PrivateStatusPageHostTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.tocsin.shared.DurableTimers timers;

    @org.springframework.beans.factory.annotation.Autowired
    io.tocsin.notify.internal.DeliveryWorker worker;

    @Test
    void aPrivatePageAnswersOnItsOwnHostOnlyAfterASignIn() {
        var admin = admin();
        String slug = unique("privhost");
        String host = slug + ".private.example.com";
        String pageId = page(admin, slug, Map.of("visibility", "PRIVATE", "customHost", host)).get("id").asString();
        String componentId = component(admin, pageId, "Ledger", null, List.of()).get("id").asString();
        String name = "Acme " + slug;
        var reads = Map.ofEntries(
                Map.entry("/", name),
                Map.entry("/?lang=de", "Alle Systeme funktionieren"),
                Map.entry("/api/v2/summary.json", "\"name\":\"" + name + "\""),
                Map.entry("/api/v2/incidents/unresolved.json", "\"incidents\":[]"),
                Map.entry("/api/v2/scheduled-maintenances/upcoming.json", "\"scheduled_maintenances\":[]"),
                Map.entry("/theme.css", "--"),
                Map.entry("/badge.svg", "<svg"),
                Map.entry("/badge.svg?lang=de", "<svg"),
                Map.entry("/components/" + componentId + "/badge.svg", "Ledger"),
                Map.entry("/history.rss", "<rss"),
                Map.entry("/history.atom?lang=de", "<feed"),
                Map.entry("/widget.js", "tocsin"),
                Map.entry("/status/" + slug, name),
                Map.entry("/status/" + slug + "/api/v2/status.json", "\"indicator\":\"none\""),
                Map.entry("/status/" + slug + "/history.atom", "<feed"),
                Map.entry("/status/" + slug + "/widget.js", "tocsin"));

        String cookie = "JSESSIONID=" + signedIn().cookie("JSESSIONID");
        reads.forEach((path, content) -> {
            // Anonymous: the API chain's 401 for /api/v2, a sign-in for a browser, never the content.
            var anonymous = Raw.get(port, host, path, "Accept: text/html");
            assertThat(anonymous.status()).as("anonymous " + path).isIn(302, 401);
            assertThat(anonymous.text()).as("anonymous " + path).doesNotContain(name).doesNotContain("<svg")
                    .doesNotContain("<rss").doesNotContain("<feed").doesNotContain("indicator");
            var client = Raw.get(port, host, path, "Accept: application/json");
            assertThat(client.status()).as("client without a session " + path).isIn(302, 401);
            assertThat(client.text()).doesNotContain(name);
            if (path.startsWith("/api/v2/")) {
                assertThat(anonymous.status()).isEqualTo(401);
                assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
            }
            var read = Raw.get(port, host, path, "Cookie: " + cookie);
            assertThat(read.status()).as("signed in " + path).isEqualTo(200);
            assertThat(read.text()).as(path).contains(content);
            assertThat(read.header("Cache-Control")).as(path).isEqualTo("private, no-cache");
        });

        // A browser is sent to sign in on the page's own host, and comes back to what it asked for.
        var first = Raw.get(port, host, "/history.rss?lang=de", "Accept: text/html");
        assertThat(first.status()).isEqualTo(302);
        assertThat(first.header("Location")).isIn("http://" + host + "/login", "/login");
        // Nothing else on that host changed: a path the page does not have is the application's as before.
        assertThat(Raw.get(port, host, "/api/v2/nothing.json", "Cookie: " + cookie).status()).isEqualTo(404);
        assertThat(Raw.get(port, host, "/incidents", "Cookie: " + cookie).status()).isEqualTo(200);
        // The main host's "/" is still the dashboard, not the page.
        assertThat(Raw.get(port, "localhost", "/", "Cookie: " + cookie).text()).doesNotContain(name);
    }

    @Test
    void theAccessListDecidesOnTheOwnHostAsUnderStatus() {
        var admin = admin();
        String listed = unique("privlisted");
        String other = unique("privforeign");
        page(admin, listed, Map.of("visibility", "PRIVATE", "customHost", listed + ".private.example.com",
                "allowedDomains", List.of("test.local")));
        page(admin, other, Map.of("visibility", "PRIVATE", "customHost", other + ".private.example.com",
                "allowedDomains", List.of("customer.example")));
        String cookie = "Cookie: JSESSIONID=" + signedIn().cookie("JSESSIONID");
        var unknown = Raw.get(port, "localhost", "/status/" + unique("nosuchpage"), cookie);
        assertThat(unknown.status()).isEqualTo(404);
        for (String path : List.of("/", "/api/v2/summary.json", "/history.atom", "/widget.js", "/badge.svg",
                "/theme.css")) {
            var allowed = Raw.get(port, listed + ".private.example.com", path, cookie);
            assertThat(allowed.status()).as(ADMIN_EMAIL + " is in the list: " + path).isEqualTo(200);
            assertThat(allowed.header("Cache-Control")).isEqualTo("private, no-cache");
            var refused = Raw.get(port, other + ".private.example.com", path, cookie);
            assertThat(refused.status()).as(ADMIN_EMAIL + " is not in the list: " + path).isEqualTo(404);
            assertThat(refused.body()).as("the same 404 as for a page that does not exist").isEqualTo(unknown.body());
            assertThat(refused.text()).doesNotContain(other);
        }
        assertThat(Raw.get(port, "localhost", "/status/" + other + "/history.rss", cookie).status()).isEqualTo(404);
        assertThat(Raw.get(port, "localhost", "/status/" + listed + "/history.rss", cookie).status()).isEqualTo(200);
        // Through the proxy's X-Forwarded-Host as well.
        var viaProxy = Raw.get(port, "tocsin.internal", "/", cookie, "X-Forwarded-Host: " + listed
                + ".private.example.com");
        assertThat(viaProxy.status()).isEqualTo(200);
        assertThat(viaProxy.text()).contains("Acme " + listed);
    }

    @Test
    void aBrowserSignsInOnThePagesHostAndComesBackToThePage() {
        String slug = unique("privbrowser");
        String host = slug + ".private.example.com";
        page(admin(), slug, Map.of("visibility", "PRIVATE", "customHost", host));
        // The browser resolves the page's host name to this application, as DNS and the proxy would.
        try (var browser = new Browser("http://" + host + ":" + port, "en",
                List.of("--host-resolver-rules=MAP " + host + " 127.0.0.1"))) {
            browser.open("/?lang=de");
            browser.waitFor(d -> d.getCurrentUrl().startsWith("http://" + host + ":" + port + "/login"));
            browser.type(By.id("username"), ADMIN_EMAIL);
            browser.type(By.id("password"), ADMIN_PASSWORD);
            browser.click(By.id("login-submit"));
            browser.waitForText(By.id("overall"), "Alle Systeme funktionieren");
            assertThat(browser.url()).startsWith("http://" + host + ":" + port + "/?");
            assertThat(browser.find(By.tagName("h1")).getText()).contains("Acme " + slug);
            browser.open("/status/" + slug);
            browser.waitForText(By.id("overall"), "All systems operational");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    /**
     * Subscribing to a private page must not get around the sign-in (point 1): mails go only to the address of a
     * person who could sign in and read the page (a user, in the access list); anyone else gets the same answer
     * and no mail. A webhook URL proves nobody, so a private page takes no webhook subscribers and shows no form.
     */
    @Test
    void onlyPeopleWhoMaySeeAPrivatePageCanSubscribeToIt() throws Exception {
        var admin = admin();
        String slug = unique("privsub");
        page(admin, slug, Map.of("visibility", "PRIVATE", "allowedDomains", List.of("test.local")));
        clock.advance(java.time.Duration.ofMinutes(1)); // the subscription form's throttle, shared by the tests
        var colleague = createUser(io.tocsin.identity.Role.STAKEHOLDER, "Pia Privat");
        String stranger = unique("stranger") + "@example.com";
        String noUser = unique("nouser") + "@test.local";
        var visitor = new StatusPageTestSupport.Visitor(baseUrl());
        var answers = new java.util.ArrayList<String>();
        for (String address : List.of(stranger, noUser, colleague.email())) {
            var answer = visitor.form("/status/" + slug + "/subscriptions", Map.of("email", address));
            assertThat(answer.statusCode()).isEqualTo(200);
            answers.add(answer.body().replace(address, ""));
        }
        assertThat(answers).as("the same answer for everyone").containsOnly(answers.getFirst());
        timers.runDue();
        worker.deliverDue();
        assertThat(io.tocsin.support.TestMailServer.mailTo(stranger)).isEmpty();
        assertThat(io.tocsin.support.TestMailServer.mailTo(noUser)).isEmpty();
        assertThat(io.tocsin.support.TestMailServer.mailTo(colleague.email())).singleElement().satisfies(m ->
                assertThat(StatusPageTestSupport.text(m)).contains("/status/" + slug + "/subscriptions/confirm?token="));

        var webhook = anonymous().post("/status/" + slug + "/subscriptions/webhooks", Map.of("url",
                "https://hooks.example.com/status", "email", "ops@example.com"));
        var unknown = anonymous().post("/status/" + unique("nosuch") + "/subscriptions/webhooks", Map.of("url",
                "https://hooks.example.com/status", "email", "ops@example.com"));
        assertThat(webhook.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from status_webhook_subscriber s join status_page p on p.id = s.page_id"
                + " where p.slug = ?").param(slug).query(Long.class).single()).isZero();
        var html = signedIn().get("/status/" + slug);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("subscribe-email").doesNotContain("webhook-subscribe");
    }

    private WebSession signedIn() {
        return new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** One HTTP/1.1 exchange over a socket, with the Host header a reverse proxy forwards. */
    record Raw(int status, String head, String body) {

        static Raw get(int port, String host, String path, String... headers) {
            var raw = StatusPageTestSupport.onHost(port, host + (headers.length == 0 ? "" : "\r\n"
                    + String.join("\r\n", headers)), path);
            int end = raw.indexOf("\r\n\r\n");
            String head = raw.substring(0, end);
            return new Raw(Integer.parseInt(head.substring(9, 12)), head, dechunk(head, raw.substring(end + 4)));
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

        String text() {
            return head + "\r\n\r\n" + body;
        }

        private static String dechunk(String head, String body) {
            if (!head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                return body;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int i = 0;
            var data = new java.io.ByteArrayOutputStream();
            while (i < bytes.length) {
                int eol = indexOf(bytes, i);
                int size = Integer.parseInt(new String(bytes, i, eol - i, StandardCharsets.US_ASCII).split(";")[0]
                        .strip(), 16);
                if (size == 0) {
                    break;
                }
                data.write(bytes, eol + 2, size);
                i = eol + 2 + size + 2;
            }
            return data.toString(StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length - 1; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return bytes.length;
        }
    }
}
