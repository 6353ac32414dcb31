package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import org.junit.jupiter.api.Test;

/**
 * Problem management (R29, ITIL; issue 12 point 7): several incidents linked to one problem; a known error needs
 * its workaround; the known-error list is searchable; the problem manager of the first incident owns it by default;
 * a new incident on the service shows the workaround on its page at once.
 */
class ProblemsApiTest extends LearningTestSupport {

    @Test
    void twoIncidentsShareAProblemAndANewIncidentOnTheServiceShowsTheWorkaround() {
        var first = resolvedIncident(2, "Exports", Duration.ofMinutes(10));
        var api = first.managerApi();
        var pm = createUser(Role.RESPONDER, "Petra Problem");
        api.post("/api/v1/incidents/" + first.key() + "/roles/problem-manager/assignments",
                Map.of("userId", pm.id().toString())).expect(201);
        String second = api.post("/api/v1/incidents", Map.of("summary", "Exports slow again", "severity", 3,
                "serviceId", first.serviceId())).expect(201).json().get("key").asString();

        var noWorkaround = api.post("/api/v1/problems", Map.of("title", "Export worker leaks memory",
                "status", "KNOWN_ERROR")).expect(422).json();
        assertThat(noWorkaround.toString()).contains("workaround");
        var unknownIncident = api.post("/api/v1/problems", Map.of("title", "x", "incidents", List.of("INC-999999999")))
                .expect(422).json();
        assertThat(unknownIncident.toString()).contains("incidents");

        var problem = api.post("/api/v1/problems", Map.of("title", "Export worker leaks memory",
                "description", "Workers grow until the OOM killer stops them", "incidents", List.of(first.key())))
                .expect(201).json();
        String ref = problem.get("key").asString();
        assertThat(ref).startsWith("PRB-");
        assertThat(problem.get("status").asString()).isEqualTo("NEW");
        assertThat(problem.get("owner").get("id").asString()).isEqualTo(pm.id().toString());
        assertThat(problem.get("serviceId").asString()).isEqualTo(first.serviceId());

        api.post("/api/v1/problems/" + ref + "/incidents", Map.of("incident", second)).expect(200);
        api.post("/api/v1/problems/" + ref + "/incidents", Map.of("incident", second)).expect(200);
        var updated = api.patch("/api/v1/problems/" + ref, Map.of("status", "KNOWN_ERROR",
                "rootCause", "The PDF library keeps fonts per job",
                "workaround", "Restart the export workers every 6 hours (kubectl rollout restart deploy/export)",
                "changes", List.of("CHG-1207"))).expect(200).json();
        var keys = new ArrayList<String>();
        updated.get("incidents").forEach(i -> keys.add(i.get("incidentKey").asString()));
        assertThat(keys).containsExactly(first.key(), second);
        assertThat(updated.get("status").asString()).isEqualTo("KNOWN_ERROR");
        assertThat(updated.get("changes").get(0).asString()).isEqualTo("CHG-1207");

        var item = api.post("/api/v1/action-items", Map.of("incident", first.key(), "title", "Fix the font cache",
                "ownerId", pm.id().toString())).expect(201).json();
        var withItem = api.post("/api/v1/problems/" + ref + "/action-items",
                Map.of("actionItemId", item.get("id").asString())).expect(200).json();
        assertThat(withItem.get("actionItems").get(0).get("title").asString()).isEqualTo("Fix the font cache");

        assertThat(api.get("/api/v1/problems?knownErrors=true&q=rollout%20restart").expect(200).body()).contains(ref);
        assertThat(api.get("/api/v1/problems?knownErrors=true&q=nothing-like-this-anywhere").expect(200).json()).isEmpty();

        String third = api.post("/api/v1/incidents", Map.of("summary", "Exports fail", "severity", 2,
                "serviceId", first.serviceId())).expect(201).json().get("key").asString();
        var page = new io.tocsin.support.WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD)
                .get("/incidents/" + third).body();
        assertThat(page).contains("Known error on this service", ref,
                "Restart the export workers every 6 hours (kubectl rollout restart deploy/export)");

        api.patch("/api/v1/problems/" + ref, Map.of("status", "RESOLVED")).expect(200);
        var after = new io.tocsin.support.WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD)
                .get("/incidents/" + third).body();
        assertThat(after).doesNotContain("Known error on this service");
    }
}
