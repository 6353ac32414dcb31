package io.tocsin.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Import end to end through the REST API from each fake (issue 20, R9, R10): a dry run writes nothing, the import
 * writes everything, a second import changes nothing, a change at the source updates only what changed, and a
 * source failing half-way, or a write Tocsin refuses half-way, leaves nothing half-imported.
 */
class ImportEndToEndTest extends IntegrationTest {

    private static final List<String> TABLES = List.of("app_user", "team", "team_member", "oncall_schedule",
            "oncall_layer", "oncall_override", "escalation_policy", "escalation_level", "importer_link", "audit_log",
            "contact_method", "notify_delivery");

    @Autowired
    private ImportFakes fakes;

    @Autowired
    private io.tocsin.notify.ContactMethods contactMethods;

    @BeforeEach
    void resetFakes() {
        fakes.reset();
    }

    @Test
    void opsgenieDryRunImportAndASecondImportThatChangesNothing() {
        var api = admin();
        var before = counts();
        var dry = importing(api, "OPSGENIE", FakeOpsgenie.KEY, true);
        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(counts()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(item(dry, "schedule", "og-sched-fts").get("fidelity").asString()).isEqualTo("EXACT");
        assertThat(item(dry, "schedule", "og-sched-db").get("fidelity").asString()).isEqualTo("APPROXIMATE");
        assertThat(item(dry, "schedule", "og-sched-db").get("reasons").get(0).asString())
                .contains("rotations 'Primary' and 'Shadow' overlap");

        var done = importing(api, "OPSGENIE", FakeOpsgenie.KEY, false);
        assertThat(actions(done, "schedule")).containsOnlyKeys("og-sched-fts", "og-sched-pay", "og-sched-sec",
                "og-sched-db").doesNotContainValue("SKIP");
        assertThat(actions(done, "policy")).containsOnlyKeys("og-esc-platform", "og-esc-payments");
        assertThat(actions(done, "override")).containsOnlyKeys("og-sched-fts/og-ovr-dst-eu",
                "og-sched-pay/og-ovr-dst-pay");
        var scheduleId = item(done, "schedule", "og-sched-fts").get("tocsinId").asString();
        var schedule = api.get("/api/v1/schedules/" + scheduleId).expect(200).json();
        assertThat(schedule.get("name").asString()).isEqualTo("Platform follow-the-sun");
        assertThat(schedule.get("layers")).hasSize(3);
        assertThat(identity.findByEmail("aiko@import.example")).isPresent();
        assertThat(item(dry, "contact", "og-aiko/og-c-aiko-sms").get("action").asString()).isIn("CREATE", "MATCH");

        // Contact methods (R12): unverified, each with a verification code in notify's outbox; the app is named.
        var aiko = identity.findByEmail("aiko@import.example").orElseThrow().id();
        var methods = contactMethods.methodsOf(aiko);
        assertThat(methods).extracting(m -> m.type() + " " + m.destination()).contains("EMAIL aiko@import.example",
                "SMS +61412345678", "VOICE +61412345678");
        assertThat(methods).filteredOn(m -> m.name().startsWith("Imported from ")).isNotEmpty()
                .allSatisfy(m -> {
                    assertThat(m.verified()).isFalse();
                    assertThat(m.codeSentAt()).isNotNull();
                    assertThat(count("notify_delivery where kind = 'VERIFICATION' and contact_method_id = '"
                            + m.id() + "'")).isEqualTo(1);
                });
        var app = item(done, "contact", "og-ivan/og-c-ivan-app");
        assertThat(app.get("action").asString()).isEqualTo("SKIP");
        assertThat(app.get("reasons").get(0).asString()).contains("Web Push");
        assertThat(item(done, "contact", "og-dana/og-c-dana-sms").get("reasons").toString())
                .containsAnyOf("verification code was sent", "not verified yet");

        var afterFirst = counts();
        var again = importing(api, "OPSGENIE", FakeOpsgenie.KEY, false);
        assertThat(again.get("items")).allSatisfy(i -> assertThat(i.get("action").asString())
                .isIn("UNCHANGED", "SKIP"));
        assertThat(counts()).as("a second import changes nothing").isEqualTo(afterFirst);
    }

    @Test
    void pagerDutyImportMatchesPeopleByEmailAndUpdatesOnlyWhatChanged() {
        var api = admin();
        var dana = identity.findByEmail("dana@import.example");
        var done = importing(api, "PAGERDUTY", FakePagerDuty.KEY, false);
        if (dana.isPresent()) {
            assertThat(item(done, "user", "PDDANA").get("tocsinId").asString()).isEqualTo(dana.get().id().toString());
        }
        assertThat(item(done, "schedule", "PSODD").get("fidelity").asString()).isEqualTo("APPROXIMATE");
        assertThat(item(done, "policy", "PEPAY").get("reasons").get(0).asString())
                .contains("Tocsin escalates after its unanswered attempts");
        var policyId = item(done, "policy", "PEPLAT").get("tocsinId").asString();
        var policy = api.get("/api/v1/escalation-policies/" + policyId).expect(200).json();
        assertThat(policy.get("repeatCount").asInt()).isEqualTo(2);
        assertThat(policy.get("levels")).hasSize(2);
        var gus = identity.findByEmail("gus@import.example").orElseThrow().id();
        assertThat(contactMethods.methodsOf(gus)).extracting(m -> m.type() + " " + m.destination())
                .contains("EMAIL gus@import.example", "SMS +12125550147");
        assertThat(contactMethods.methodsOf(gus)).filteredOn(m -> m.destination().equals("+12125550147"))
                .singleElement().satisfies(m -> assertThat(m.verified()).isFalse());
        assertThat(item(done, "contact", "PDIVAN/PCIVANA").get("action").asString()).isEqualTo("SKIP");

        // The secondary's two-day turns get another order at the source: only that schedule is updated.
        ObjectNode changed = (ObjectNode) ImportFixtures.pagerDuty();
        var users = (tools.jackson.databind.node.ArrayNode) changed.get("schedules").get(2).get("schedule_layers")
                .get(0).get("users");
        var first = users.remove(0);
        users.add(first);
        fakes.pagerDuty.serve(changed);
        var before = counts();
        var again = importing(api, "PAGERDUTY", FakePagerDuty.KEY, false);
        assertThat(actions(again, "schedule")).containsEntry("PSSEC", "UPDATE").containsEntry("PSPAY", "UNCHANGED")
                .containsEntry("PSFTS", "UNCHANGED").containsEntry("PSODD", "UNCHANGED");
        assertThat(actions(again, "policy")).containsValues("UNCHANGED");
        var after = counts();
        assertThat(after.get("oncall_schedule")).isEqualTo(before.get("oncall_schedule"));
        assertThat(after.get("escalation_policy")).isEqualTo(before.get("escalation_policy"));
    }

    @Test
    void aSourceFailingHalfWayLeavesNothingHalfImported() {
        var api = admin();
        fakes.pagerDuty.fail("/escalation_policies", 500);
        var before = counts();
        var refused = api.post("/api/v1/imports", Map.of("source", "PAGERDUTY", "apiKey", FakePagerDuty.KEY,
                "dryRun", false)).expect(424);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).isEqualTo(
                "PagerDuty answered 500 to GET /escalation_policies: Internal error; nothing was imported");
        assertThat(fakes.pagerDuty.seen()).as("it got half-way: users, teams and schedules were read")
                .anySatisfy(s -> assertThat(s.path()).startsWith("/schedules/"));
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aWriteRefusedHalfWayRollsBackEverything() {
        var api = admin();
        ObjectNode renamed = (ObjectNode) ImportFixtures.opsgenie();
        renamed.get("schedules").forEach(s -> ((ObjectNode) s).put("name", s.get("name").asString()
                + " (rollback test)"));
        renamed.get("escalations").forEach(e -> ((ObjectNode) e).put("name", e.get("name").asString()
                + " (rollback test)").put("id", e.get("id").asString() + "-rb"));
        renamed.get("users").forEach(u -> ((ObjectNode) u).put("username", "rb." + u.get("username").asString()));
        fakes.opsgenie.serve(renamed);
        // The third schedule's name is taken by a schedule Tocsin has already: the import is refused there.
        var team = api.post("/api/v1/teams", Map.of("name", "Rollback owners " + System.nanoTime())).expect(201).json();
        api.post("/api/v1/schedules", Map.of("teamId", team.get("id").asString(), "name",
                "Payments secondary (rollback test)", "timeZone", "Europe/Berlin", "layers", List.of())).expect(201);
        var before = counts();
        var refused = api.post("/api/v1/imports", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY,
                "dryRun", false)).expect(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(counts()).as("people, teams and the first two schedules were rolled back too").isEqualTo(before);
        assertThat(identity.findByEmail("rb.aiko@import.example")).isEmpty();
    }

    @Test
    void aRefusedKeyIsNamedAndOnlyAdministratorsImport() {
        var api = admin();
        var refused = api.post("/api/v1/imports", Map.of("source", "OPSGENIE", "apiKey", "not-the-key")).expect(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("apiKey").contains("Opsgenie refused the API key (401");
        var blank = api.post("/api/v1/imports", Map.of("source", "PAGERDUTY", "apiKey", " ")).expect(422);
        assertThat(blank.body()).contains("apiKey");
        var noSource = api.post("/api/v1/imports", Map.of("apiKey", "k")).expect(422);
        assertThat(noSource.body()).contains("source");
        var responder = newUser(Role.RESPONDER, "Import Responder");
        responder.post("/api/v1/imports", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY)).expect(403);
        responder.get("/api/v1/imports/links?source=OPSGENIE").expect(403);
        api.get("/api/v1/imports/links?source=OPSGENIE").expect(200);
    }

    private static JsonNode importing(Api api, String source, String key, boolean dryRun) {
        return api.post("/api/v1/imports", Map.of("source", source, "apiKey", key, "dryRun", dryRun)).expect(200)
                .json();
    }

    static JsonNode item(JsonNode report, String kind, String sourceId) {
        for (JsonNode i : report.get("items")) {
            if (i.get("kind").asString().equals(kind) && i.get("sourceId").asString().equals(sourceId)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " " + sourceId + " in " + report);
    }

    private static Map<String, String> actions(JsonNode report, String kind) {
        var out = new LinkedHashMap<String, String>();
        report.get("items").forEach(i -> {
            if (i.get("kind").asString().equals(kind)) {
                out.put(i.get("sourceId").asString(), i.get("action").asString());
            }
        });
        return out;
    }

    private Map<String, Long> counts() {
        var out = new LinkedHashMap<String, Long>();
        TABLES.forEach(t -> out.put(t, count(t)));
        return out;
    }
}
