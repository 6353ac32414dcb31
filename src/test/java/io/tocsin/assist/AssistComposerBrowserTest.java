package io.tocsin.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.Browser;
import io.tocsin.support.FakeOpenAi;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The "Draft with assistant" buttons in a real browser (issue 18 point 3, R32): the drafted update lands in the
 * normal composer, nothing is posted until the person presses "Send update"; in German the catch-up appears
 * beside the incident and in the composer. No CSP violations on the way.
 */
class AssistComposerBrowserTest extends IntegrationTest {

    private long updates(String key) {
        return jdbc.sql("select count(*) from incident_update where incident_key = ?").param(key).query(Long.class).single();
    }

    @Test
    void aDraftLandsInTheComposerAndIsSentOnlyByThePerson() {
        var manager = createUser(Role.RESPONDER, "Dora Drafter");
        try (var fake = new FakeOpenAi(null)) {
            admin().put("/api/v1/assist/settings", Map.of("enabled", true, "endpointUrl", fake.baseUrl(), "model",
                    "test-model", "apiKey", "", "callsPerHour", 1000, "timeoutSeconds", 10)).expect(200);
            var api = new Api(baseUrl(), tokenFor(manager.id()));
            String key = api.post("/api/v1/incidents", Map.of("summary", "Exports time out", "severity", 3))
                    .expect(201).json().get("key").asString();
            api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "OBSERVATION",
                    "body", "Export jobs exceed 60 s since 10:05")).expect(201);
            fake.reply("{\"summary\": \"Exports time out since 10:05.\", \"customerImpact\": \"exports fail\","
                    + " \"affected\": \"about 30 customers\", \"rootCause\": \"not known yet\", \"expectedRecovery\":"
                    + " \"not known yet\", \"currentStatus\": [\"Export jobs exceed 60 s\", \"Workers are busy\"],"
                    + " \"nextSteps\": [\"Add workers\", \"Watch the queue\"]}");

            try (var browser = new Browser(baseUrl(), "en")) {
                browser.login(manager.email(), "password-of-" + "Dora Drafter".length() + "-chars");
                browser.open("/incidents/" + key);
                assertThat(browser.text(By.id("assist-update-draft"))).isEqualTo("Draft with assistant");
                browser.click(By.id("assist-update-draft"));
                browser.waitForText(By.cssSelector(".alert-success"), "The assistant drafted the update below");
                assertThat(browser.find(By.id("update-summary")).getAttribute("value")).isEqualTo("Exports time out since 10:05.");
                assertThat(browser.find(By.id("update-affected")).getAttribute("value")).isEqualTo("about 30 customers");
                assertThat(browser.find(By.id("update-status")).getAttribute("value"))
                        .isEqualTo("Export jobs exceed 60 s\nWorkers are busy");
                assertThat(updates(key)).isZero();

                // The person edits the draft before sending it.
                browser.type(By.id("update-summary"), "Exports time out since 10:05. Checked by Dora.");
                browser.click(By.id("update-acknowledge"));
                browser.click(By.id("update-confirm-nobody"));
                browser.click(By.id("update-send"));
                browser.waitForText(By.id("update-list"), "Exports time out since 10:05. Checked by Dora.");
                assertThat(updates(key)).isOne();
                assertThat(fake.requests()).hasSize(1);
                assertThat(browser.cspViolations()).isEmpty();
            }
        }
    }

    @Test
    void inGermanTheCatchUpAppearsWithoutAModel() {
        var manager = createUser(Role.RESPONDER, "Greta Gast");
        identity.updateProfile(manager.id(), new Identity.UserProfile(manager.name(), manager.email(), "Europe/Berlin",
                "de", null));
        admin().put("/api/v1/assist/settings", Map.of("enabled", true, "endpointUrl", "", "model", "")).expect(200);
        var api = new Api(baseUrl(), tokenFor(manager.id()));
        String key = api.post("/api/v1/incidents", Map.of("summary", "Rechnungen fehlen", "severity", 2))
                .expect(201).json().get("key").asString();
        api.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "DECISION", "body", "Versand anhalten"))
                .expect(201);

        try (var browser = new Browser(baseUrl(), "de")) {
            browser.login(manager.email(), "password-of-" + "Greta Gast".length() + "-chars");
            browser.open("/incidents/" + key);
            // Without a model there is no update draft button, but the catch-up works.
            assertThat(browser.driver().findElements(By.id("assist-update-draft"))).isEmpty();
            assertThat(browser.text(By.id("assist-catch-up"))).isEqualTo("Auf den Stand bringen");
            browser.click(By.id("assist-catch-up"));
            browser.waitForText(By.id("assist-catch-up-text"), "Schweregrad 2");
            assertThat(browser.text(By.id("assist-catch-up-text"))).contains("ohne Modell")
                    .contains("Entscheidung (Greta Gast): Versand anhalten");
            assertThat(browser.find(By.id("update-summary")).getAttribute("value")).contains(key).contains("Rechnungen fehlen");
            assertThat(updates(key)).isZero();
            assertThat(browser.cspViolations()).isEmpty();
        }
    }
}
