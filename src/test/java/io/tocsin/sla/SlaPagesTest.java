package io.tocsin.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The SLA pages (issue 16, R30) over real HTTP with a signed-in session: the incident list's badge with the time left
 * and then "breached", the incident page's SLA box with the pause control (a form post, on the timeline), and the
 * SLA page with the policies editor (administrators only, errors next to the field, input kept) and the compliance
 * table with its CSV download, in English and German.
 */
class SlaPagesTest extends SlaTestSupport {

    @Test
    void theIncidentListAndPageShowTheClocksAndThePageControlPausesThemR30() {
        String serviceId = service();
        policy(serviceId, "P1", 15, 60, Map.of());
        var user = createUser(Role.RESPONDER, "Lena List");
        var session = new WebSession(baseUrl(), user.email(), "password-of-9-chars");
        String key = declare(admin(), serviceId, "HIGH", "HIGH");

        pass(Duration.ofMinutes(3));
        var list = session.get("/incidents?lang=en&serviceId=" + serviceId).body();
        assertThat(list).contains(key).contains("data-sla=\"ACKNOWLEDGE\"").contains("12 min left to acknowledge")
                .contains("57 min left to resolve");
        var page = session.get("/incidents/" + key).body();
        assertThat(page).contains("id=\"sla-panel\"").contains("data-sla-clock=\"ACKNOWLEDGE\"")
                .contains("Pause SLA clocks").contains("Waiting on");

        var refused = session.post("/incidents/" + key + "/sla/pause", Map.of("waitingOn", "CUSTOMER", "reason", ""));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(session.get("/incidents/" + key).body()).contains("say what the incident waits for");
        session.get("/incidents/" + key);
        var paused = session.post("/incidents/" + key + "/sla/pause", Map.of("waitingOn", "SUPPLIER",
                "reason", "Carrier investigates"));
        assertThat(paused.statusCode()).isEqualTo(302);
        assertThat(sla(key).get("paused").asBoolean()).isTrue();
        page = session.get("/incidents/" + key).body();
        assertThat(page).contains("Resume SLA clocks").contains("waiting on a supplier (Carrier investigates)");
        assertThat(session.get("/incidents?serviceId=" + serviceId).body()).contains("acknowledge paused");
        assertThat(session.get("/incidents?lang=de&serviceId=" + serviceId).body()).contains("übernehmen angehalten");
        session.get("/incidents/" + key + "?lang=en");
        assertThat(session.post("/incidents/" + key + "/sla/resume", Map.of()).statusCode()).isEqualTo(302);
        assertThat(sla(key).get("paused").asBoolean()).isFalse();

        pass(Duration.ofMinutes(12));
        list = session.get("/incidents?serviceId=" + serviceId).body();
        assertThat(list).contains("acknowledge breached").contains("data-sla-state=\"BREACHED\"");
        assertThat(session.get("/incidents/" + key).body()).contains("data-sla-state=\"BREACHED\"");
    }

    @Test
    void theSlaPageEditsPoliciesForAdministratorsAndShowsComplianceWithItsCsvInEnglishAndGermanR30() {
        String serviceId = service();
        String name = "Gold P2 " + System.nanoTime();
        var admin = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        var page = admin.get("/sla?lang=en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Policies").contains("New policy").contains("Compliance").contains("Download CSV");

        var bad = admin.post("/sla/policies", Map.of("name", name, "priority", "P2", "scope", "service:" + serviceId,
                "acknowledgeMinutes", "soon", "calendar", "ALWAYS", "warningPercent", "75"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("must be a whole number").contains("value=\"" + name + "\"");
        admin.get("/sla");
        var ok = admin.post("/sla/policies", Map.of("name", name, "priority", "P2", "scope", "service:" + serviceId,
                "acknowledgeMinutes", "30", "resolveMinutes", "480", "calendar", "BUSINESS_HOURS", "warningPercent", "80"));
        assertThat(ok.statusCode()).isEqualTo(302);
        var policy = findPolicy(name);
        assertThat(policy.get("calendar").asString()).isEqualTo("BUSINESS_HOURS");
        assertThat(policy.get("warningPercent").asInt()).isEqualTo(80);
        assertThat(admin.get("/sla").body()).contains("data-policy=\"" + name + "\"").contains("8 h 0 min");

        String id = policy.get("id").asString();
        assertThat(admin.get("/sla?edit=" + id).body()).contains("Edit policy").contains("value=\"480\"");
        assertThat(admin.post("/sla/policies/" + id, Map.of("name", name, "priority", "P2", "scope",
                "service:" + serviceId, "acknowledgeMinutes", "20", "calendar", "ALWAYS", "warningPercent", "75"))
                .statusCode()).isEqualTo(302);
        assertThat(findPolicy(name).get("acknowledgeMinutes").asInt()).isEqualTo(20);

        var responder = new WebSession(baseUrl(), createUser(Role.RESPONDER, "Rudi Reader").email(), "password-of-11-chars");
        var readOnly = responder.get("/sla").body();
        assertThat(readOnly).contains("Only administrators change SLA policies.").doesNotContain("id=\"sla-policy-form\"");
        assertThat(responder.post("/sla/policies/" + id + "/delete", Map.of()).statusCode()).isEqualTo(403);

        String today = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        String key = declare(admin(), serviceId, "HIGH", "MEDIUM");
        pass(Duration.ofMinutes(25));
        var compliance = admin.get("/sla?from=" + today + "&to=" + today).body();
        assertThat(compliance).contains("id=\"sla-compliance\"").contains(key);
        var german = admin.get("/sla?lang=de&from=" + today + "&to=" + today).body();
        assertThat(german).contains("Richtlinien").contains("Einhaltung").contains("CSV herunterladen")
                .contains("Incidents mit verletztem SLA");
        var csv = admin.get("/api/v1/sla/compliance?from=" + today + "&to=" + today + "&format=csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("sla-compliance.csv");
        assertThat(csv.body()).contains(key + ",P2,");

        assertThat(admin.post("/sla/policies/" + id + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.get("/sla").body()).doesNotContain("data-policy=\"" + name + "\"");
    }

    private tools.jackson.databind.JsonNode findPolicy(String name) {
        for (var p : admin().get("/api/v1/sla/policies").expect(200).json()) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no SLA policy " + name);
    }
}
