package io.tocsin.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input gets a clear RFC 9457 problem naming the field at fault, never a 500, and leaves the database
 * exactly as it was.
 */
class IncidentBadInputApiTest extends IntegrationTest {

    Api responder;
    String key;
    Map<String, Long> before;

    @BeforeEach
    void setUp() {
        responder = newUser(Role.RESPONDER, "Bad Input");
        key = responder.post("/api/v1/incidents", Map.of("summary", "Existing incident", "severity", 3)).expect(201)
                .json().get("key").asString();
        before = snapshot();
    }

    @Test
    void malformedJson() {
        var r = responder.send("POST", "/api/v1/incidents", "{\"summary\": \"oops\", \"severity\": ", "application/json");
        assertProblem(r, 400);
        assertThat(r.json().get("detail").asString()).contains("not valid JSON");
        assertUnchanged();
    }

    @Test
    void missingSummary() {
        var r = responder.post("/api/v1/incidents", Map.of("severity", 2));
        assertProblem(r, 400);
        assertThat(fields(r)).contains("summary");
        assertUnchanged();
    }

    @Test
    void unknownService() {
        var r = responder.post("/api/v1/incidents", Map.of("summary", "x", "severity", 2,
                "serviceId", UUID.randomUUID().toString()));
        assertProblem(r, 422);
        assertThat(fields(r)).containsExactly("serviceId");
        assertUnchanged();
    }

    @Test
    void severitySeven() {
        var r = responder.post("/api/v1/incidents", Map.of("summary", "x", "severity", 7));
        assertProblem(r, 400);
        assertThat(fields(r)).containsExactly("severity");
        assertUnchanged();
    }

    @Test
    void severityOfTheWrongType() {
        var r = responder.post("/api/v1/incidents", Map.of("summary", "x", "severity", "high"));
        assertProblem(r, 400);
        assertThat(fields(r)).containsExactly("severity");
        assertUnchanged();
    }

    @Test
    void twoMegabyteDescription() {
        var r = responder.post("/api/v1/incidents", Map.of("summary", "x", "severity", 3,
                "description", "x".repeat(2 * 1024 * 1024)));
        assertThat(r.status()).isBetween(400, 499);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.status() == 413 || fields(r).contains("description")).isTrue();
        assertUnchanged();
    }

    @Test
    void illegalTransitionNamesTheAllowedOnes() {
        var r = responder.post("/api/v1/incidents/" + key + "/resolve", Map.of());
        assertProblem(r, 409);
        assertThat(r.json().get("detail").asString()).contains("Cannot resolve " + key + " while it is NEW");
        assertThat(r.json().get("allowed").toString()).isEqualTo("[\"assign\"]");
        assertThat(r.json().get("currentStatus").asString()).isEqualTo("NEW");
        assertUnchanged();
    }

    @Test
    void staleVersion() {
        responder.patch("/api/v1/incidents/" + key, Map.of("summary", "Existing incident, renamed")).expect(200);
        before = snapshot();
        var r = responder.withHeader("If-Match", "\"0\"").patch("/api/v1/incidents/" + key,
                Map.of("summary", "lost update"));
        assertProblem(r, 412);
        var r2 = responder.post("/api/v1/incidents/" + key + "/assign", Map.of("version", 0));
        assertProblem(r2, 409);
        assertUnchanged();
        assertThat(responder.get("/api/v1/incidents/" + key).json().get("summary").asString())
                .isEqualTo("Existing incident, renamed");
    }

    @Test
    void unknownIdsAre404() {
        assertProblem(responder.get("/api/v1/incidents/INC-999999"), 404);
        assertProblem(responder.get("/api/v1/incidents/" + UUID.randomUUID()), 404);
        assertProblem(responder.post("/api/v1/incidents/INC-999999/timeline", Map.of("kind", "NOTE", "body", "x")), 404);
        assertProblem(responder.get("/api/v1/services/not-a-uuid"), 400);
        assertUnchanged();
    }

    @Test
    void timelineRulesAndAppendOnly() {
        var change = responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "CHANGE",
                "body", "restarted the pods"));
        assertProblem(change, 422);
        assertThat(fields(change)).containsExactly("rollbackPlan");
        assertProblem(responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "SYSTEM", "body", "x")), 422);
        assertProblem(responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "NOTE", "body", "x",
                "correctsEntryId", 987654321)), 422);
        // There is no way to change or delete an entry.
        var entries = responder.get("/api/v1/incidents/" + key + "/timeline").json();
        long id = entries.get(0).get("id").asLong();
        assertThat(responder.send("PUT", "/api/v1/incidents/" + key + "/timeline/" + id, "{}", "application/json").status())
                .isEqualTo(405);
        assertThat(responder.delete("/api/v1/incidents/" + key + "/timeline/" + id).status()).isEqualTo(405);
        assertUnchanged();
    }

    @Test
    void unauthenticatedAndBadTokensAre401() {
        assertProblem(anonymous().get("/api/v1/incidents"), 401);
        assertProblem(anonymous().withToken("tcs_not-a-real-token").get("/api/v1/incidents"), 401);
        assertProblem(anonymous().post("/api/v1/incidents", Map.of("summary", "x", "severity", 1)), 401);
        assertUnchanged();
    }

    private Map<String, Long> snapshot() {
        return Map.of("incident", count("incident"), "timeline_entry", count("timeline_entry"),
                "audit_log", count("audit_log"), "incident_product", count("incident_product"));
    }

    private void assertUnchanged() {
        assertThat(snapshot()).isEqualTo(before);
    }

    private static void assertProblem(Api.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode json = r.json();
        assertThat(json.get("status").asInt()).isEqualTo(status);
        assertThat(json.get("title").asString()).isNotBlank();
        assertThat(json.get("type").asString()).startsWith("https://tocsin.io/problems/");
    }

    private static java.util.List<String> fields(Api.Response r) {
        var errors = r.json().get("errors");
        return errors == null ? java.util.List.of() : errors.valueStream().map(e -> e.get("field").asString()).toList();
    }
}
