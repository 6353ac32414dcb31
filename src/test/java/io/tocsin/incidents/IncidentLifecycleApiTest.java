package io.tocsin.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The response workflow end to end over real HTTP (R1, R2, R15, R18, R19, R26, R7, R27): declare, take as
 * incident manager, record what the team observes and decides, resolve, and read TTD and TTR.
 */
class IncidentLifecycleApiTest extends IntegrationTest {

    @Test
    void declareTakeWorkResolveAndMeasure() {
        Api responder = newUser(Role.RESPONDER, "Rita Responder");
        String serviceId = admin().post("/api/v1/services", Map.of("name", "checkout-" + System.nanoTime(),
                "tier", 1)).expect(201).json().get("id").asString();
        String productId = admin().post("/api/v1/products", Map.of("name", "Web Shop " + System.nanoTime()))
                .expect(201).json().get("id").asString();

        Instant start = clock.instant();
        var declared = responder.post("/api/v1/incidents", Map.of(
                "summary", "Checkout returns 500 for card payments",
                "description", "Customers cannot pay by card. Reporter: Sam, +49 30 1234",
                "reporterContact", "sam@example.org",
                "severity", 2, "serviceId", serviceId, "productIds", List.of(productId),
                "category", "availability",
                "impactStartedAt", start.minus(Duration.ofMinutes(12)).toString(), "detectedAt", start.toString()));
        declared.expect(201);
        JsonNode incident = declared.json();
        String key = incident.get("key").asString();
        assertThat(key).matches("INC-\\d+");
        assertThat(declared.header("Location")).isEqualTo("/api/v1/incidents/" + key);
        assertThat(incident.get("status").asString()).isEqualTo("NEW");
        assertThat(incident.get("major").asBoolean()).isTrue();
        assertThat(incident.get("severityLabel").asString()).isEqualTo("Major");
        assertThat(incident.get("category").asString()).isEqualTo("Availability");
        assertThat(incident.get("priority").asString()).as("sev 2 defaults to urgency HIGH, impact MEDIUM").isEqualTo("P2");
        assertThat(incident.get("products").get(0).get("id").asString()).isEqualTo(productId);
        assertThat(incident.get("allowedActions").toString()).isEqualTo("[\"assign\"]");
        assertThat(incident.get("metrics").get("timeToDetectSeconds").asLong()).isEqualTo(12 * 60);
        assertThat(incident.get("metrics").get("timeToRecoverSeconds").isNull()).isTrue();

        // The key works everywhere an id does, in any case.
        assertThat(responder.get("/api/v1/incidents/" + key.toLowerCase()).expect(200).json().get("id").asString())
                .isEqualTo(incident.get("id").asString());
        assertThat(responder.get("/api/v1/incidents/" + incident.get("id").asString()).expect(200).json()
                .get("key").asString()).isEqualTo(key);

        clock.advance(Duration.ofMinutes(3));
        var taken = responder.post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200).json();
        assertThat(taken.get("status").asString()).isEqualTo("FIXING");
        assertThat(taken.get("incidentManager").get("name").asString()).isEqualTo("Rita Responder");
        assertThat(taken.get("assignedAt").asString()).isEqualTo(clock.instant().toString());

        clock.advance(Duration.ofMinutes(1));
        var observation = responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "OBSERVATION",
                "body", "Error rate on checkout at 7%, only card payments")).expect(201).json();
        responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "THEORY",
                "body", "The 14:02 deploy of payments-api changed the card tokenizer")).expect(201);
        responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "EXPERIMENT",
                "body", "Route 10% of card traffic to the old tokenizer", "outcome", "Errors gone for that 10%"))
                .expect(201);
        responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "DECISION",
                "body", "Roll back payments-api")).expect(201);
        responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "CHANGE",
                "body", "Rolled back payments-api to 4.2.0", "rollbackPlan", "Deploy 4.3.0 again")).expect(201);
        var correction = responder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "NOTE",
                "body", "Correction: the error rate was 9%, not 7%", "correctsEntryId", observation.get("id").asLong()))
                .expect(201).json();
        assertThat(correction.get("correctsEntryId").asLong()).isEqualTo(observation.get("id").asLong());

        clock.advance(Duration.ofMinutes(20));
        var resolved = responder.post("/api/v1/incidents/" + key + "/resolve", Map.of()).expect(200).json();
        assertThat(resolved.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(resolved.get("resolvedAt").asString()).isEqualTo(clock.instant().toString());
        // Impact began 12 min before declaration; resolved 3 + 1 + 20 min after it.
        assertThat(resolved.get("metrics").get("timeToRecoverSeconds").asLong()).isEqualTo((12 + 24) * 60);
        assertThat(resolved.get("metrics").get("timeToRecover").asString()).isEqualTo("PT36M");
        assertThat(resolved.get("allowedActions").toString()).isEqualTo("[\"assign\",\"reopen\",\"close\"]");

        // Every change is on the timeline automatically, with actor and time (R19).
        // (Other modules add their own system entries, e.g. who was paged; these are the incident's own.)
        var timeline = responder.get("/api/v1/incidents/" + key + "/timeline").expect(200).json();
        var own = java.util.Set.of("declared", "manager-assigned", "status-changed");
        var system = timeline.valueStream().filter(e -> e.get("kind").asString().equals("SYSTEM"))
                .filter(e -> own.contains(e.get("event").asString())).toList();
        assertThat(system).extracting(e -> e.get("event").asString())
                .containsExactly("status-changed", "status-changed", "manager-assigned", "declared");
        assertThat(system).allMatch(e -> e.get("actorName").asString().equals("Rita Responder"));
        assertThat(system.getFirst().get("text").asString()).isEqualTo("Status changed from Fixing to Resolved. ");
        var kinds = timeline.valueStream().map(e -> e.get("kind").asString()).toList();
        assertThat(kinds).contains("OBSERVATION", "THEORY", "EXPERIMENT", "DECISION", "CHANGE", "NOTE");

        // The metrics list returns it for the period.
        var report = responder.get("/api/v1/metrics/incidents?from=" + start.minus(Duration.ofMinutes(1)) + "&to="
                + clock.instant().plusSeconds(1)).expect(200).json();
        var row = report.get("incidents").valueStream().filter(r -> r.get("key").asString().equals(key)).findFirst()
                .orElseThrow();
        assertThat(row.get("timeToDetect").asString()).isEqualTo("PT12M");
        assertThat(row.get("timeToRecover").asString()).isEqualTo("PT36M");
        assertThat(report.get("timeToRecover").get("count").asInt()).isGreaterThanOrEqualTo(1);

        // Reopen needs a reason; then resolve and close.
        responder.post("/api/v1/incidents/" + key + "/reopen", Map.of()).expect(422);
        var reopened = responder.post("/api/v1/incidents/" + key + "/reopen",
                Map.of("reason", "Errors are back")).expect(200).json();
        assertThat(reopened.get("status").asString()).isEqualTo("FIXING");
        assertThat(reopened.get("resolvedAt").isNull()).isTrue();
        clock.advance(Duration.ofMinutes(5));
        responder.post("/api/v1/incidents/" + key + "/resolve", null).expect(200);
        var closed = responder.post("/api/v1/incidents/" + key + "/close", Map.of()).expect(200).json();
        assertThat(closed.get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.get("allowedActions").size()).isZero();
    }

    @Test
    void assessmentTicketsTasksAndSeverityChangeWithReason() {
        Api responder = newUser(Role.RESPONDER, "Ann Assessor");
        var noTimes = responder.post("/api/v1/incidents", Map.of("summary", "Search is slow", "severity", 3))
                .expect(201).json();
        assertThat(noTimes.get("metrics").get("timeToDetectSeconds").isNull())
                .as("issue 13: nobody said when it started or was noticed, so there is no TTD").isTrue();
        assertThat(noTimes.get("impactStartedAt").isNull()).isTrue();
        assertThat(noTimes.get("detectedAt").isNull()).isTrue();
        String key = noTimes.get("key").asString();
        responder.put("/api/v1/incidents/" + key + "/times", Map.of("detectedAt", clock.instant().toString(),
                "reason", "noticed when declared")).expect(200);
        responder.post("/api/v1/incidents/" + key + "/assign", null).expect(200);

        clock.advance(Duration.ofMinutes(2));
        var assessed = responder.put("/api/v1/incidents/" + key + "/assessment", Map.of(
                "customerImpact", "Search takes 20 s", "customersSee", "A spinner, then results",
                "affectedScope", "NUMBER", "affectedCount", 1200, "supportTicketCount", 4,
                "otherFactors", List.of("SOCIAL_MEDIA", "SECURITY"), "changeCorrelation", "YES",
                "changeReference", "deploy search-indexer 2.1",
                "startedAt", clock.instant().minus(Duration.ofMinutes(30)).toString())).expect(200).json();
        var a = assessed.get("assessment");
        assertThat(a.get("affectedCount").asInt()).isEqualTo(1200);
        assertThat(a.get("otherFactors").toString()).isEqualTo("[\"SECURITY\",\"SOCIAL_MEDIA\"]");
        assertThat(a.get("changeCorrelation").asString()).isEqualTo("YES");
        assertThat(assessed.get("metrics").get("timeToDetectSeconds").asLong()).isEqualTo(28 * 60);

        // After assessment a severity change needs a reason, and is recorded with it.
        var noReason = responder.patch("/api/v1/incidents/" + key, Map.of("severity", 1));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("errors").get(0).get("field").asString()).isEqualTo("severityReason");
        var raised = responder.patch("/api/v1/incidents/" + key, Map.of("severity", 1,
                "severityReason", "Data loss confirmed", "impact", "HIGH")).expect(200).json();
        assertThat(raised.get("severity").asInt()).isEqualTo(1);
        assertThat(raised.get("priority").asString()).isEqualTo("P2");
        var entries = responder.get("/api/v1/incidents/" + key + "/timeline").json();
        assertThat(entries.valueStream().map(e -> e.get("text").asString()))
                .contains("Severity changed from 3 to 1. Data loss confirmed");

        var ticket = responder.post("/api/v1/incidents/" + key + "/tickets", Map.of("system", "Zendesk",
                "externalId", "ZD-991", "customer", "ACME GmbH")).expect(201).json();
        responder.post("/api/v1/incidents/" + key + "/tickets", Map.of("system", "Zendesk", "externalId", "ZD-992"))
                .expect(201);
        responder.post("/api/v1/incidents/" + key + "/tickets", Map.of("system", "Zendesk", "externalId", "ZD-991"))
                .expect(409);
        assertThat(responder.get("/api/v1/incidents/" + key).json().get("supportTicketCount").asLong()).isEqualTo(2);
        responder.delete("/api/v1/incidents/" + key + "/tickets/" + ticket.get("id").asString()).expect(204);
        assertThat(responder.get("/api/v1/incidents/" + key + "/tickets").json().get("count").asLong()).isEqualTo(1);

        var me = responder.get("/api/v1/me").json();
        var task = responder.post("/api/v1/incidents/" + key + "/cleanup-tasks", Map.of("title",
                "Remove the temporary index", "ownerId", me.get("id").asString(), "dueDate", "2026-03-09"))
                .expect(201).json();
        assertThat(task.get("status").asString()).isEqualTo("OPEN");
        var done = responder.patch("/api/v1/incidents/" + key + "/cleanup-tasks/" + task.get("id").asString(),
                Map.of("status", "DONE", "version", 0)).expect(200).json();
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        responder.patch("/api/v1/incidents/" + key + "/cleanup-tasks/" + task.get("id").asString(),
                Map.of("status", "OPEN", "version", 0)).expect(409);
    }

    @Test
    void concurrentEditsAreRefusedNotLost() {
        Api alice = newUser(Role.RESPONDER, "Alice");
        Api bob = newUser(Role.RESPONDER, "Bob");
        var created = alice.post("/api/v1/incidents", Map.of("summary", "Login flaky", "severity", 3)).expect(201);
        String key = created.json().get("key").asString();
        String etag = created.header("ETag");
        assertThat(etag).isEqualTo("\"0\"");

        alice.withHeader("If-Match", etag).patch("/api/v1/incidents/" + key, Map.of("summary", "Login flaky (EU)"))
                .expect(200);
        var stale = bob.withHeader("If-Match", etag).patch("/api/v1/incidents/" + key,
                Map.of("summary", "Login broken"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);

        var staleBody = bob.patch("/api/v1/incidents/" + key, Map.of("summary", "Login broken", "version", 0));
        assertThat(staleBody.status()).isEqualTo(409);
        assertThat(alice.get("/api/v1/incidents/" + key).json().get("summary").asString()).isEqualTo("Login flaky (EU)");
    }

    @Test
    void stakeholdersReadAndDeclareButChangeNothing() {
        Api stakeholder = newUser(Role.STAKEHOLDER, "Steve Stakeholder");
        var declared = stakeholder.post("/api/v1/incidents", Map.of("summary", "Shop looks broken to me",
                "severity", 2)).expect(201).json();
        String key = declared.get("key").asString();
        assertThat(declared.get("declaredBy").get("name").asString()).isEqualTo("Steve Stakeholder");
        stakeholder.get("/api/v1/incidents/" + key).expect(200);
        var denied = stakeholder.post("/api/v1/incidents/" + key + "/assign", null);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
        stakeholder.post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "NOTE", "body", "hi")).expect(403);
        // and a stakeholder cannot be made incident manager either
        var me = stakeholder.get("/api/v1/me").json().get("id").asString();
        admin().post("/api/v1/incidents/" + key + "/assign", Map.of("userId", me)).expect(422);
    }
}
