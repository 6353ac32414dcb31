package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.link;
import static io.tocsin.statuspage.StatusPageTestSupport.text;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A published maintenance runs by its durable timers (issue 11 point 4, R13/R14 context): subscribers get a
 * reminder a day before the window (in their language, only once), the maintenance is upcoming, then in progress
 * with its components under maintenance at the start, then completed with them back at the end - each step visible
 * in the Statuspage maintenance documents.
 */
class StatusPageMaintenanceTest extends IntegrationTest {

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aMaintenanceRemindsItsSubscribersStartsAndCompletesOnTime() throws Exception {
        clock.advance(Duration.ofMinutes(2));
        var admin = admin();
        String slug = unique("mnt");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of("language", "de")).get("id").asString();
        String db = component(admin, pageId, "Datenbank", null, List.of()).get("id").asString();
        String address = unique("m") + "@example.com";
        form("/status/" + slug + "/subscriptions", Map.of("email", address, "lang", "de"));
        worker.deliverDue();
        assertThat(get(link(TestMailServer.mailTo(address).getFirst(), "/subscriptions/confirm?token=")).statusCode())
                .isEqualTo(200);

        var from = clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        var until = from.plus(Duration.ofHours(2));
        String id = admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("name", "Datenbank-Upgrade",
                "body", "Wir aktualisieren die Datenbank.", "scheduledFor", from.toString(), "scheduledUntil",
                until.toString(), "components", Map.of(db, "OPERATIONAL"))).expect(201).json().get("id").asString();
        assertThat(ids(doc(slug, "scheduled-maintenances/upcoming.json"))).contains(id);
        timers.runDue();
        worker.deliverDue();
        int before = TestMailServer.mailTo(address).size();

        // A day before: the reminder, once.
        clock.advance(Duration.between(clock.instant(), from.minus(Duration.ofHours(24))).plusMinutes(1));
        timers.runDue();
        timers.runDue();
        worker.deliverDue();
        var reminders = TestMailServer.mailTo(address).stream()
                .filter(m -> TestMailServer.subject(m).contains("Geplante Wartung: Datenbank-Upgrade")).toList();
        assertThat(reminders).hasSize(1);
        assertThat(text(reminders.getFirst())).contains("Erinnerung", "UTC",
                "/unsubscribe?token=");
        assertThat(TestMailServer.mailTo(address)).hasSize(before + 1);
        assertThat(status(slug, db)).isEqualTo("operational");

        // The window opens: in progress, the component under maintenance.
        clock.advance(Duration.between(clock.instant(), from).plusSeconds(1));
        timers.runDue();
        assertThat(ids(doc(slug, "scheduled-maintenances/active.json"))).contains(id);
        assertThat(ids(doc(slug, "scheduled-maintenances/upcoming.json"))).doesNotContain(id);
        assertThat(status(slug, db)).isEqualTo("under_maintenance");

        // It closes: completed, the component operational again.
        clock.advance(Duration.between(clock.instant(), until).plusSeconds(1));
        timers.runDue();
        assertThat(ids(doc(slug, "scheduled-maintenances/active.json"))).doesNotContain(id);
        var all = doc(slug, "scheduled-maintenances.json").get("scheduled_maintenances");
        JsonNode done = null;
        for (var m : all) {
            if (m.get("id").asString().equals(id)) {
                done = m;
            }
        }
        assertThat(done).isNotNull();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("incident_updates").get(0).get("body").asString())
                .isEqualTo("Die geplante Wartung ist abgeschlossen.");
        assertThat(status(slug, db)).isEqualTo("operational");
    }

    private String status(String slug, String componentId) throws Exception {
        for (var c : doc(slug, "components.json").get("components")) {
            if (c.get("id").asString().equals(componentId)) {
                return c.get("status").asString();
            }
        }
        throw new AssertionError("no component " + componentId);
    }

    private static List<String> ids(JsonNode document) {
        var ids = new java.util.ArrayList<String>();
        document.get("scheduled_maintenances").forEach(m -> ids.add(m.get("id").asString()));
        return ids;
    }

    private JsonNode doc(String slug, String name) throws Exception {
        return json.readTree(get("/status/" + slug + "/api/v2/" + name).body());
    }

    private HttpResponse<String> get(String pathOrUrl) throws Exception {
        return new StatusPageTestSupport.Visitor(baseUrl()).get(pathOrUrl);
    }

    private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
        return new StatusPageTestSupport.Visitor(baseUrl()).form(path, fields);
    }
}
