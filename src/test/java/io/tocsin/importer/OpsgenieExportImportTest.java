package io.tocsin.importer;

import static io.tocsin.importer.ImportEndToEndTest.item;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An Opsgenie JSON export directory as the source (issue 20 point 3, R9, R10): the checked-in export
 * src/test/resources/importer/exports/opsgenie-2026-11 (one directory per kind, files holding the API's answers, with
 * or without their envelope) imports people, contacts, a team, a follow-the-sun schedule with its overrides, an
 * escalation, a service, an integration with a new key and a heartbeat; a second import changes nothing; a name
 * leading outside the operator's export root is refused.
 */
class OpsgenieExportImportTest extends IntegrationTest {

    private static final String EXPORT = "opsgenie-2026-11";

    @Test
    void anExportDirectoryImportsLikeTheApiAndASecondImportChangesNothing() {
        var api = admin();
        var dry = importing(true);
        assertThat(item(dry, "schedule", "ogx-sched-fts").get("action").asString()).isIn("CREATE", "UNCHANGED");
        var done = importing(false);
        var schedule = item(done, "schedule", "ogx-sched-fts");
        assertThat(schedule.get("fidelity").asString()).isEqualTo("EXACT");
        assertThat(api.get("/api/v1/schedules/" + schedule.get("tocsinId").asString()).expect(200).json()
                .get("layers")).hasSize(3);
        assertThat(identity.findByEmail("aiko@export.example")).isPresent();
        assertThat(item(done, "contact", "ogx-aiko/ogx-c-aiko-sms").get("action").asString()).isIn("CREATE",
                "UNCHANGED");
        assertThat(item(done, "team", "ogx-team-platform").get("name").asString()).isEqualTo("Export platform");
        var policy = item(done, "policy", "ogx-esc-platform");
        assertThat(policy.get("fidelity").asString()).isEqualTo("EXACT");
        assertThat(item(done, "service", "ogx-svc-api").get("action").asString()).isIn("CREATE", "UNCHANGED");
        var alertmanager = item(done, "integration", "ogx-int-am");
        assertThat(alertmanager.get("fidelity").asString()).isEqualTo("EXACT");
        assertThat(alertmanager.get("sender").get("url").asString()).endsWith("/v2/alerts");
        assertThat(item(done, "integration", "ogx-int-zabbix").get("action").asString()).isEqualTo("SKIP");
        assertThat(item(done, "heartbeat", "export-nightly").get("action").asString()).isIn("CREATE", "UNCHANGED");
        assertThat(done.get("items")).filteredOn(i -> i.get("kind").asString().equals("override")).hasSize(1);

        var again = importing(false);
        assertThat(again.get("items")).allSatisfy(i -> assertThat(i.get("action").asString())
                .as(i.get("kind").asString() + " " + i.get("sourceId").asString()).isIn("UNCHANGED", "SKIP"));
    }

    @Test
    void aDirectoryOutsideTheExportRootIsRefusedNamingTheField() {
        var api = admin();
        for (String outside : new String[] {"..", "../../java", "/etc", EXPORT + "/../..", "no-such-export"}) {
            var refused = api.post("/api/v1/imports", Map.of("source", "OPSGENIE", "exportDirectory", outside))
                    .expect(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).as(outside).contains("exportDirectory");
        }
        var pagerDuty = api.post("/api/v1/imports", Map.of("source", "PAGERDUTY", "exportDirectory", EXPORT))
                .expect(422);
        assertThat(pagerDuty.body()).contains("exportDirectory").contains("only Opsgenie exports");
    }

    private JsonNode importing(boolean dryRun) {
        return admin().post("/api/v1/imports", Map.of("source", "OPSGENIE", "exportDirectory", EXPORT, "dryRun",
                dryRun)).expect(200).json();
    }
}
