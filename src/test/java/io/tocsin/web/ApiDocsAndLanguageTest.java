package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The API documents itself, and people read Tocsin in English or German. */
class ApiDocsAndLanguageTest extends IntegrationTest {

    @Test
    void openApiDocumentAndBrowsableDocsAreServed() {
        var doc = anonymous().get("/v3/api-docs").expect(200).json();
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        var paths = doc.get("paths");
        assertThat(paths.has("/api/v1/incidents")).isTrue();
        assertThat(paths.has("/api/v1/incidents/{ref}/timeline")).isTrue();
        assertThat(paths.has("/api/v1/metrics/incidents")).isTrue();
        assertThat(anonymous().send("GET", "/swagger-ui/index.html", null, "text/html").status()).isEqualTo(200);
    }

    @Test
    void timelineAndSeverityHelpInTheReadersLanguage() {
        Api responder = newUser(Role.RESPONDER, "Greta Deutsch");
        String key = responder.post("/api/v1/incidents", Map.of("summary", "Login kaputt", "severity", 1)).expect(201)
                .json().get("key").asString();
        responder.post("/api/v1/incidents/" + key + "/assign", null).expect(200);
        var german = responder.withHeader("Accept-Language", "de").get("/api/v1/incidents/" + key + "/timeline").json();
        var statusEntry = german.valueStream().filter(e -> "status-changed".equals(e.get("event").asString()))
                .findFirst().orElseThrow();
        assertThat(statusEntry.get("text").asString()).isEqualTo("Status von Neu auf Behebung geändert. ");
        var settings = responder.withHeader("Accept-Language", "de").get("/api/v1/incident-settings").json();
        assertThat(settings.get("severities").get(0).get("label").asString()).isEqualTo("Kritisch");
        assertThat(settings.get("severities").get(0).get("examples").get(0).asString())
                .isEqualTo("Ein von Kunden genutzter Service ist für alle Kunden ausgefallen.");
        var english = responder.withHeader("Accept-Language", "en").get("/api/v1/incident-settings").json();
        assertThat(english.get("severities").get(1).get("label").asString()).isEqualTo("Major");
        assertThat(english.get("severities").get(1).get("major").asBoolean()).isTrue();
        assertThat(english.get("severities").get(2).get("major").asBoolean()).isFalse();
        assertThat(english.get("priorityMatrix").get("HIGH").toString()).isEqualTo("[\"P1\",\"P2\",\"P3\"]");
    }

    @Test
    void pagesRenderInGermanWhenAsked() {
        var page = anonymous().withHeader("Accept-Language", "de").send("GET", "/login", null, "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Anmelden").contains("lang=\"de\"");
        var english = anonymous().withHeader("Accept-Language", "en-US").send("GET", "/login", null, "text/html");
        assertThat(english.body()).contains("Log in").contains("lang=\"en\"");
    }
}
