package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.declare;
import static io.tocsin.statuspage.StatusPageTestSupport.link;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.text;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Safety of the public side (issue 11 point 9, R23) and subscribers' choice of components (point 6): update bodies
 * in the Markdown subset reach the HTML and the RSS/Atom feeds sanitized while the JSON keeps the text; confirmation tokens are signed
 * for their page, expire and work once; unsubscribe links work once; the subscription endpoints are throttled per
 * client address and answer the same for known and unknown addresses; subscribers hear only of the components
 * they chose.
 */
class StatusPageSafetyTest extends IntegrationTest {

    static final String HOSTILE = """
            **Payments** are *slow*: see [details](https://example.com/status?id=1).
            <script>alert('x')</script> <img src=x onerror="alert(1)"> [click](javascript:alert(2))
            - EU
            - US""";

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;


    @Autowired

    DurableTimers timers;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void markdownIsRenderedSanitizedInTheHtmlAndTheJsonKeepsTheText() throws Exception {
        var admin = admin();
        String slug = unique("md");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of()).get("id").asString();
        String serviceId = service(admin, "pay");
        String componentId = component(admin, pageId, "Payments", null, List.of(serviceId)).get("id").asString();
        String key = declare(admin, serviceId, "Payments slow");
        admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents", List.of(key),
                "name", "Slow payments", "body", HOSTILE, "components", Map.of(componentId, "DEGRADED_PERFORMANCE")))
                .expect(201);

        String html = get("/status/" + slug).body();
        assertThat(html).contains("<strong>Payments</strong> are <em>slow</em>",
                "<a rel=\"nofollow noopener noreferrer\" href=\"https://example.com/status?id&#61;1\">details</a>",
                "<li>EU</li>");
        // The page's own scripts are external files; nothing from the body runs.
        assertThat(html).doesNotContain("<script>alert", "<img src=x", "onerror=\"", "href=\"javascript:");
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=\"/)").matcher(html).find()).isFalse();

        // The feeds carry the same sanitized HTML, as escaped text of well-formed XML, with validators.
        for (var feed : List.of("history.rss", "history.atom")) {
            var response = get("/status/" + slug + "/" + feed);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith(feed.endsWith("rss") ? "application/rss+xml" : "application/atom+xml");
            var document = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
            var entry = (org.w3c.dom.Element) document.getElementsByTagName(feed.endsWith("rss") ? "item" : "entry").item(0);
            assertThat(entry.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Slow payments");
            String content = entry.getElementsByTagName(feed.endsWith("rss") ? "description" : "content").item(0)
                    .getTextContent();
            assertThat(content).contains("<strong>Payments</strong>", "Investigating", "<li>US</li>")
                    .doesNotContain("<script", "<img", "onerror=\"", "javascript:");
            String etag = response.headers().firstValue("ETag").orElseThrow();
            assertThat(response.headers().firstValue("Last-Modified")).isPresent();
            assertThat(new StatusPageTestSupport.Visitor(baseUrl()).get("/status/" + slug + "/" + feed,
                    "If-None-Match", etag).statusCode()).isEqualTo(304);
        }

        // Served pre-compressed to clients that take gzip (issue 11 point 8): the same bytes, their own ETag.
        var visitor = new StatusPageTestSupport.Visitor(baseUrl());
        var plain = visitor.bytes("/status/" + slug);
        var zipped = visitor.bytes("/status/" + slug, "Accept-Encoding", "gzip, deflate, br");
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(zipped.body().length).isLessThan(plain.body().length / 3);
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        String zippedTag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(zippedTag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(visitor.bytes("/status/" + slug, "Accept-Encoding", "gzip", "If-None-Match", zippedTag).statusCode())
                .isEqualTo(304);
        assertThat(visitor.bytes("/status/" + slug, "Accept-Encoding", "gzip;q=0").headers()
                .firstValue("Content-Encoding")).isEmpty();

        var summary = json.readTree(get("/status/" + slug + "/api/v2/incidents/unresolved.json").body());
        var incident = summary.get("incidents").get(0);
        assertThat(incident.get("name").asString()).isEqualTo("Slow payments");
        assertThat(incident.get("incident_updates").get(0).get("body").asString()).isEqualTo(HOSTILE);
    }

    @Test
    void confirmationTokensAreSignedForTheirPageExpireAndWorkOnce() throws Exception {
        clock.advance(Duration.ofMinutes(2));
        var admin = admin();
        String slug = unique("tok");
        String other = unique("tok");
        StatusPageTestSupport.page(admin, slug, Map.of());
        StatusPageTestSupport.page(admin, other, Map.of());
        String address = unique("t") + "@example.com";
        assertThat(form("/status/" + slug + "/subscriptions", Map.of("email", address)).statusCode()).isEqualTo(200);
        timers.runDue();
        worker.deliverDue();
        String confirm = link(TestMailServer.mailTo(address).getFirst(), "/subscriptions/confirm?token=");
        String token = StatusPageTestSupport.token(URI.create(confirm));
        assertThat(token.split("\\.")).hasSize(3);

        // Tampered, unsigned or for another page: refused.
        String tampered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        assertThat(get("/status/" + slug + "/subscriptions/confirm?token=" + tampered).statusCode()).isEqualTo(404);
        assertThat(get("/status/" + other + "/subscriptions/confirm?token=" + token).statusCode()).isEqualTo(404);
        assertThat(get("/status/" + slug + "/subscriptions/confirm?token=" + token.substring(0, token.lastIndexOf('.')))
                .statusCode()).isEqualTo(404);
        // The real one once, then never again.
        assertThat(get(confirm).statusCode()).isEqualTo(200);
        assertThat(get(confirm).statusCode()).isEqualTo(404);

        // A link older than seven days no longer confirms.
        String late = unique("late") + "@example.com";
        form("/status/" + slug + "/subscriptions", Map.of("email", late));
        timers.runDue();
        worker.deliverDue();
        String lateLink = link(TestMailServer.mailTo(late).getFirst(), "/subscriptions/confirm?token=");
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(get(lateLink).statusCode()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from status_subscriber where email = ? and confirmed_at is not null")
                .param(late).query(Long.class).single()).isZero();
    }

    @Test
    void theSubscriptionFormIsThrottledPerAddressAndNeverTellsWhoIsSubscribed() throws Exception {
        clock.advance(Duration.ofMinutes(2));
        var admin = admin();
        String slug = unique("thr");
        StatusPageTestSupport.page(admin, slug, Map.of());
        String known = unique("known") + "@example.com";
        form("/status/" + slug + "/subscriptions", Map.of("email", known));
        timers.runDue();
        worker.deliverDue();
        assertThat(get(link(TestMailServer.mailTo(known).getFirst(), "/subscriptions/confirm?token=")).statusCode())
                .isEqualTo(200);

        var forKnown = form("/status/" + slug + "/subscriptions", Map.of("email", known));
        var forNew = form("/status/" + slug + "/subscriptions", Map.of("email", unique("new") + "@example.com"));
        assertThat(forKnown.statusCode()).isEqualTo(forNew.statusCode()).isEqualTo(200);
        assertThat(forKnown.body()).isEqualTo(forNew.body());
        // The known address gets a fresh link (its choice would change only by confirming), as a new one would.
        timers.runDue();
        worker.deliverDue();
        assertThat(TestMailServer.mailTo(known)).hasSize(2);

        int refused = 0;
        for (int i = 0; i < 12; i++) { // 10 a minute (SubscriptionController.PER_MINUTE)
            var r = form("/status/" + slug + "/subscriptions", Map.of("email", unique("burst") + "@example.com"));
            if (r.statusCode() == 429) {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).contains("60");
                assertThat(r.body()).contains("Too many requests");
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(form("/status/" + slug + "/subscriptions", Map.of("email", unique("later") + "@example.com"))
                .statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void anUnsubscribeLinkWorksOnceAndSubscribersHearOnlyOfTheirComponents() throws Exception {
        clock.advance(Duration.ofMinutes(2));
        var admin = admin();
        String slug = unique("choice");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of()).get("id").asString();
        String apiService = service(admin, "api");
        String webService = service(admin, "web");
        String api = component(admin, pageId, "API", null, List.of(apiService)).get("id").asString();
        String web = component(admin, pageId, "Website", null, List.of(webService)).get("id").asString();
        assertThat(get("/status/" + slug).body()).contains("name=\"component\" value=\"" + api + "\"");

        String apiOnly = unique("apionly") + "@example.com";
        String everything = unique("all") + "@example.com";
        form("/status/" + slug + "/subscriptions", Map.of("email", apiOnly, "component", api));
        form("/status/" + slug + "/subscriptions", Map.of("email", everything));
        timers.runDue();
        worker.deliverDue();
        for (var address : List.of(apiOnly, everything)) {
            assertThat(get(link(TestMailServer.mailTo(address).getFirst(), "/subscriptions/confirm?token="))
                    .statusCode()).isEqualTo(200);
        }
        assertThat(form("/status/" + slug + "/subscriptions", Map.of("email", unique("x") + "@example.com",
                "component", java.util.UUID.randomUUID().toString())).statusCode()).isEqualTo(422);

        String webKey = declare(admin, webService, "Website down");
        admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents", List.of(webKey),
                "name", "Website unreachable", "body", "The website is down.", "components", Map.of(web, "MAJOR_OUTAGE")))
                .expect(201);
        String apiKey = declare(admin, apiService, "API errors");
        admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents", List.of(apiKey),
                "name", "API errors", "body", "Some API calls fail.", "components", Map.of(api, "PARTIAL_OUTAGE")))
                .expect(201);
        timers.runDue();
        worker.deliverDue();
        assertThat(subjects(apiOnly)).anyMatch(s -> s.contains("API errors")).noneMatch(s -> s.contains("Website"));
        assertThat(subjects(everything)).anyMatch(s -> s.contains("API errors")).anyMatch(s -> s.contains("Website"));

        var update = TestMailServer.mailTo(apiOnly).stream().filter(m -> text(m).contains("Some API calls fail"))
                .findFirst().orElseThrow();
        var unsubscribe = URI.create(link(update, "/unsubscribe?token="));
        var fields = Map.of("token", StatusPageTestSupport.token(unsubscribe));
        assertThat(form(unsubscribe.getPath(), fields).statusCode()).isEqualTo(200);
        assertThat(form(unsubscribe.getPath(), fields).statusCode()).as("an unsubscribe link works once").isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from status_subscriber where email = ?").param(apiOnly)
                .query(Long.class).single()).isZero();
    }

    private List<String> subjects(String address) {
        return TestMailServer.mailTo(address).stream().map(TestMailServer::subject).toList();
    }

    private HttpResponse<String> get(String pathOrUrl) throws Exception {
        return new StatusPageTestSupport.Visitor(baseUrl()).get(pathOrUrl);
    }

    private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
        return new StatusPageTestSupport.Visitor(baseUrl()).form(path, fields);
    }
}
