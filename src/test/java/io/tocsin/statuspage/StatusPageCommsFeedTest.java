package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.declare;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 point 3 (R23, R25) and point 5: two Tocsin incidents feed one public incident; an external update posted
 * through one incident's communication box appends to it, the external final message resolves it and puts its
 * component back; both incidents' timelines show the publication; the page's history lists it under its month,
 * in English and German.
 */
class StatusPageCommsFeedTest extends IntegrationTest {

    @Test
    void externalUpdatesOfEitherIncidentAppendAndTheFinalMessageResolves() {
        var admin = admin();
        String slug = unique("comms");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of()).get("id").asString();
        String serviceId = service(admin, "checkout");
        String componentId = component(admin, pageId, "Checkout", null, List.of()).get("id").asString();
        String first = declare(admin, serviceId, "Checkout errors");
        String second = declare(admin, serviceId, "Checkout slow");
        String publicId = admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents",
                List.of(first, second), "name", "Checkout problems", "body", "We are investigating checkout errors.",
                "components", Map.of(componentId, "MAJOR_OUTAGE"))).expect(201).json().get("id").asString();
        for (String key : List.of(first, second)) {
            assertThat(admin.get("/api/v1/incidents/" + key + "/timeline").expect(200).body())
                    .as(key).contains("Checkout problems");
        }

        var followUp = external("FOLLOW_UP", "The cause is a faulty payment provider release.");
        String posted = admin.post("/api/v1/incidents/" + second + "/updates", followUp).expect(201).json().get("body")
                .asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> updates(slug).size() == 2);
        assertThat(updates(slug).get(0).get("body").asString()).isEqualTo(posted);
        assertThat(incident(slug).get("status").asString()).isEqualTo("investigating");

        admin.post("/api/v1/incidents/" + first + "/assign", null).expect(200);
        admin.post("/api/v1/incidents/" + first + "/resolve", Map.of()).expect(200);
        admin.post("/api/v1/incidents/" + first + "/updates", external("FINAL", "Checkout works again."))
                .expect(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> "resolved".equals(incident(slug).get("status").asString()));
        assertThat(updates(slug)).hasSize(3);
        assertThat(anonymous().get("/status/" + slug + "/api/v2/components.json").expect(200).json().get("components")
                .get(0).get("status").asString()).isEqualTo("operational");

        var month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
        assertThat(anonymous().get("/status/" + slug + "?lang=en").expect(200).body())
                .contains("<h3>" + DateTimeFormatter.ofPattern("LLLL yyyy", Locale.ENGLISH).format(month) + "</h3>",
                        "Checkout problems", "Resolved");
        assertThat(anonymous().get("/status/" + slug + "?lang=de").expect(200).body())
                .contains("<h3>" + DateTimeFormatter.ofPattern("LLLL yyyy", Locale.GERMAN).format(month) + "</h3>");
    }

    private static Map<String, Object> external(String kind, String summary) {
        var body = new HashMap<String, Object>();
        body.put("audience", "EXTERNAL");
        body.put("kind", kind);
        body.put("summary", summary);
        body.put("customerImpact", "customers cannot check out");
        body.put("affected", "all customers");
        body.put("rootCause", "a payment provider release");
        body.put("expectedRecovery", "within the hour");
        body.put("keyFigures", "none");
        body.put("acknowledgeGaps", true);
        return body;
    }

    private JsonNode incident(String slug) {
        return anonymous().get("/status/" + slug + "/api/v2/incidents.json").expect(200).json().get("incidents").get(0);
    }

    private List<JsonNode> updates(String slug) {
        var list = new java.util.ArrayList<JsonNode>();
        incident(slug).get("incident_updates").forEach(list::add);
        return list;
    }
}
