package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import org.junit.jupiter.api.Test;

/**
 * Postmortems over the API (R28, issue 12 points 1-3 and 8): a severity-2 incident that resolves gets its draft with
 * the timeline imported from before the impact began; severity 3 only by hand; the author's own timeline copy is
 * edited and tagged while the incident timeline stays as it was; review, publish and revise with history.
 */
class PostmortemApiTest extends LearningTestSupport {

    @Test
    void resolvingAMajorIncidentDraftsThePostmortemWithTheTimelineFromBeforeTheImpact() {
        var s = resolvedIncident(2, "Checkout", Duration.ofMinutes(40));
        var pm = postmortem(s.managerApi(), s.key());

        assertThat(pm.get("status").asString()).isEqualTo("DRAFT");
        assertThat(pm.get("owner").get("id").asString()).isEqualTo(s.manager().id().toString());
        var resolvedOn = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        var due = LocalDate.parse(pm.get("dueOn").asString());
        assertThat(due).isAfter(resolvedOn.plusDays(4));
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        var codes = new ArrayList<String>();
        pm.get("sections").forEach(sec -> codes.add(sec.get("code").asString()));
        assertThat(codes).containsExactly("summary", "impact", "timeline", "detection", "root-cause", "process",
                "action-items");
        assertThat(pm.get("sections").get(4).get("title").asString()).isEqualTo("Root cause analysis");
        assertThat(pm.get("sections").get(4).get("prompt").asString()).contains("systems and decisions, not culprits");

        var change = entry(pm, "Deployed Checkout 4.3.0");
        var impact = entry(pm, "Impact started");
        assertThat(change.get("source").asString()).isEqualTo("change");
        assertThat(Instant.parse(change.get("occurredAt").asString()))
                .isBefore(Instant.parse(impact.get("occurredAt").asString()));
        assertThat(impact.get("keyMoment").asString()).isEqualTo("IMPACT_START");
        assertThat(entry(pm, "Resolved").get("source").asString()).startsWith("incident:");
        var times = new ArrayList<Instant>();
        pm.get("timeline").forEach(e -> times.add(Instant.parse(e.get("occurredAt").asString())));
        assertThat(times).isSorted();

        var figures = pm.get("figures");
        assertThat(figures.get("timeToDetectSeconds").asLong()).isEqualTo(120);
        assertThat(figures.get("timeToResolveSeconds").asLong()).isEqualTo(42 * 60);

        var incidentTimeline = s.managerApi().get("/api/v1/incidents/" + s.key() + "/timeline").expect(200).body();
        assertThat(incidentTimeline).contains("Postmortem drafted");
    }

    @Test
    void severityThreeGetsNoDraftButOneCanBeCreatedByHandOnce() {
        var s = resolvedIncident(3, "Search", Duration.ofMinutes(5));
        s.managerApi().get("/api/v1/incidents/" + s.key() + "/postmortem").expect(404);

        var reviewer = createUser(Role.RESPONDER, "Rita Reviewer");
        var created = s.managerApi().post("/api/v1/incidents/" + s.key() + "/postmortem",
                Map.of("language", "de", "reviewerIds", List.of(reviewer.id().toString()))).expect(201).json();
        assertThat(created.get("sections").get(0).get("title").asString()).isEqualTo("Zusammenfassung");
        assertThat(entry(created, "Beginn der Auswirkung").get("keyMoment").asString()).isEqualTo("IMPACT_START");
        assertThat(created.get("reviewers").get(0).get("name").asString()).isEqualTo("Rita Reviewer");

        var again = s.managerApi().post("/api/v1/incidents/" + s.key() + "/postmortem", Map.of()).expect(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        var unknownOwner = s.managerApi().post("/api/v1/incidents/" + openIncident(3, "Mail").key() + "/postmortem",
                Map.of("ownerId", java.util.UUID.randomUUID().toString())).expect(422).json();
        assertThat(unknownOwner.toString()).contains("ownerId");
    }

    @Test
    void theAuthorEditsAndTagsTheCopyWhileTheIncidentTimelineStaysAsItWas() {
        var s = resolvedIncident(1, "Payments", Duration.ofMinutes(30));
        var api = s.managerApi();
        String before = api.get("/api/v1/incidents/" + s.key() + "/timeline").expect(200).body();
        var pm = postmortem(api, s.key());
        String entryId = entry(pm, "Deployed Payments").get("id").asString();

        var edited = api.patch("/api/v1/incidents/" + s.key() + "/postmortem/timeline/" + entryId,
                Map.of("keyMoment", "KEY_DECISION", "annotation", "The release went out without a canary"))
                .expect(200).json();
        assertThat(edited.get("keyMoment").asString()).isEqualTo("KEY_DECISION");
        assertThat(edited.get("annotation").asString()).contains("canary");
        String resolvedId = entry(pm, "Resolved").get("id").asString();
        api.patch("/api/v1/incidents/" + s.key() + "/postmortem/timeline/" + resolvedId,
                Map.of("keyMoment", "REPAIR")).expect(200);
        api.post("/api/v1/incidents/" + s.key() + "/postmortem/timeline", Map.of("occurredAt",
                clock.instant().minus(Duration.ofMinutes(20)).toString(), "text", "Rolled back to 4.2.9",
                "keyMoment", "DIAGNOSIS")).expect(201);
        api.put("/api/v1/incidents/" + s.key() + "/postmortem/sections/summary",
                Map.of("body", "Card payments failed for 30 minutes after a release.")).expect(200);

        var after = postmortem(api, s.key());
        assertThat(entry(after, "Rolled back").get("source").asString()).isEqualTo("author");
        assertThat(after.get("sections").get(0).get("body").asString()).contains("Card payments failed");
        assertThat(after.get("figures").get("timeToMitigateSeconds").asLong()).isEqualTo(32 * 60);
        assertThat(api.get("/api/v1/incidents/" + s.key() + "/timeline").expect(200).body()).isEqualTo(before);

        var badMoment = api.patch("/api/v1/incidents/" + s.key() + "/postmortem/timeline/" + entryId,
                Map.of("keyMoment", "BLAME")).expect(400);
        assertThat(badMoment.body()).contains("keyMoment");
        api.patch("/api/v1/incidents/" + s.key() + "/postmortem/timeline/" + java.util.UUID.randomUUID(),
                Map.of("included", false)).expect(404);
        api.put("/api/v1/incidents/" + s.key() + "/postmortem/sections/no-such-section", Map.of("body", "x")).expect(404);
    }

    @Test
    void reviewApprovePublishAndReviseKeepTheHistory() {
        var s = resolvedIncident(2, "Login", Duration.ofMinutes(15));
        var api = s.managerApi();
        String base = "/api/v1/incidents/" + s.key() + "/postmortem";

        var noReviewers = api.post(base + "/review-request", Map.of()).expect(422).json();
        assertThat(noReviewers.toString()).contains("reviewerIds");

        var reviewer = createUser(Role.RESPONDER, "Rudi Reviewer");
        var stranger = newUser(Role.RESPONDER, "Sam Stranger");
        api.patch(base, Map.of("reviewerIds", List.of(reviewer.id().toString()))).expect(200);

        var missing = api.post(base + "/publish", Map.of()).expect(422).json();
        var fields = new ArrayList<String>();
        missing.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("sections.summary", "sections.impact", "sections.detection",
                "sections.root-cause");
        assertThat(missing.toString()).contains("Root cause analysis");
        var unchanged = postmortem(api, s.key());
        assertThat(unchanged.get("status").asString()).isEqualTo("DRAFT");
        assertThat(unchanged.get("revision").asInt()).isZero();

        for (var code : List.of("summary", "impact", "detection", "root-cause")) {
            api.put(base + "/sections/" + code, Map.of("body", "Text for " + code)).expect(200);
        }
        api.post(base + "/review-request", Map.of()).expect(200);
        stranger.post(base + "/reviews", Map.of("decision", "APPROVE")).expect(403);
        as(reviewer).post(base + "/reviews", Map.of("decision", "REQUEST_CHANGES")).expect(422);
        var back = as(reviewer).post(base + "/reviews", Map.of("decision", "REQUEST_CHANGES",
                "comment", "Say more about detection")).expect(200).json();
        assertThat(back.get("status").asString()).isEqualTo("DRAFT");

        api.put(base + "/sections/detection", Map.of("body", "Customers told us before monitoring did.")).expect(200);
        api.post(base + "/review-request", Map.of()).expect(200);
        api.post(base + "/publish", Map.of()).expect(409);
        as(reviewer).post(base + "/reviews", Map.of("decision", "APPROVE")).expect(200);
        var published = api.post(base + "/publish", Map.of()).expect(200).json();
        assertThat(published.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.get("revision").asInt()).isEqualTo(1);
        api.put(base + "/sections/summary", Map.of("body", "changed")).expect(409);

        api.post(base + "/revise", Map.of()).expect(200);
        api.put(base + "/sections/summary", Map.of("body", "Second revision summary")).expect(200);
        api.post(base + "/review-request", Map.of()).expect(200);
        as(reviewer).post(base + "/reviews", Map.of("decision", "APPROVE")).expect(200);
        var second = api.post(base + "/publish", Map.of()).expect(200).json();
        assertThat(second.get("revisions")).hasSize(2);
        assertThat(api.get(base + "/revisions/1").expect(200).body()).contains("Text for summary")
                .doesNotContain("Second revision summary");
        assertThat(api.get(base + "/revisions/2").expect(200).body()).contains("Second revision summary");
        assertThat(api.get("/api/v1/incidents/" + s.key() + "/timeline").expect(200).body())
                .contains("Postmortem published (revision 2)");
    }

    @Test
    void stakeholdersReadButDoNotWrite() {
        var s = resolvedIncident(2, "Reports", Duration.ofMinutes(5));
        var viewer = newUser(Role.STAKEHOLDER, "Vera Viewer");
        viewer.get("/api/v1/incidents/" + s.key() + "/postmortem").expect(200);
        viewer.put("/api/v1/incidents/" + s.key() + "/postmortem/sections/summary", Map.of("body", "x")).expect(403);
        anonymous().get("/api/v1/incidents/" + s.key() + "/postmortem").expect(401);
    }
}
