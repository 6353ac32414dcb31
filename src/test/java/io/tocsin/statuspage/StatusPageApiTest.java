package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.page;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Pages, groups and components over REST (issue 11 points 1 and 2, R22): settings checked whole with the field at
 * fault, administrators set pages up, responders move states, every change recorded with time and cause.
 */
class StatusPageApiTest extends IntegrationTest {

    @Test
    void anAdministratorSetsUpAPageWithGroupsAndComponentsLinkedToServices() {
        var admin = admin();
        String slug = unique("acme");
        var page = page(admin, slug, Map.of("language", "de", "timeZone", "Europe/Berlin", "accentColor", "#1a73e8",
                "headerText", "Our services", "supportUrl", "https://support.example.com", "customHost",
                slug + ".status.example.com"));
        assertThat(page.get("visibility").asString()).isEqualTo("PUBLIC");
        assertThat(page.get("language").asString()).isEqualTo("de");
        String pageId = page.get("id").asString();
        var group = admin.post("/api/v1/status-pages/" + pageId + "/groups", Map.of("name", "Platform")).expect(201).json();
        String serviceId = service(admin, "checkout");
        var api = component(admin, pageId, "API", group.get("id").asString(), List.of(serviceId));
        assertThat(api.get("status").asString()).isEqualTo("OPERATIONAL");
        assertThat(api.get("serviceIds").get(0).asString()).isEqualTo(serviceId);
        assertThat(api.get("automatic").asBoolean()).isTrue();

        var components = admin.get("/api/v1/status-pages/" + pageId + "/components").expect(200).json();
        assertThat(components.size()).isEqualTo(1);

        var responder = newUser(Role.RESPONDER, "Page Responder");
        var moved = responder.put("/api/v1/status-pages/" + pageId + "/components/" + api.get("id").asString()
                + "/status", Map.of("status", "PARTIAL_OUTAGE", "cause", "database failover")).expect(200).json();
        assertThat(moved.get("status").asString()).isEqualTo("PARTIAL_OUTAGE");
        assertThat(moved.get("automatic").asBoolean()).isFalse();
        var history = admin.get("/api/v1/status-pages/" + pageId + "/components/" + api.get("id").asString()
                + "/history").expect(200).json();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(1).get("cause").asString()).contains("database failover").contains("Page Responder");
    }

    @Test
    void aComponentFollowsItsServicesOpenIncidentsUntilSetByHand() {
        var admin = admin();
        var page = page(admin, unique("follow"), Map.of());
        String pageId = page.get("id").asString();
        String serviceId = service(admin, "search");
        String componentId = component(admin, pageId, "Search", null, List.of(serviceId)).get("id").asString();
        String path = "/api/v1/status-pages/" + pageId + "/components";
        String key = admin.post("/api/v1/incidents", Map.of("summary", "Search is slow", "severity", 1, "serviceId",
                serviceId)).expect(201).json().get("key").asString();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                admin.get(path).json().get(0).get("status").asString().equals("MAJOR_OUTAGE"));
        admin.post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        admin.post("/api/v1/incidents/" + key + "/resolve", Map.of("reason", "fixed")).expect(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                admin.get(path).json().get(0).get("status").asString().equals("OPERATIONAL"));
        var history = admin.get(path + "/" + componentId + "/history").expect(200).json();
        assertThat(history.get(1).get("cause").asString()).contains(key);

        admin.put(path + "/" + componentId + "/status", Map.of("status", "DEGRADED_PERFORMANCE")).expect(200);
        admin.post("/api/v1/incidents", Map.of("summary", "Search down", "severity", 1, "serviceId", serviceId))
                .expect(201);
        // Once the automation has handled the new incident, the state set by hand still stands.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from event_publication where listener_id like '%ComponentAutomation%' and completion_date is null")
                .query(Long.class).single() == 0);
        assertThat(admin.get(path).json().get(0).get("status").asString()).isEqualTo("DEGRADED_PERFORMANCE");
    }

    @Test
    void badSettingsAreRefusedNamingEachFieldAndNothingIsStored() {
        long before = count("status_page");
        var answer = admin().post("/api/v1/status-pages", Map.of("slug", "Not A Slug", "name", "", "language", "fr",
                "timeZone", "Mars/Olympus", "accentColor", "blue", "logoUrl", "javascript:alert(1)", "customHost", "not a host"));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("slug", "name", "language", "timeZone", "accentColor", "logoUrl", "customHost");
        assertThat(count("status_page")).isEqualTo(before);
        assertThat(admin().post("/api/v1/status-pages", Map.of("slug", "internal", "name", "x")).status()).isEqualTo(422);
    }

    @Test
    void aTakenSlugIsAConflict() {
        String slug = unique("dup");
        page(admin(), slug, Map.of());
        var again = admin().post("/api/v1/status-pages", Map.of("slug", slug, "name", "Other"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyAdministratorsSetUpPagesAndOnlyRespondersMoveStates() {
        var responder = newUser(Role.RESPONDER, "Setup Responder");
        assertThat(responder.post("/api/v1/status-pages", Map.of("slug", unique("r"), "name", "R")).status()).isEqualTo(403);
        var page = page(admin(), unique("perm"), Map.of());
        String pageId = page.get("id").asString();
        var c = component(admin(), pageId, "Web", null, List.of());
        var stakeholder = newUser(Role.STAKEHOLDER, "Page Stakeholder");
        assertThat(stakeholder.get("/api/v1/status-pages/" + pageId).status()).isEqualTo(200);
        assertThat(stakeholder.put("/api/v1/status-pages/" + pageId + "/components/" + c.get("id").asString() + "/status",
                Map.of("status", "MAJOR_OUTAGE")).status()).isEqualTo(403);
        assertThat(responder.post("/api/v1/status-pages/" + pageId + "/components", Map.of("name", "X")).status())
                .isEqualTo(403);
        assertThat(anonymous().get("/api/v1/status-pages").status()).isEqualTo(401);
    }

    @Test
    void aComponentNeedsKnownServicesAndAGroupOfItsPage() {
        var page = page(admin(), unique("svc"), Map.of());
        var answer = admin().post("/api/v1/status-pages/" + page.get("id").asString() + "/components",
                Map.of("name", "X", "serviceIds", List.of(java.util.UUID.randomUUID().toString()),
                        "groupId", "00000000-0000-0000-0000-000000000002"));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body()).contains("serviceIds", "groupId");
    }
}
