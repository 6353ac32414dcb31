package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.declare;
import static io.tocsin.statuspage.StatusPageTestSupport.page;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The public side (issue 11 points 1, 3, 5, 7, R22, R23, R25): publishing from an incident, the server-rendered
 * page in English and German without inline scripts or styles, 90-day bars, the page on its own host name, the
 * Statuspage v2 documents with Atlassian's field names and value sets, validators, and nothing internal leaking.
 */
class PublicStatusPageTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    io.tocsin.shared.DurableTimers timers;

    @org.springframework.beans.factory.annotation.Autowired
    io.tocsin.notify.internal.DeliveryWorker worker;

    @org.springframework.beans.factory.annotation.Autowired
    WebhookSettings webhookSettings;

    static final Set<String> COMPONENT_STATES = Set.of("operational", "degraded_performance", "partial_outage",
            "major_outage", "under_maintenance");
    static final Set<String> INDICATORS = Set.of("none", "minor", "major", "critical");
    static final Set<String> INCIDENT_STATES = Set.of("investigating", "identified", "monitoring", "resolved");
    static final Set<String> MAINTENANCE_STATES = Set.of("scheduled", "in_progress", "verifying", "completed");
    static final Set<String> IMPACTS = Set.of("none", "minor", "major", "critical", "maintenance");
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}([+-]\\d{2}:\\d{2}|Z)");

    record Setup(String slug, String pageId, String apiId, String webId, String key, String publicId) {
    }

    private Setup publishedPage(String marker) {
        return publishedPage(marker, slug -> {
        });
    }

    /** {@code beforeTheIncident} runs with the slug once the page and its components exist. */
    private Setup publishedPage(String marker, java.util.function.Consumer<String> beforeTheIncident) {
        var admin = admin();
        String slug = unique("pub");
        var page = page(admin, slug, Map.of("timeZone", "Europe/Berlin", "customHost", slug + ".status.example.com"));
        String pageId = page.get("id").asString();
        String groupId = admin.post("/api/v1/status-pages/" + pageId + "/groups", Map.of("name", "Platform"))
                .expect(201).json().get("id").asString();
        String serviceId = service(admin, "payments");
        String apiId = component(admin, pageId, "Public API", groupId, List.of(serviceId)).get("id").asString();
        String webId = component(admin, pageId, "Website", null, List.of()).get("id").asString();
        beforeTheIncident.accept(slug);
        String key = admin.post("/api/v1/incidents", Map.of("summary", "Card payments fail " + marker, "severity", 2,
                "serviceId", serviceId, "description", "db primary lost " + marker, "reporterContact",
                "ops " + marker)).expect(201).json().get("key").asString();
        // The linked component follows its service's incident (severity 2: partial outage) after the declaration
        // commits; publishing after that keeps the update's old status deterministic.
        await().atMost(Duration.ofSeconds(10)).until(() -> "partial_outage".equals(find(
                json("/status/" + slug + "/api/v2/components.json").get("components"), "Public API").get("status")
                .asString()));
        var published = admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents", List.of(key),
                "name", "Payments are failing", "status", "INVESTIGATING", "body",
                "We are investigating failed card payments.", "components", Map.of(apiId, "PARTIAL_OUTAGE")))
                .expect(201).json();
        return new Setup(slug, pageId, apiId, webId, key, published.get("id").asString());
    }

    @Test
    void publishingFromAnIncidentShowsItOnThePublicPageInBothLanguages() {
        var s = publishedPage("");
        var html = anonymous().send("GET", "/status/" + s.slug(), null, null);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.body()).contains("Payments are failing", "We are investigating failed card payments.",
                "Public API", "Website", "Partial outage", "Platform", "Partial system outage");
        assertThat(html.header("Content-Security-Policy")).contains("script-src 'self'").contains("style-src 'self'");
        for (var inline : List.of("<script(?![^>]*\\bsrc=)", " style=", "<style", " on[a-z]+=\"")) {
            var found = Pattern.compile(inline).matcher(html.body());
            assertThat(found.find() ? html.body().substring(Math.max(0, found.start() - 80), found.end() + 40) : "")
                    .as("inline script or style " + inline).isEmpty();
        }
        // 90 compact day bars per component (issue 11 speed), today's coloured by its partial outage, and the
        // same in text for screen readers.
        var bars = Pattern.compile("<ol class=\"uptime-bars\"[^>]*>(.*?)</ol>").matcher(html.body()).results()
                .map(r -> r.group(1)).toList();
        assertThat(bars).hasSize(2).allSatisfy(b -> assertThat(Pattern.compile("<li ").matcher(b).results().count())
                .isEqualTo(90));
        assertThat(bars).anySatisfy(b -> assertThat(b).matches(".*<li class=p( data-p=[0-9.]+)?>$")
                .doesNotContain("title="));
        assertThat(html.body()).contains("Days with disruptions:", ": Partial outage, ");

        var german = anonymous().send("GET", "/status/" + s.slug() + "?lang=de", null, null);
        assertThat(german.body()).contains("lang=\"de\"", "Teilausfall", "Wird untersucht", "Teilweiser Ausfall");

        var timeline = admin().get("/api/v1/incidents/" + s.key() + "/timeline").expect(200).body();
        assertThat(timeline).contains("Payments are failing");
    }

    @Test
    void theStatuspageDocumentsHaveAtlassiansFieldsAndValues() {
        var s = publishedPage("");
        var summary = json("/status/" + s.slug() + "/api/v2/summary.json");
        assertPage(summary.get("page"), s);
        assertThat(summary.get("status").get("indicator").asString()).isEqualTo("major");
        assertThat(summary.get("status").get("description").asString()).isEqualTo("Partial System Outage");
        assertThat(names(summary)).containsExactly("page", "components", "incidents", "scheduled_maintenances", "status");
        var components = summary.get("components");
        assertThat(components.size()).isEqualTo(3);
        for (var c : components) {
            assertThat(names(c)).contains("id", "name", "status", "created_at", "updated_at", "position", "description",
                    "showcase", "start_date", "group_id", "page_id", "group", "only_show_if_degraded");
            assertThat(COMPONENT_STATES).contains(c.get("status").asString());
            assertThat(c.get("created_at").asString()).matches(TIME);
        }
        var group = find(components, "Platform");
        assertThat(group.get("group").asBoolean()).isTrue();
        assertThat(group.get("components").get(0).asString()).isEqualTo(s.apiId());
        assertThat(find(components, "Public API").get("group_id").asString()).isEqualTo(group.get("id").asString());
        assertThat(find(components, "Public API").get("status").asString()).isEqualTo("partial_outage");
        assertThat(find(components, "Website").get("group_id").isNull()).isTrue();

        var incident = summary.get("incidents").get(0);
        assertIncident(incident, INCIDENT_STATES);
        assertThat(incident.get("impact").asString()).isEqualTo("major");
        assertThat(incident.get("shortlink").asString()).contains(s.publicId());
        var update = incident.get("incident_updates").get(0);
        assertThat(update.get("body").asString()).isEqualTo("We are investigating failed card payments.");
        var affected = update.get("affected_components").get(0);
        assertThat(names(affected)).containsExactly("code", "name", "old_status", "new_status");
        assertThat(affected.get("old_status").asString()).isEqualTo("partial_outage");
        assertThat(affected.get("new_status").asString()).isEqualTo("partial_outage");

        var status = json("/status/" + s.slug() + "/api/v2/status.json");
        assertThat(names(status)).containsExactly("page", "status");
        assertThat(INDICATORS).contains(status.get("status").get("indicator").asString());
        assertThat(names(json("/status/" + s.slug() + "/api/v2/components.json"))).containsExactly("page", "components");
        var all = json("/status/" + s.slug() + "/api/v2/incidents.json");
        assertThat(all.get("incidents").size()).isEqualTo(1);
        assertThat(json("/status/" + s.slug() + "/api/v2/incidents/unresolved.json").get("incidents").size()).isEqualTo(1);

        // A maintenance shows in the maintenance documents with its window.
        var admin = admin();
        var from = clock.instant().plus(java.time.Duration.ofDays(2));
        admin.post("/api/v1/status-pages/" + s.pageId() + "/incidents", Map.of("name", "Database upgrade",
                "body", "We upgrade the database.", "scheduledFor", from.toString(), "scheduledUntil",
                from.plus(java.time.Duration.ofHours(2)).toString(), "components", Map.of(s.webId(), "OPERATIONAL")))
                .expect(201);
        var upcoming = json("/status/" + s.slug() + "/api/v2/scheduled-maintenances/upcoming.json");
        assertThat(names(upcoming)).containsExactly("page", "scheduled_maintenances");
        var maintenance = upcoming.get("scheduled_maintenances").get(0);
        assertIncident(maintenance, MAINTENANCE_STATES);
        assertThat(maintenance.get("impact").asString()).isEqualTo("maintenance");
        assertThat(maintenance.get("scheduled_for").asString()).matches(TIME);
        assertThat(maintenance.get("scheduled_until").asString()).matches(TIME);
        assertThat(json("/status/" + s.slug() + "/api/v2/scheduled-maintenances.json").get("scheduled_maintenances").size())
                .isEqualTo(1);
        assertThat(json("/status/" + s.slug() + "/api/v2/scheduled-maintenances/active.json").get("scheduled_maintenances")
                .size()).isZero();

        // Resolving ends it and puts the component back.
        admin.post("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + s.publicId() + "/updates",
                Map.of("status", "RESOLVED", "body", "Payments work again.")).expect(200);
        var after = json("/status/" + s.slug() + "/api/v2/summary.json");
        assertThat(after.get("status").get("indicator").asString()).isEqualTo("none");
        assertThat(after.get("status").get("description").asString()).isEqualTo("All Systems Operational");
        assertThat(find(after.get("components"), "Public API").get("status").asString()).isEqualTo("operational");
        assertThat(after.get("incidents").size()).isZero();
        var resolved = json("/status/" + s.slug() + "/api/v2/incidents.json").get("incidents").get(0);
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        assertThat(resolved.get("resolved_at").asString()).matches(TIME);
        assertThat(resolved.get("incident_updates").size()).isEqualTo(2);
    }

    @Test
    void readsCarryValidatorsAndCorsAndAnswerOnThePagesOwnHost() {
        var s = publishedPage("");
        var first = anonymous().send("GET", "/status/" + s.slug() + "/api/v2/summary.json", null, null);
        assertThat(first.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(first.header("Cache-Control")).contains("max-age=");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"");
        assertThat(first.header("Last-Modified")).isNotBlank();
        var again = anonymous().withHeader("If-None-Match", etag).send("GET", "/status/" + s.slug()
                + "/api/v2/summary.json", null, null);
        assertThat(again.status()).isEqualTo(304);

        var onHost = StatusPageTestSupport.onHost(port, s.slug() + ".status.example.com", "/");
        assertThat(onHost).startsWith("HTTP/1.1 200").contains("Payments are failing");
        var jsonOnHost = StatusPageTestSupport.onHost(port, s.slug() + ".status.example.com:443", "/api/v2/status.json");
        assertThat(jsonOnHost).startsWith("HTTP/1.1 200").contains("\"indicator\":\"major\"");
        // A proxy that keeps its own Host and passes the visitor's in X-Forwarded-Host (docs/statuspage.md).
        var viaProxy = StatusPageTestSupport.onHost(port, "tocsin.internal\r\nX-Forwarded-Host: " + s.slug()
                + ".status.example.com", "/api/v2/status.json");
        assertThat(viaProxy).startsWith("HTTP/1.1 200").contains("\"indicator\":\"major\"");
        assertThat(anonymous().send("GET", "/status/" + unique("nope"), null, null).status()).isEqualTo(404);
        var badge = anonymous().send("GET", "/status/" + s.slug() + "/badge.svg", null, null);
        assertThat(badge.contentType()).startsWith("image/svg+xml");
        assertThat(badge.body()).contains("<svg", "Partial system outage");
        // Badges and feeds in the page's language, switched with ?lang= like the page (issue 11 points 1, 6, 7).
        assertThat(get(anonymous(), "/status/" + s.slug() + "/badge.svg?lang=de").body()).contains("Teilweiser Ausfall");
        String componentBadge = "/status/" + s.slug() + "/components/" + s.apiId() + "/badge.svg";
        assertThat(get(anonymous(), componentBadge).body()).contains("<svg", "Public API", "Partial outage");
        assertThat(get(anonymous(), componentBadge + "?lang=de").body()).contains("Teilausfall");
        for (String feed : List.of("/history.rss", "/history.atom")) {
            assertThat(get(anonymous(), "/status/" + s.slug() + feed).body()).contains("Payments are failing",
                    "status and incidents", "Investigating");
            assertThat(get(anonymous(), "/status/" + s.slug() + feed + "?lang=de").body())
                    .contains("Status und Störungen", "Wird untersucht").doesNotContain("Investigating");
        }
        assertThat(StatusPageTestSupport.onHost(port, s.slug() + ".status.example.com", "/history.rss?lang=de"))
                .startsWith("HTTP/1.1 200").contains("<language>de</language>");
    }

    @Test
    void aPrivatePageNeedsASignIn() {
        String slug = unique("priv");
        page(admin(), slug, Map.of("visibility", "PRIVATE"));
        var anonymousRead = anonymous().send("GET", "/status/" + slug + "/api/v2/summary.json", null, null);
        assertThat(anonymousRead.status()).isIn(302, 401);
        var session = new io.tocsin.support.WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        var signedIn = session.get("/status/" + slug + "/api/v2/summary.json");
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("Cache-Control").orElse("")).contains("private");
        assertThat(session.get("/status/" + slug).body()).contains("All systems operational");

        // An access list of e-mail domains: only signed-in people whose address is in one of them (point 1).
        String listed = unique("privlist");
        page(admin(), listed, Map.of("visibility", "PRIVATE", "allowedDomains", List.of("test.local")));
        String other = unique("privother");
        page(admin(), other, Map.of("visibility", "PRIVATE", "allowedDomains", List.of("customer.example")));
        assertThat(session.get("/status/" + listed).statusCode()).isEqualTo(200);
        assertThat(session.get("/status/" + listed + "/api/v2/status.json").body()).contains("\"indicator\":\"none\"");
        assertThat(session.get("/status/" + other).statusCode()).as(ADMIN_EMAIL + " is not in the list").isEqualTo(404);
        assertThat(session.get("/status/" + other + "/api/v2/summary.json").statusCode()).isEqualTo(404);
        assertThat(anonymous().send("GET", "/status/" + listed, null, null).status()).isIn(302, 401);
    }

    /**
     * A marker in every internal field of the incident never reaches any public response (point 3): the page in
     * both languages, the eight JSON documents, badges, feeds, widget and theme in both languages, and the page on
     * its own host name, the subscriber's confirmation and update mails, and the signed bodies a webhook subscriber
     * gets (point 6) for the component's move, the publication, the update and the resolution; one endpoint
     * registered in English and one in German (the bodies are Statuspage's JSON, the same in both, checked anyway).
     */
    @Test
    void nothingInternalLeaks() throws Exception {
        String marker = "SECRET" + System.nanoTime();
        webhookSettings.setAllowHttp(true);
        webhookSettings.setAllowPrivateTargets(true);
        try (var endpoint = new StatuspageWebhookEndpoint()) {
            var hooks = new ArrayList<String>();
            var s = publishedPage(marker, slug -> {
                clock.advance(Duration.ofMinutes(1)); // the subscription paths' throttle, shared by the tests
                for (String language : List.of("en", "de")) {
                    String url = endpoint.newUrl();
                    endpoint.secret(url, anonymous().post("/status/" + slug + "/subscriptions/webhooks", Map.of(
                            "url", url, "email", "hook-" + language + "@example.org", "language", language))
                            .expect(201).json().get("secret").asString());
                    hooks.add(url);
                }
                timers.runDue();
                worker.deliverDue();
                assertThat(hooks).allSatisfy(url -> assertThat(endpoint.received(url)).singleElement()
                        .satisfies(ping -> assertThat(ping.event()).isEqualTo("ping")));
            });
            nothingLeaks(marker, s, endpoint, hooks);
        } finally {
            webhookSettings.setAllowHttp(false);
            webhookSettings.setAllowPrivateTargets(false);
        }
    }

    private void nothingLeaks(String marker, Setup s, StatuspageWebhookEndpoint endpoint, List<String> hooks)
            throws Exception {
        var admin = admin();
        admin.post("/api/v1/incidents/" + s.key() + "/timeline", Map.of("kind", "NOTE", "body", "theory " + marker))
                .expect(201);
        admin.post("/api/v1/incidents/" + s.key() + "/updates", Map.of("audience", "INTERNAL", "kind", "FOLLOW_UP",
                "summary", "internal " + marker, "acknowledgeGaps", true)).expect(201);
        clock.advance(Duration.ofMinutes(1)); // the subscription form's throttle, shared by the tests
        String subscriber = unique("leak") + "@example.com";
        var visitor = new StatusPageTestSupport.Visitor(baseUrl());
        assertThat(visitor.form("/status/" + s.slug() + "/subscriptions", Map.of("email", subscriber)).statusCode())
                .isEqualTo(200);
        timers.runDue();
        worker.deliverDue();
        assertThat(visitor.get(StatusPageTestSupport.link(TestMailServer.mailTo(subscriber).getFirst(),
                "/subscriptions/confirm?token=")).statusCode()).isEqualTo(200);
        admin.post("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + s.publicId() + "/updates",
                Map.of("status", "IDENTIFIED", "body", "We found the cause.")).expect(200);
        timers.runDue();
        worker.deliverDue();
        var mails = TestMailServer.mailTo(subscriber).stream().map(m -> TestMailServer.subject(m) + "\n"
                + StatusPageTestSupport.text(m)).toList();
        assertThat(mails).hasSize(2).last().asString().contains("We found the cause.");
        assertThat(mails).allSatisfy(m -> assertThat(m).doesNotContain(marker).doesNotContain(s.key()));
        admin.post("/api/v1/status-pages/" + s.pageId() + "/public-incidents/" + s.publicId() + "/updates",
                Map.of("status", "RESOLVED", "body", "Card payments work again.")).expect(200);
        timers.runDue();
        timers.runDue();
        worker.deliverDue();
        for (String url : hooks) {
            var events = endpoint.events(url);
            assertThat(events).extracting(StatuspageWebhookEndpoint.Received::event).as(url).containsSubsequence(
                    "incident.investigating", "incident.identified", "incident.resolved");
            assertThat(events).extracting(StatuspageWebhookEndpoint.Received::event).contains("component.update");
            assertThat(events).allSatisfy(e -> assertThat(e.signatureValid()).isTrue());
            assertThat(events.getLast().body().toString()).contains("Card payments work again.",
                    "We found the cause.", "We are investigating failed card payments.");
            assertThat(events).allSatisfy(e -> assertThat(e.body().toString()).as(e.event())
                    .doesNotContain(marker).doesNotContain(s.key()).doesNotContain("Admin"));
        }
        var bodies = new ArrayList<String>();
        for (String lang : List.of("en", "de")) {
            bodies.add(anonymous().send("GET", "/status/" + s.slug() + "?lang=" + lang, null, null).body());
        }
        for (String doc : List.of("summary.json", "status.json", "components.json", "incidents.json",
                "incidents/unresolved.json", "scheduled-maintenances.json", "scheduled-maintenances/upcoming.json",
                "scheduled-maintenances/active.json")) {
            var r = anonymous().send("GET", "/status/" + s.slug() + "/api/v2/" + doc, null, null);
            assertThat(r.status()).as(doc).isEqualTo(200);
            bodies.add(r.body());
        }
        // Every other public read (badges, feeds, widget, theme), in both languages, and the page's own host.
        for (String path : List.of("/badge.svg", "/components/" + s.apiId() + "/badge.svg", "/history.rss",
                "/history.atom", "/widget.js", "/theme.css")) {
            for (String lang : List.of("en", "de")) {
                var r = anonymous().send("GET", "/status/" + s.slug() + path + "?lang=" + lang, null, null);
                assertThat(r.status()).as(path).isEqualTo(200);
                bodies.add(r.body());
            }
        }
        for (String path : List.of("/", "/api/v2/summary.json", "/api/v2/incidents.json", "/history.atom")) {
            bodies.add(StatusPageTestSupport.onHost(port, s.slug() + ".status.example.com", path));
        }
        assertThat(bodies).allSatisfy(b -> assertThat(b).doesNotContain(marker).doesNotContain(s.key())
                .doesNotContain("Admin"));
        assertThat(String.join("", bodies)).contains("We found the cause.");
        assertThat(bodies).hasSize(10 + 12 + 4);
    }

    private JsonNode json(String path) {
        var r = anonymous().send("GET", path, null, null);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json();
    }

    private void assertPage(JsonNode page, Setup s) {
        assertThat(names(page)).containsExactly("id", "name", "url", "time_zone", "updated_at");
        assertThat(page.get("id").asString()).isEqualTo(s.pageId());
        assertThat(page.get("time_zone").asString()).isEqualTo("Europe/Berlin");
        assertThat(page.get("url").asString()).isEqualTo("https://" + s.slug() + ".status.example.com");
        assertThat(page.get("updated_at").asString()).matches(TIME);
    }

    private static void assertIncident(JsonNode incident, Set<String> states) {
        assertThat(names(incident)).contains("id", "name", "status", "created_at", "updated_at", "monitoring_at",
                "resolved_at", "impact", "shortlink", "started_at", "page_id", "incident_updates", "components");
        assertThat(states).contains(incident.get("status").asString());
        assertThat(IMPACTS).contains(incident.get("impact").asString());
        for (var u : incident.get("incident_updates")) {
            assertThat(names(u)).contains("id", "status", "body", "incident_id", "created_at", "updated_at",
                    "display_at", "affected_components");
            assertThat(states).contains(u.get("status").asString());
            assertThat(u.get("display_at").asString()).matches(TIME);
        }
    }

    private static List<String> names(JsonNode node) {
        var names = new ArrayList<String>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static JsonNode find(JsonNode components, String name) {
        for (var c : components) {
            if (c.get("name").asString().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no component " + name + " in " + components);
    }

    static Api.Response get(Api api, String path) {
        return api.send("GET", path, null, null);
    }
}
