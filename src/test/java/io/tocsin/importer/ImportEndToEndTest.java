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
            "contact_method", "notify_delivery", "service", "service_escalation", "alert_integration", "heartbeat");

    @Autowired
    private ImportFakes fakes;

    @Autowired
    private io.tocsin.notify.ContactMethods contactMethods;

    @Autowired
    private io.tocsin.catalog.Catalog catalog;

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
        // UNCHANGED when another test of the shared context imported the fixture first.
        assertThat(item(dry, "contact", "og-aiko/og-c-aiko-sms").get("action").asString()).isIn("CREATE", "MATCH",
                "UNCHANGED");

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
        // Per-level attempts from the source (issue 20 point 1): each level lasts its rule's delay, so Tocsin
        // escalates when PagerDuty does; only the 30-minute rule is longer than 20 attempts a minute apart.
        var payments = item(done, "policy", "PEPAY");
        assertThat(payments.get("fidelity").asString()).isEqualTo("APPROXIMATE");
        assertThat(payments.get("reasons")).hasSize(1);
        assertThat(payments.get("reasons").get(0).asString()).isEqualTo("level 1 (30 min): a Tocsin level moves on"
                + " after at most 20 unanswered attempts 1 min apart, after 20 min (a tocsin.escalation.repeat-interval"
                + " of 90 s or more makes it exact)");
        var paymentsPolicy = api.get("/api/v1/escalation-policies/" + payments.get("tocsinId").asString()).expect(200)
                .json();
        assertThat(paymentsPolicy.get("repeatCount").asInt()).isEqualTo(3);
        assertThat(paymentsPolicy.get("levels")).extracting(l -> l.get("timeoutMinutes").asInt() + "/"
                + l.get("attempts").asInt()).containsExactly("30/20", "15/15", "10/10");
        // The policy next to its preview (issue 20 point 4), in the API result too.
        var preview = payments.get("preview");
        assertThat(preview.get("source")).extracting(r -> r.get("startsAfterMinutes").asLong())
                .containsExactly(0L, 30L, 45L);
        assertThat(preview.get("source").get(1).get("targets").toString()).contains("Payments secondary (PD)",
                "Gus");
        assertThat(preview.get("sourceRepeats").asLong()).isEqualTo(3);
        assertThat(preview.get("tocsin")).extracting(l -> l.get("startsAfterSeconds").asLong() / 60 + "-"
                + l.get("movesOnAfterSeconds").asLong() / 60 + "/" + l.get("attempts").asInt())
                .containsExactly("0-20/20", "20-35/15", "35-45/10");
        assertThat(preview.get("tocsinRepeats").asInt()).isEqualTo(3);
        var platform = item(done, "policy", "PEPLAT");
        assertThat(platform.get("fidelity").asString()).isEqualTo("EXACT");
        assertThat(platform.get("reasons")).isEmpty();
        var policyId = platform.get("tocsinId").asString();
        var policy = api.get("/api/v1/escalation-policies/" + policyId).expect(200).json();
        assertThat(policy.get("repeatCount").asInt()).isEqualTo(2);
        assertThat(policy.get("levels")).extracting(l -> l.get("timeoutMinutes").asInt() + "/"
                + l.get("attempts").asInt()).containsExactly("3/3", "3/3");
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

    /**
     * Issue 20 point 2: PagerDuty services with their owner team and escalation policy, and each Events API v2
     * integration as a Tocsin PagerDuty integration with the same routing key, so a sender only swaps the host:
     * proven by sending the old routing key to Tocsin's /v2/enqueue. A second import changes nothing.
     */
    @Test
    void pagerDutyServicesKeepTheirPoliciesAndTheirSendersOnlySwapTheHost() {
        var api = admin();
        var done = importing(api, "PAGERDUTY", FakePagerDuty.KEY, false);
        assertThat(actions(done, "service")).containsOnlyKeys("PSVCAPI", "PSVCCHK", "PSVCSRCH", "PSVCLEDG",
                "PSVCSTAT").doesNotContainValue("SKIP");
        assertThat(fakes.pagerDuty.seen()).as("the services were read in pages of %d", FakePagerDuty.PAGE)
                .anySatisfy(r -> assertThat(r.path() + "?" + r.query()).startsWith("/services?").contains("offset=4"));
        var checkout = java.util.UUID.fromString(item(done, "service", "PSVCCHK").get("tocsinId").asString());
        var payments = identity.findTeamByName("Payments").orElseThrow().id();
        if (!item(done, "service", "PSVCCHK").get("action").asString().equals("MATCH")) {
            assertThat(catalog.service(checkout).owningTeamId()).as("owned by its first team").isEqualTo(payments);
        }
        var paymentsPolicy = item(done, "policy", "PEPAY").get("tocsinId").asString();
        assertThat(api.get("/api/v1/services/" + checkout + "/escalation-policy").expect(200).json().get("id")
                .asString()).isEqualTo(paymentsPolicy);
        assertThat(actions(done, "assignment")).containsOnlyKeys("PSVCAPI", "PSVCCHK", "PSVCSRCH", "PSVCLEDG",
                "PSVCSTAT").doesNotContainValue("SKIP");

        var alertmanager = item(done, "integration", "PSVCAPI/PIAPIAM");
        assertThat(alertmanager.get("fidelity").asString()).isEqualTo("EXACT");
        assertThat(alertmanager.get("sender").get("url").asString()).endsWith("/v2/enqueue");
        assertThat(alertmanager.get("sender").get("key").isNull()).as("the sender keeps its key").isTrue();
        assertThat(alertmanager.get("sender").get("keyHint").asString()).isEqualTo("…4e5f");
        assertThat(item(done, "integration", "PSVCCHK/PICHKV1").get("reasons").get(0).asString())
                .startsWith("Events API v1");
        assertThat(item(done, "integration", "PSVCAPI/PIAPIML").get("action").asString()).isEqualTo("SKIP");
        // The sender changes nothing but the host: the same routing key now opens an alert in Tocsin.
        var api2 = java.util.UUID.fromString(item(done, "service", "PSVCAPI").get("tocsinId").asString());
        long alertsBefore = count("alert where service_id = '" + api2 + "'");
        anonymous().post("/v2/enqueue", Map.of("routing_key", "5c0d2e8f1a7b4c3d9e6f0a1b2c3d4e5f", "event_action",
                "trigger", "dedup_key", "import-" + System.nanoTime(), "payload", Map.of("summary",
                        "Disk full on api-1", "source", "api-1", "severity", "warning"))).expect(202);
        assertThat(count("alert where service_id = '" + api2 + "'")).isEqualTo(alertsBefore + 1);

        var before = counts();
        var again = importing(api, "PAGERDUTY", FakePagerDuty.KEY, false);
        for (String kind : List.of("service", "integration", "assignment")) {
            assertThat(actions(again, kind).values()).as(kind).allMatch(a -> a.equals("UNCHANGED") || a.equals("SKIP"));
        }
        assertThat(counts()).as("a second import duplicates nothing").isEqualTo(before);
    }

    /**
     * Issue 20 point 2: Opsgenie team integrations become Tocsin Opsgenie integrations on the team's service with a
     * new key shown once (a dry run shows none, since it keeps nothing), proven by sending an alert with it;
     * heartbeats become Tocsin heartbeats armed by their first ping at the new URL.
     */
    @Test
    void opsgenieIntegrationsAndHeartbeatsComeWithTheirNewUrlAndKey() {
        var api = admin();
        String run = Long.toString(System.nanoTime(), 36);
        ObjectNode data = (ObjectNode) ImportFixtures.opsgenie();
        data.get("integrations").forEach(i -> ((ObjectNode) i).put("id", i.get("id").asString() + "-" + run));
        data.get("heartbeats").forEach(h -> ((ObjectNode) h).put("name", h.get("name").asString() + "-" + run));
        fakes.opsgenie.serve(data);

        var dry = importing(api, "OPSGENIE", FakeOpsgenie.KEY, true);
        var dryAm = item(dry, "integration", "og-int-am-" + run);
        assertThat(dryAm.get("action").asString()).isEqualTo("CREATE");
        assertThat(dryAm.get("sender").get("key").isNull()).as("a dry run shows no key it would not keep").isTrue();

        var done = importing(api, "OPSGENIE", FakeOpsgenie.KEY, false);
        var am = item(done, "integration", "og-int-am-" + run);
        assertThat(am.get("action").asString()).isEqualTo("CREATE");
        assertThat(am.get("fidelity").asString()).isEqualTo("EXACT");
        String key = am.get("sender").get("key").asString();
        assertThat(key).matches("[0-9a-f]{32}");
        assertThat(am.get("sender").get("url").asString()).endsWith("/v2/alerts");
        var platformApi = catalog.findServiceByName("Platform API").orElseThrow().id();
        var billing = item(done, "integration", "og-int-billing-" + run);
        assertThat(billing.get("reasons").toString()).contains("team Payments has 2 services; on the first,"
                + " 'Checkout (Opsgenie)'");
        for (String skipped : List.of("og-int-nagios", "og-int-off", "og-int-default")) {
            assertThat(item(done, "integration", skipped + "-" + run).get("action").asString()).isEqualTo("SKIP");
        }
        long alertsBefore = count("alert where service_id = '" + platformApi + "'");
        anonymous().withHeader("Authorization", "GenieKey " + key).post("/v2/alerts", Map.of("message",
                "Queue depth high", "alias", "import-" + run, "priority", "P3")).expect(202);
        assertThat(count("alert where service_id = '" + platformApi + "'")).isEqualTo(alertsBefore + 1);

        // The team's only escalation for its services (approximate: Opsgenie routes by the team's rules).
        var assigned = item(done, "assignment", "og-svc-checkout");
        assertThat(assigned.get("fidelity").asString()).isEqualTo("APPROXIMATE");
        var checkoutService = catalog.findServiceByName("Checkout (Opsgenie)").orElseThrow().id();
        assertThat(api.get("/api/v1/services/" + checkoutService + "/escalation-policy").expect(200).json().get("id")
                .asString()).isEqualTo(item(done, "policy", "og-esc-payments").get("tocsinId").asString());

        var backup = item(done, "heartbeat", "nightly-backup-" + run);
        assertThat(backup.get("action").asString()).isEqualTo("CREATE");
        String ping = backup.get("sender").get("url").asString();
        assertThat(ping).contains("/heartbeats/");
        assertThat(item(done, "heartbeat", "old-cron-" + run).get("action").asString()).isEqualTo("SKIP");
        var checkout = catalog.findServiceByName("Checkout (Opsgenie)").orElseThrow().id();
        var heartbeat = api.get("/api/v1/services/" + checkout + "/heartbeats").expect(200).json();
        JsonNode imported = null;
        for (JsonNode h : heartbeat) {
            if (h.get("name").asString().equals("nightly-backup-" + run)) {
                imported = h;
            }
        }
        assertThat(imported).isNotNull();
        assertThat(imported.get("intervalSeconds").asLong()).isEqualTo(86_400);
        assertThat(imported.get("dueAt").isNull()).as("armed by its first ping, not by the import").isTrue();
        anonymous().get(ping.substring(ping.indexOf("/heartbeats/"))).expect(200);
        assertThat(jdbc.sql("select due_at from heartbeat where id = ?").param(java.util.UUID.fromString(
                backup.get("tocsinId").asString())).query(java.sql.Timestamp.class).single()).isNotNull();

        var before = counts();
        var again = importing(api, "OPSGENIE", FakeOpsgenie.KEY, false);
        var amAgain = item(again, "integration", "og-int-am-" + run);
        assertThat(amAgain.get("action").asString()).isEqualTo("UNCHANGED");
        assertThat(amAgain.get("sender").get("key").isNull()).as("a key is shown once").isTrue();
        assertThat(counts()).as("a second import duplicates nothing").isEqualTo(before);
    }

    @Test
    void aSourceFailingAtTheHeartbeatsLeavesNoServiceIntegrationOrHeartbeat() {
        var api = admin();
        ObjectNode data = (ObjectNode) ImportFixtures.opsgenie();
        String run = Long.toString(System.nanoTime(), 36);
        data.get("services").forEach(s -> ((ObjectNode) s).put("id", s.get("id").asString() + "-" + run)
                .put("name", s.get("name").asString() + " " + run));
        data.get("integrations").forEach(i -> ((ObjectNode) i).put("id", i.get("id").asString() + "-" + run));
        fakes.opsgenie.serve(data);
        fakes.opsgenie.fail("/v2/heartbeats", 503);
        var before = counts();
        var refused = api.post("/api/v1/imports", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY,
                "dryRun", false)).expect(424);
        assertThat(refused.json().get("detail").asString()).isEqualTo(
                "Opsgenie answered 503 to GET /v2/heartbeats: Internal error; nothing was imported");
        assertThat(fakes.opsgenie.seen()).as("services and integrations had been read")
                .anySatisfy(r -> assertThat(r.path()).isEqualTo("/v2/integrations"));
        assertThat(counts()).isEqualTo(before);
        assertThat(catalog.findServiceByName("Platform API " + run)).isEmpty();
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
        // New services, integrations and heartbeats too (issue 20 point 5): written before the schedules, so
        // the refusal rolls them back.
        String run = Long.toString(System.nanoTime(), 36);
        renamed.get("services").forEach(s -> ((ObjectNode) s).put("id", s.get("id").asString() + "-" + run)
                .put("name", s.get("name").asString() + " " + run));
        renamed.get("integrations").forEach(i -> ((ObjectNode) i).put("id", i.get("id").asString() + "-" + run));
        renamed.get("heartbeats").forEach(h -> ((ObjectNode) h).put("name", h.get("name").asString() + "-" + run));
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
        assertThat(catalog.findServiceByName("Platform API " + run)).isEmpty();
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
