package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.identity.Role;

import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;

/** The server-rendered pages: dashboard order and filters, the service page, forms that keep input, German. */
class PagesTest extends IntegrationTest {

    @Test
    void dashboardShowsOpenIncidentsMajorFirstThenOldest() {
        String service = admin().post("/api/v1/services", Map.of("name", "dash-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        String minorOld = declare(service, 3, "minor, oldest");
        clock.advance(Duration.ofMinutes(5));
        String sev2 = declare(service, 2, "sev 2");
        clock.advance(Duration.ofMinutes(5));
        String sev1 = declare(service, 1, "sev 1, newest");
        String resolved = declare(service, 1, "already resolved");
        admin().post("/api/v1/incidents/" + resolved + "/assign", null).expect(200);
        admin().post("/api/v1/incidents/" + resolved + "/resolve", null).expect(200);

        var session = responderSession("Dash Viewer");
        var page = session.get("/?serviceId=" + service);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(keysInOrder(page.body())).containsExactly(sev1, sev2, minorOld);
        // Issue 13: every major incident (severity 1 and 2) stands above the list, whatever the filter.
        assertThat(keysIn(page.body(), "id=\"major-incidents\"", "</section>")).contains(sev1, sev2)
                .doesNotContain(minorOld, resolved);
        assertThat(page.body()).contains("id=\"my-incidents\"", "id=\"overdue-updates\"", "id=\"my-next-shift\"");

        var onlySev2 = session.get("/?serviceId=" + service + "&severity=2");
        assertThat(keysInOrder(onlySev2.body())).containsExactly(sev2);
        var resolvedOnly = session.get("/?serviceId=" + service + "&status=RESOLVED");
        assertThat(keysInOrder(resolvedOnly.body())).containsExactly(resolved);
        var open = session.get("/?serviceId=" + service + "&status=");
        assertThat(keysInOrder(open.body())).containsExactly(sev1, sev2, minorOld);

        var servicePage = session.get("/services/" + service);
        assertThat(servicePage.statusCode()).isEqualTo(200);
        assertThat(servicePage.body()).contains(sev1).contains(resolved);
    }

    @Test
    void declareFormKeepsInputAndShowsTheErrorNextToTheField() {
        var session = responderSession("Form Filler");
        session.get("/incidents/new");
        var response = session.post("/incidents", Map.of("summary", "", "description", "what I typed",
                "severity", "2"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("what I typed").contains("must not be blank")
                .contains("id=\"severity-2\"");
        assertThat(response.body()).containsPattern("value=\"2\"\\s+id=\"severity-2\"\\s+checked");
    }

    @Test
    void aGermanUserReadsGerman() {
        var user = createUser(Role.RESPONDER, "Hans Hamburg");
        admin().put("/api/v1/users/" + user.id(), Map.of("name", user.name(), "email", user.email(),
                "locale", "de", "timeZone", "Europe/Berlin")).expect(200);
        String key = admin().post("/api/v1/incidents", Map.of("summary", "Suche langsam", "severity", 3)).expect(201)
                .json().get("key").asString();
        var session = new WebSession(baseUrl(), user.email(), "password-of-12-chars");
        var page = session.get("/incidents/" + key);
        assertThat(page.body()).contains("Als Incident-Manager übernehmen").contains("Zeitlicher Ablauf")
                .contains("Schweregrad 3 · Gering").contains("Gemeldet mit Schweregrad 3")
                .containsPattern("(Mo|Di|Mi|Do|Fr|Sa|So)\\.? \\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2} (MEZ|MESZ)");
        assertThat(session.get("/").body()).contains("gerade eben");
        // The language switch in the top bar wins over the profile, from the switching request on.
        assertThat(session.get("/?lang=en").body()).contains("Open incidents");
        assertThat(session.get("/").body()).contains("Open incidents");
        assertThat(session.get("/?lang=de").body()).contains("Offene Vorfälle");
        assertThat(session.get("/incidents/" + key.toLowerCase()).statusCode()).isEqualTo(302);
        assertThat(session.get("/incidents/INC-99999999").statusCode()).isEqualTo(404);
    }

    /** Issue 17: a form post with a character PostgreSQL cannot store is a 400 page naming the field, not a 500. */
    @Test
    void aFormWithAnUnstorableCharacterIsRefusedAndWritesNothing() {
        var session = responderSession("Nora Nul");
        long before = count("incident");
        var page = session.post("/incidents", Map.of("summary", "Checkout\u0000 down", "severity", "2"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("characters that cannot be stored").contains("summary");
        assertThat(count("incident")).isEqualTo(before);
    }

    private String declare(String serviceId, int severity, String summary) {
        return admin().post("/api/v1/incidents", Map.of("summary", summary, "severity", severity,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
    }

    private WebSession responderSession(String name) {
        var user = createUser(Role.RESPONDER, name);
        return new WebSession(baseUrl(), user.email(), "password-of-" + name.length() + "-chars");
    }

    /** The keys of the open-incidents table, in order (the cards above and the panels below have their own). */
    private static java.util.List<String> keysInOrder(String html) {
        return keysIn(html, "id=\"open-incidents\"", "</table>");
    }

    private static java.util.List<String> keysIn(String html, String from, String to) {
        int start = html.indexOf(from);
        String part = html.substring(start, html.indexOf(to, start));
        return Pattern.compile("data-key=\"([A-Z]+-\\d+)\"").matcher(part).results().map(m -> m.group(1)).toList();
    }
}
