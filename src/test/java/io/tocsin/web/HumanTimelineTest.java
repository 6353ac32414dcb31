package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

/**
 * Every system timeline entry reads as a sentence (issue 13 point 4, R1, R19): field labels instead of field names,
 * values in the reader's language instead of enum constants, names instead of ids, in English and German.
 */
class HumanTimelineTest extends IntegrationTest {

    @Test
    void changesAndAssessmentsReadAsSentencesInBothLanguages() {
        var english = createUser(Role.RESPONDER, "Tim Timeline");
        var german = createUser(Role.RESPONDER, "Tina Zeitleiste");
        admin().put("/api/v1/users/" + german.id(), Map.of("name", german.name(), "email", german.email(),
                "locale", "de", "timeZone", "Europe/Berlin")).expect(200);
        String service = "ledger-" + System.nanoTime();
        String serviceId = admin().post("/api/v1/services", Map.of("name", service)).expect(201).json().get("id").asString();
        String key = admin().post("/api/v1/incidents", Map.of("summary", "Ledger slow", "severity", 3)).expect(201)
                .json().get("key").asString();
        admin().patch("/api/v1/incidents/" + key, Map.of("serviceId", serviceId, "urgency", "HIGH")).expect(200);
        admin().put("/api/v1/incidents/" + key + "/assessment", Map.of("customerImpact", "Bookings are late.",
                "affectedScope", "SOME", "changeCorrelation", "YES")).expect(200);

        String en = text(new WebSession(baseUrl(), english.email(), "password-of-12-chars").get("/incidents/" + key).body());
        assertThat(en).contains("Updated: faulty service: Unknown → " + service + "; urgency: medium → high; priority: P4 → P3")
                .contains("customers affected: – → some").contains("impact on customers: – → Bookings are late.")
                .contains("started with a change: – → yes")
                .doesNotContain("affectedScope", "serviceId", "SOME", "HIGH");
        String de = text(new WebSession(baseUrl(), german.email(), "password-of-15-chars").get("/incidents/" + key).body());
        assertThat(de).contains("Geändert: fehlerhafter Service: Unknown → " + service + "; Dringlichkeit: mittel → hoch; Priorität: P4 → P3")
                .contains("betroffene Kunden: – → einige").contains("begann mit einer Änderung: – → ja")
                .doesNotContain("affectedScope", "changeCorrelation");
    }

    private static String text(String html) {
        return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " "));
    }
}
