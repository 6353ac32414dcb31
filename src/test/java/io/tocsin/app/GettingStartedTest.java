package io.tocsin.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.identity.ApiTokens;
import io.tocsin.identity.Identity;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import io.tocsin.support.Api;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestDatabase;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Onboarding (issue 13 point 3): on a fresh installation {@code /admin} is the administrator's landing page, whose
 * "Getting started" checklist ticks itself one item after the other as the administrator sets Tocsin up, up to a
 * test page received; meanwhile a banner tells a person nobody can page them, and a policy that would reach nobody
 * says so on its page and in the list.
 */
class GettingStartedTest {

    private static final String PASSWORD = "getting-started-123";
    private static final List<String> STEPS = List.of("setup.team", "setup.service", "setup.integration",
            "setup.schedule", "setup.policy", "setup.contact", "setup.test-page");

    @Test
    void theChecklistTicksItselfAndTheBannersSayWhoAndWhatReachesNobody(@TempDir Path dir) {
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        try (var app = RunningApp.start(db, "--tocsin.admin.password=" + PASSWORD)) {
            var admin = app.bean(Identity.class).findByEmail("admin@tocsin.local").orElseThrow();
            var api = new Api(app.baseUrl(), app.bean(ApiTokens.class).create(admin.id(), "setup").token());
            var web = new WebSession(app.baseUrl(), "admin@tocsin.local", PASSWORD);

            var landing = web.get("/admin");
            assertThat(landing.statusCode()).as("/admin is a page, not a 404").isEqualTo(200);
            assertThat(landing.body()).contains("Getting started", "0 of 7 done", "People and teams");
            assertThat(done(landing.body())).isEmpty();
            assertThat(web.get("/").body()).as("the administrator has no verified contact method yet")
                    .contains("id=\"unreachable-banner\"", "Nobody can page you.");

            String team = api.post("/api/v1/teams", Map.of("name", "Core")).expect(201).json().get("id").asString();
            api.post("/api/v1/teams/" + team + "/members", Map.of("userId", admin.id().toString())).expect(200);
            assertThat(done(web.get("/admin").body())).containsExactly("setup.team");

            String service = api.post("/api/v1/services", Map.of("name", "api", "owningTeamId", team)).expect(201)
                    .json().get("id").asString();
            api.post("/api/v1/services/" + service + "/integrations", Map.of("name", "prom", "kind", "ALERTMANAGER"))
                    .expect(201);
            String schedule = api.post("/api/v1/schedules", Map.of("teamId", team, "name", "Core on call",
                    "timeZone", "UTC", "layers", List.of(Map.of("name", "Weekly", "participants", List.of(admin.id()),
                            "shiftLength", Map.of("amount", 1, "unit", "WEEKS"),
                            "startsAt", Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS).toString()))))
                    .expect(201).json().get("id").asString();
            assertThat(done(web.get("/admin").body())).containsExactly("setup.team", "setup.service",
                    "setup.integration", "setup.schedule");

            String policy = api.post("/api/v1/escalation-policies", Map.of("name", "Core", "levels", List.of(
                    Map.of("targets", List.of(Map.of("type", "SCHEDULE", "id", schedule)))))).expect(201)
                    .json().get("id").asString();
            api.put("/api/v1/services/" + service + "/escalation-policy", Map.of("policyId", policy)).expect(200);
            assertThat(done(web.get("/admin").body())).hasSize(5).doesNotContain("setup.contact");
            assertThat(web.get("/escalation-policies/" + policy).body()).as("on call, but not reachable")
                    .contains("id=\"policy-reaches-nobody\"", "This policy would reach nobody right now.");
            assertThat(web.get("/escalation-policies").body()).contains("reaches-nobody");

            var contactMethods = app.bean(ContactMethods.class);
            var mail = contactMethods.addVouched(admin.id(), new ContactMethods.NewContactMethod(ContactMethodType.EMAIL,
                    "Work", "admin@tocsin.local", false), "test");
            contactMethods.addRule(admin.id(), mail.id(), 0);
            assertThat(done(web.get("/admin").body())).hasSize(6).doesNotContain("setup.test-page");
            assertThat(web.get("/").body()).doesNotContain("unreachable-banner");
            assertThat(web.get("/escalation-policies/" + policy).body()).doesNotContain("policy-reaches-nobody");

            web.get("/services/" + service);
            var sent = web.post("/services/" + service + "/test-alert", Map.of());
            assertThat(sent.statusCode()).isEqualTo(302);
            assertThat(sent.headers().firstValue("Location").orElse("")).contains("/incidents/INC-");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var page = web.get("/admin").body();
                assertThat(done(page)).containsExactlyElementsOf(STEPS);
                assertThat(page).contains("7 of 7 done");
            });
            assertThat(web.get("/admin?lang=de").body()).contains("Erste Schritte", "7 von 7 erledigt");
        }
    }

    /** The steps the page shows as done, in its order. */
    private static List<String> done(String page) {
        return Pattern.compile("data-step=\"([^\"]+)\" data-done=\"true\"").matcher(page).results()
                .map(m -> m.group(1)).toList();
    }
}
