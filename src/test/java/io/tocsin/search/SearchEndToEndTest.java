package io.tocsin.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.support.Api;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18 points 1 and 2 end to end (R32), on H2 and PostgreSQL: what is written through the API is found by the
 * search API with highlighting in English and German, stakeholders never find or see personal contact data, and
 * the incident page shows the similar past incident with why, its workaround and who resolved it, offers that
 * person in one click, and follows a change of the incident live; the top-bar search box finds it too.
 */
class SearchEndToEndTest extends IntegrationTest {

    private final String token = "zorbel" + Long.toString(System.nanoTime(), 36).replaceAll("\\d", "");
    private final String mailToken = "qwimp" + Long.toString(System.nanoTime(), 36).replaceAll("\\d", "");

    record World(User rita, Api ritaApi, String past, String other, String current, String problem, String email) {
    }

    private World world() {
        var serviceA = newService("payments");
        var serviceB = newService("mail");
        var rita = createUser(Role.RESPONDER, "Rita Resolver");
        var api = new Api(baseUrl(), tokenFor(rita.id()));
        String email = "rita." + token + "@example.org";

        var past = declare(api, "Card payments rejected: " + token + " gateway certificate expired", serviceA);
        api.post("/api/v1/incidents/" + past + "/assign", Map.of()).expect(200);
        api.post("/api/v1/incidents/" + past + "/timeline", Map.of("kind", "OBSERVATION", "body",
                "TLS handshake to the " + token + " payment gateway fails; ask " + email + " or call +49 30 1234 5678"))
                .expect(201);
        api.post("/api/v1/incidents/" + past + "/timeline", Map.of("kind", "NOTE", "body",
                "Die Zertifikate des " + token + " Gateways sind abgelaufen")).expect(201);
        api.post("/api/v1/incidents/" + past + "/resolve", Map.of("reason", "Rotated the " + token
                + " gateway certificate")).expect(200);
        String problem = api.post("/api/v1/problems", Map.of("title", token + " gateway certificate expires unnoticed",
                "status", "KNOWN_ERROR", "workaround", "Switch payments to the backup gateway",
                "incidents", List.of(past))).expect(201).json().get("key").asString();

        var other = declare(api, "Mail relay queue stuck, " + mailToken + " messages pile up", serviceB);
        api.post("/api/v1/incidents/" + other + "/assign", Map.of()).expect(200);
        api.post("/api/v1/incidents/" + other + "/timeline", Map.of("kind", "OBSERVATION", "body",
                "The " + mailToken + " relay refuses connections, outgoing mail queue grows")).expect(201);
        api.post("/api/v1/incidents/" + other + "/resolve", Map.of("reason", "Restarted the relay")).expect(200);

        var current = declare(api, "Payments failing again, " + token + " gateway certificate expired?", serviceA);
        return new World(rita, api, past, other, current, problem, email);
    }

    @Test
    void searchFindsWhatWasWrittenAndStakeholdersSeeNoContactData() {
        var w = world();
        var responder = newUser(Role.RESPONDER, "Ron Reader");
        var stakeholder = newUser(Role.STAKEHOLDER, "Stella Stakeholder");

        var hits = await().atMost(Duration.ofSeconds(60)).until(() -> search(responder, token), h -> types(h).containsAll(
                List.of("incident", "timeline", "problem")));
        assertThat(keys(hits)).contains(w.past(), w.current(), w.problem());
        assertThat(hits.toString()).contains("<mark>").doesNotContain(w.email()).doesNotContain("1234 5678");

        // German stemming: "Zertifikat" finds "Zertifikate"; English stemming: "rotating" finds "Rotated".
        assertThat(keys(search(responder, "Zertifikat " + token))).contains(w.past());
        assertThat(types(search(responder, "certificates " + token))).contains("incident");

        // Contact data: members find it, stakeholders neither find it nor see it.
        assertThat(keys(search(responder, w.email()))).containsExactly(w.past());
        assertThat(search(stakeholder, w.email())).isEmpty();
        var stakeholderHits = search(stakeholder, token);
        assertThat(keys(stakeholderHits)).contains(w.past());
        assertThat(stakeholderHits.toString()).doesNotContain(w.email()).doesNotContain("1234 5678");

        var missing = responder.get("/api/v1/search").expect(422).json();
        assertThat(missing.toString()).contains("\"q\"");
        responder.get("/api/v1/search?q=x&limit=0").expect(422);
        // Query syntax errors are not the reader's problem: searched as plain words.
        responder.get("/api/v1/search?q=" + enc("\"unbalanced (" + token)).expect(200);

        var similar = await().atMost(Duration.ofSeconds(60)).until(
                () -> responder.get("/api/v1/incidents/" + w.current() + "/similar").expect(200).json(),
                s -> s.size() > 0 && s.get(0).get("key").asString().equals(w.past()));
        var first = similar.get(0);
        assertThat(strings(first.get("reasons"))).contains("SHARED_SERVICE", "SIMILAR_TEXT");
        assertThat(first.get("resolution").asString()).contains("Rotated the " + token);
        assertThat(first.get("fixes").get(0).get("problemKey").asString()).isEqualTo(w.problem());
        assertThat(first.get("fixes").get(0).get("workaround").asString()).isEqualTo("Switch payments to the backup gateway");
        assertThat(first.get("helpers").get(0).get("name").asString()).isEqualTo("Rita Resolver");
        assertThat(strings(first.get("helpers").get(0).get("did"))).contains("resolved", "incident-manager");
        for (var s : similar) {
            assertThat(s.get("key").asString()).isNotEqualTo(w.current()); // never itself, never an open incident
            assertThat(s.get("status").asString()).isIn("RESOLVED", "CLOSED");
        }
        responder.get("/api/v1/incidents/" + w.current() + "/similar?limit=99").expect(422);
        responder.get("/api/v1/incidents/INC-999999999/similar").expect(404);
    }

    @Test
    void incidentPageShowsWhoHelpedLastTimeAndFollowsChanges() {
        var w = world();
        await().atMost(Duration.ofSeconds(60)).until(() -> search(w.ritaApi(), token).size() >= 3);
        var responder = createUser(Role.RESPONDER, "Paula Page");
        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(responder.email(), "password-of-" + responder.name().length() + "-chars");
            browser.open("/incidents/" + w.current());
            var box = By.cssSelector("#similar-incidents [data-similar='" + w.past() + "']");
            browser.waitForText(box, w.past());
            var first = browser.text(By.cssSelector("#similar-incidents .similar-incident"));
            assertThat(first).contains(w.past(), "Same service", "Similar text", "Rotated the " + token,
                    "Switch payments to the backup gateway", "Known error", "Who helped last time", "Rita Resolver");

            // One click: Rita becomes the subject matter expert of the current incident (the roles API).
            browser.click(By.cssSelector("#similar-incidents [data-similar='" + w.past() + "'] .ask-helper"));
            await().atMost(Duration.ofSeconds(20)).until(() -> w.ritaApi().get("/api/v1/incidents/" + w.current()
                    + "/roles").expect(200).body().contains("Rita Resolver"));

            // The incident changes (its summary now tells the mail story): the box follows without a reload.
            w.ritaApi().patch("/api/v1/incidents/" + w.current(), Map.of("summary", "Mail relay refuses "
                    + mailToken + " connections, queue grows")).expect(200);
            browser.waitFor(d -> d.findElements(By.cssSelector("#similar-incidents .similar-incident")).stream()
                    .findFirst().map(e -> e.getText().contains(w.other())).orElse(false));

            // The top bar's search box: text goes to the results page, a key straight to its incident.
            browser.type(By.cssSelector("header input[type=search]"), token + "\n");
            browser.waitFor(d -> d.getCurrentUrl().contains("/search"));
            browser.find(By.cssSelector("#search-results .search-result mark"));
            assertThat(browser.text(By.id("search-results"))).contains(w.past(), w.problem());
            browser.type(By.cssSelector("header input[type=search]"), w.other() + "\n");
            browser.waitFor(d -> d.getCurrentUrl().endsWith("/incidents/" + w.other()));
        }
        try (var browser = new Browser(baseUrl(), "de")) {
            var stakeholder = createUser(Role.STAKEHOLDER, "Sina Stakeholder");
            admin().put("/api/v1/users/" + stakeholder.id(), Map.of("name", stakeholder.name(), "email",
                    stakeholder.email(), "locale", "de", "timeZone", "Europe/Berlin")).expect(200);
            browser.login(stakeholder.email(), "password-of-" + stakeholder.name().length() + "-chars");
            browser.open("/incidents/" + w.current());
            browser.waitForText(By.cssSelector("#similar-incidents"), "Ähnliche frühere Vorfälle");
            browser.waitFor(d -> !d.findElements(By.cssSelector("#similar-incidents .similar-helper")).isEmpty());
            assertThat(browser.text(By.id("similar-incidents"))).contains("Wer beim letzten Mal geholfen hat");
            assertThat(browser.driver().findElements(By.cssSelector("#similar-incidents .ask-helper"))).isEmpty();
        }
    }

    private String declare(Api api, String summary, String serviceId) {
        return api.post("/api/v1/incidents", Map.of("summary", summary, "severity", 3, "serviceId", serviceId))
                .expect(201).json().get("key").asString();
    }

    private String newService(String name) {
        return admin().post("/api/v1/services", Map.of("name", name + "-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
    }

    private static JsonNode search(Api api, String q) {
        return api.get("/api/v1/search?q=" + enc(q)).expect(200).json().get("results");
    }

    private static List<String> types(JsonNode hits) {
        var out = new ArrayList<String>();
        hits.forEach(h -> out.add(h.get("type").asString()));
        return out;
    }

    private static List<String> keys(JsonNode hits) {
        var out = new ArrayList<String>();
        hits.forEach(h -> out.add(h.get("key").asString()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
