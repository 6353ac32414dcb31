package io.tocsin.sla;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Steps of the SLA end-to-end tests over the real HTTP API: people reachable by e-mail, services with their own
 * SLA policies (never organisation-wide ones: the application context is shared, and other tests' incidents must
 * not get clocks), incidents declared with the urgency and impact that give the wanted priority, and the clock
 * moved forward with due timers fired and the outbox delivered after each move.
 */
abstract class SlaTestSupport extends IntegrationTest {

    @Autowired
    protected DurableTimers timers;

    @Autowired
    protected DeliveryWorker worker;

    /**
     * A responder, their API, the e-mail address pages reach (a verified contact method with an immediate rule) and
     * their account's address (where reminders go, as comms sends them).
     */
    record Person(UUID id, String name, Api api, String email, String account) {
    }

    Person person(String name) {
        var user = createUser(Role.RESPONDER, name);
        var api = new Api(baseUrl(), tokenFor(user.id()));
        String address = name.toLowerCase().replaceAll("[^a-z]+", ".") + "." + System.nanoTime() + "@example.org";
        String methodId = api.post("/api/v1/me/contact-methods", Map.of("type", "EMAIL", "destination", address))
                .expect(201).json().get("id").asString();
        // Verification by code is notify's own tested path; here the method is simply marked verified.
        jdbc.sql("update contact_method set verified_at = ? where id = ?")
                .params(Timestamp.from(clock.instant()), UUID.fromString(methodId)).update();
        api.post("/api/v1/me/notification-rules", Map.of("contactMethodId", methodId, "delayMinutes", 0)).expect(201);
        return new Person(user.id(), user.name(), api, address, user.email());
    }

    String service() {
        return admin().post("/api/v1/services", Map.of("name", "sla-svc-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
    }

    /** An SLA policy for the service; {@code extra} adds or overrides fields. */
    JsonNode policy(String serviceId, String priority, Integer ackMinutes, Integer resolveMinutes, Map<String, Object> extra) {
        var body = new HashMap<String, Object>();
        body.put("name", priority + " " + System.nanoTime());
        body.put("priority", priority);
        body.put("serviceId", serviceId);
        if (ackMinutes != null) {
            body.put("acknowledgeMinutes", ackMinutes);
        }
        if (resolveMinutes != null) {
            body.put("resolveMinutes", resolveMinutes);
        }
        body.putAll(extra);
        return admin().post("/api/v1/sla/policies", body).expect(201).json();
    }

    /** Severity 3 (not major, so nobody is paged at once) with the urgency and impact that make the priority. */
    String declare(Api as, String serviceId, String urgency, String impact) {
        return as.post("/api/v1/incidents", Map.of("summary", "Orders stuck in checkout", "severity", 3,
                "serviceId", serviceId, "urgency", urgency, "impact", impact)).expect(201).json().get("key").asString();
    }

    JsonNode sla(String key) {
        return admin().get("/api/v1/incidents/" + key + "/sla").expect(200).json();
    }

    JsonNode clockOf(String key, String metric) {
        for (var c : sla(key).get("clocks")) {
            if (c.get("metric").asString().equals(metric)) {
                return c;
            }
        }
        throw new AssertionError("no " + metric + " clock on " + key + ": " + sla(key));
    }

    static Duration duration(JsonNode node) {
        return Duration.parse(node.asString());
    }

    /** Moves the clock, fires what came due, hands due deliveries to the channels. */
    void pass(Duration d) {
        clock.advance(d);
        timers.runDue();
        worker.deliverDue();
    }

    void passUntil(Instant instant) {
        pass(Duration.between(clock.instant(), instant));
    }

    List<String> timeline(String key, String language) {
        var texts = new ArrayList<String>();
        admin().withHeader("Accept-Language", language).get("/api/v1/incidents/" + key + "/timeline").expect(200).json()
                .forEach(e -> texts.add(e.get("text").asString()));
        return texts;
    }

    /** Subjects of the mails that reached the address and concern the incident. */
    static List<String> mailsAbout(String address, String key) {
        return TestMailServer.mailTo(address).stream().map(TestMailServer::subject).filter(s -> s.startsWith("[" + key + "]"))
                .toList();
    }

    /** Marks a new schedule with the person on call (for a week from an hour ago) as the incident manager on call. */
    void imoc(Person p) {
        String teamId = admin().post("/api/v1/teams", Map.of("name", "imoc-team-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
        admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", p.id(), "lead", false)).expect(200);
        Instant start = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        String scheduleId = admin().post("/api/v1/schedules", Map.of("teamId", teamId, "name", "imoc-" + System.nanoTime(),
                "timeZone", "Europe/Berlin", "layers", List.of(Map.of("name", "IMOC", "participants", List.of(p.id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", start.toString()))))
                .expect(201).json().get("id").asString();
        admin().put("/api/v1/on-call/imoc", Map.of("scheduleId", scheduleId)).expect(200);
    }

    JsonNode runs(String key) {
        return admin().get("/api/v1/escalation-runs?incident=" + key).expect(200).json();
    }
}
