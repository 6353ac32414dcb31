package io.tocsin.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

import io.tocsin.identity.Role;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The admin page (issue 20 point 5): the steps, a dry run showing what would be created and how it maps, errors
 * next to their field, administrators only, English and German.
 */
class ImportPageTest extends IntegrationTest {

    @Autowired
    private ImportFakes fakes;

    @BeforeEach
    void resetFakes() {
        fakes.reset();
    }

    @Test
    void anAdministratorSeesTheStepsAndADryRun() {
        var session = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        var page = session.get("/admin/import");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Import from Opsgenie or PagerDuty").contains("Dry run: see what would be")
                .contains("name=\"apiKey\"").contains("type=\"password\"");
        long schedules = count("oncall_schedule");
        var dry = session.post("/admin/import", Map.of("source", "PAGERDUTY", "apiKey", FakePagerDuty.KEY,
                "step", "dry-run"));
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.body()).contains("What an import would do (nothing was written)")
                .contains("Follow the sun (PD)").contains("data-fidelity=\"APPROXIMATE\"")
                .contains("layer &#39;Drills&#39; has turns of 5400 s").doesNotContain(FakePagerDuty.KEY);
        assertThat(count("oncall_schedule")).isEqualTo(schedules);
    }

    @Test
    void anImportLinksEachScheduleAndPolicyToItsPageWithItsPreview() {
        var session = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(session.get("/admin/import").statusCode()).isEqualTo(200);
        var done = session.post("/admin/import", Map.of("source", "PAGERDUTY", "apiKey", FakePagerDuty.KEY,
                "step", "import"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("What the import did");
        var policy = java.util.regex.Pattern.compile("href=\"(/escalation-policies/[0-9a-f-]{36})\">Payments \\(PD\\)<")
                .matcher(done.body());
        assertThat(policy.find()).as("a link to the imported policy").isTrue();
        assertThat(session.get(policy.group(1)).body()).contains("Payments (PD)");
        assertThat(done.body()).containsPattern("href=\"/schedules/[0-9a-f-]{36}\">Follow the sun \\(PD\\)<");
        // Each policy's rules at the source next to Tocsin's preview (issue 20 point 4): PagerDuty's second rule
        // starts after 30 minutes; Tocsin's second level after 20, as 20 attempts a minute apart end the first.
        assertThat(done.body()).contains("In PagerDuty").contains("after 30 min: Payments secondary (PD), Gus")
                .contains("In Tocsin, if it fired now").contains("from 0 to 20 min, up to 20 attempts:")
                .contains("from 20 to 35 min, up to 15 attempts:").contains("then repeated 3 times");
        // An Events API v2 integration keeps its routing key, which the page never shows.
        assertThat(done.body()).contains("Send to").contains("/v2/enqueue")
                .doesNotContain("5c0d2e8f1a7b4c3d9e6f0a1b2c3d4e5f");
        assertThat(done.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    /** Issue 20 point 2: an Opsgenie integration's new key is shown once on the page, never in a dry run. */
    @Test
    void anOpsgenieIntegrationsNewKeyIsShownOnceToPasteIntoTheSender() {
        String run = Long.toString(System.nanoTime(), 36);
        var data = (tools.jackson.databind.node.ObjectNode) ImportFixtures.opsgenie();
        data.get("integrations").forEach(i -> ((tools.jackson.databind.node.ObjectNode) i).put("id",
                i.get("id").asString() + "-page-" + run));
        fakes.opsgenie.serve(data);
        var session = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(session.get("/admin/import").statusCode()).isEqualTo(200);
        var key = java.util.regex.Pattern.compile("<code class=\"import-key\">([0-9a-f]{32})</code>");
        var dry = session.post("/admin/import", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY, "step",
                "dry-run"));
        assertThat(dry.body()).contains("/v2/alerts").contains("the key is made when you import");
        assertThat(key.matcher(dry.body()).find()).as("no key in a dry run").isFalse();
        var done = session.post("/admin/import", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY, "step",
                "import"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("shown this once: paste it into the sender now");
        assertThat(key.matcher(done.body()).find()).as("the new key, once").isTrue();
        var again = session.post("/admin/import", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY, "step",
                "import"));
        assertThat(key.matcher(again.body()).find()).as("not shown again").isFalse();
        assertThat(again.body()).contains("the key was shown when it was made");
    }

    @Test
    void aRefusedKeyIsShownNextToTheKeyField() {
        var session = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(session.get("/admin/import").statusCode()).isEqualTo(200);
        var refused = session.post("/admin/import", Map.of("source", "OPSGENIE", "apiKey", "wrong", "step", "import"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("is-invalid").contains("Opsgenie refused the API key (401");
        var badFrom = session.post("/admin/import", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY, "step",
                "check", "from", "yesterday"));
        assertThat(badFrom.statusCode()).isEqualTo(422);
        assertThat(badFrom.body()).contains("a date and time such as 2027-03-01T00:00");
    }

    @Test
    void onlyAdministratorsOpenThePage() {
        var user = createUser(Role.RESPONDER, "Import Page Responder");
        var session = new WebSession(baseUrl(), user.email(), "password-of-21-chars");
        assertThat(session.get("/admin/import").statusCode()).isEqualTo(403);
    }

    @Test
    void englishAndGermanHaveTheSameKeys() throws IOException {
        var en = load("i18n/importer.properties");
        var de = load("i18n/importer_de.properties");
        assertThat(de.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(de.getProperty("import.dry-run")).isEqualTo("Probelauf");
    }

    private static Properties load(String resource) throws IOException {
        var properties = new Properties();
        try (InputStream in = ImportPageTest.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
