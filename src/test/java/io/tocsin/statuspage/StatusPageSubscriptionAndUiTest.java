package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.link;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.text;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Publishing from the incident in the UI with the external template's draft and a preview (issue 11 point 3,
 * R23), and e-mail subscribers (point 6): double opt-in through notify's outbox, confirmed from the real mail
 * (GreenMail), a follow-up reaches the subscriber with an unsubscribe link, and after unsubscribing nothing more.
 */
class StatusPageSubscriptionAndUiTest extends IntegrationTest {

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;


    @Autowired

    DurableTimers timers;


    @Test
    void aCommunicationsManagerPublishesFromTheIncidentAndSubscribersHearOfIt() throws Exception {
        var admin = admin();
        var session = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        String slug = unique("ui");
        assertThat(session.get("/status-pages").body()).contains("new-page");
        var created = session.post("/admin/status-pages", Map.of("name", "Acme " + slug, "slug", slug,
                "visibility", "PUBLIC", "language", "en", "timeZone", "Europe/Berlin"));
        assertThat(created.statusCode()).isEqualTo(302);
        String pageId = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/status-pages/", "");
        assertThat(session.get("/status-pages").body()).contains("Acme " + slug);
        String serviceId = service(admin, "shop");
        String componentId = component(admin, pageId, "Checkout", null, List.of(serviceId)).get("id").asString();
        assertThat(session.get("/status-pages/" + pageId).body()).contains("Checkout", "new-component");

        // A visitor subscribes and confirms from the mail.
        String address = unique("visitor") + "@example.com";
        var subscribed = form("/status/" + slug + "/subscriptions", Map.of("email", address, "lang", "en"));
        assertThat(subscribed.statusCode()).isEqualTo(200);
        assertThat(subscribed.body()).contains("confirmation link");
        var again = form("/status/" + slug + "/subscriptions", Map.of("email", address, "lang", "en"));
        assertThat(again.body()).isEqualTo(subscribed.body());
        timers.runDue();
        worker.deliverDue();
        // Asking twice sends a fresh link and voids the first.
        var confirmation = TestMailServer.mailTo(address);
        assertThat(confirmation).hasSize(2);
        var links = confirmation.stream().map(m -> link(m, "/subscriptions/confirm?token=")).toList();
        var answers = new java.util.ArrayList<Integer>();
        for (var l : links) {
            answers.add(get(l).statusCode());
        }
        assertThat(answers).containsExactlyInAnyOrder(200, 404);
        assertThat(get(links.get(answers.indexOf(200))).statusCode()).as("a confirmation link works once").isEqualTo(404);

        // Publish from the incident: the draft comes from the external template; the preview is the public page.
        String key = admin.post("/api/v1/incidents", Map.of("summary", "Checkout broken", "severity", 2,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
        var incidentPage = session.get("/incidents/" + key).body();
        assertThat(incidentPage).contains("status-page-panel", "/status-pages/" + pageId + "/publish?incident=" + key);
        var form = session.get("/status-pages/" + pageId + "/publish?incident=" + key);
        assertThat(form.body()).contains("We are investigating issues with");
        var fields = Map.of("incident", key, "name", "Checkout is failing", "body", "Orders cannot be completed.",
                "status", "INVESTIGATING", "component." + componentId, "MAJOR_OUTAGE");
        var preview = session.post("/status-pages/" + pageId + "/publish", with(fields, "action", "preview"));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("preview-note", "Checkout is failing", "Major outage", "Major system outage");
        assertThat(get("/status/" + slug).body()).doesNotContain("Checkout is failing");
        var published = session.post("/status-pages/" + pageId + "/publish", with(fields, "action", "publish"));
        assertThat(published.statusCode()).isEqualTo(302);
        assertThat(get("/status/" + slug).body()).contains("Checkout is failing", "Major outage");
        assertThat(session.get("/incidents/" + key).body()).contains("data-published=\"Checkout is failing\"");

        timers.runDue();

        worker.deliverDue();
        var first = TestMailServer.mailTo(address).stream().filter(m -> TestMailServer.subject(m).contains("Checkout is failing")).toList();
        assertThat(first).hasSize(1);
        assertThat(TestMailServer.subject(first.getFirst())).contains("Investigating");
        assertThat(first.getFirst().getHeader("List-Unsubscribe")).isNotNull();

        // A follow-up from the page's UI reaches the subscriber; the unsubscribe link ends it.
        String publicId = admin.get("/api/v1/status-pages/" + pageId + "/incidents").expect(200).json().get(0).get("id")
                .asString();
        assertThat(session.post("/status-pages/" + pageId + "/public-incidents/" + publicId + "/updates",
                Map.of("status", "IDENTIFIED", "body", "A faulty deploy; rolling back.")).statusCode()).isEqualTo(302);
        timers.runDue();
        worker.deliverDue();
        var followUp = TestMailServer.mailTo(address).stream().filter(m -> text(m).contains("rolling back")).toList();
        assertThat(followUp).hasSize(1);
        String unsubscribe = link(followUp.getFirst(), "/unsubscribe?token=");
        assertThat(get(unsubscribe).body()).contains("unsubscribe-button");
        var path = URI.create(unsubscribe);
        var done = form(path.getPath(), Map.of("token", StatusPageTestSupport.token(path)));
        assertThat(done.body()).contains("no more updates");
        admin.post("/api/v1/status-pages/" + pageId + "/public-incidents/" + publicId + "/updates",
                Map.of("status", "RESOLVED", "body", "All orders go through again.")).expect(200);
        timers.runDue();
        worker.deliverDue();
        assertThat(TestMailServer.mailTo(address).stream().filter(m -> text(m).contains("All orders go through"))).isEmpty();
        assertThat(get("/status/" + slug).body()).contains("All orders go through again.", "All systems operational");
    }

    @Test
    void aBadAddressIsRefusedAndAnUnknownTokenIsInvalid() throws Exception {
        var page = StatusPageTestSupport.page(admin(), unique("sub"), Map.of());
        String slug = page.get("slug").asString();
        var bad = form("/status/" + slug + "/subscriptions", Map.of("email", "not an address"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(get("/status/" + slug + "/subscriptions/confirm?token=nonsense").statusCode()).isEqualTo(404);
        assertThat(form("/status/" + slug + "/subscriptions/" + java.util.UUID.randomUUID() + "/unsubscribe",
                Map.of("token", "forged")).statusCode()).isEqualTo(404);
    }

    private static Map<String, String> with(Map<String, String> fields, String name, String value) {
        var all = new java.util.LinkedHashMap<>(fields);
        all.put(name, value);
        return all;
    }

    private HttpResponse<String> get(String pathOrUrl) throws Exception {
        return new StatusPageTestSupport.Visitor(baseUrl()).get(pathOrUrl);
    }

    private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
        return new StatusPageTestSupport.Visitor(baseUrl()).form(path, fields);
    }
}
