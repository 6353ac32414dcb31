package io.tocsin.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Incidents with a past for the learning tests: a service with a change event, then an incident, then its end. */
abstract class LearningTestSupport extends IntegrationTest {

    record Setup(String serviceId, String key, User manager, Api managerApi) {
    }

    Api as(User user) {
        return new Api(baseUrl(), tokenFor(user.id()));
    }

    String newService(String name) {
        return admin().post("/api/v1/services", Map.of("name", name + "-" + System.nanoTime())).expect(201).json()
                .get("id").asString();
    }

    /** Sends a change event (a deployment) to the service through its PagerDuty integration, as CI would. */
    void deploy(String serviceId, String summary) {
        var integration = admin().post("/api/v1/services/" + serviceId + "/integrations",
                Map.of("name", "ci " + System.nanoTime(), "kind", "PAGERDUTY")).expect(201).json();
        anonymous().post("/v2/change/enqueue", Map.of("routing_key", integration.get("key").asString(), "payload",
                Map.of("summary", summary, "source", "ci", "timestamp", clock.instant().toString()))).expect(202);
    }

    /**
     * A deployment, ten minutes later the impact starts, two minutes after that the incident is declared and taken
     * by its manager; then it is resolved after {@code fixing}.
     */
    Setup resolvedIncident(int severity, String what, Duration fixing) {
        var setup = openIncident(severity, what);
        clock.advance(fixing);
        setup.managerApi().post("/api/v1/incidents/" + setup.key() + "/resolve", Map.of("reason", "fixed")).expect(200);
        return setup;
    }

    Setup openIncident(int severity, String what) {
        String serviceId = newService(what);
        deploy(serviceId, "Deployed " + what + " 4.3.0");
        clock.advance(Duration.ofMinutes(10));
        Instant impactStart = clock.instant();
        clock.advance(Duration.ofMinutes(2));
        var manager = createUser(Role.RESPONDER, "Mia Manager");
        var api = as(manager);
        var body = new HashMap<String, Object>(Map.of("summary", what + " fails", "severity", severity,
                "serviceId", serviceId, "impactStartedAt", impactStart.toString(), "detectedAt",
                clock.instant().toString()));
        String key = api.post("/api/v1/incidents", body).expect(201).json().get("key").asString();
        api.post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        return new Setup(serviceId, key, manager, api);
    }

    JsonNode postmortem(Api api, String key) {
        return api.get("/api/v1/incidents/" + key + "/postmortem").expect(200).json();
    }

    static JsonNode entry(JsonNode postmortem, String textContains) {
        for (var e : postmortem.get("timeline")) {
            if (e.get("text").asString().contains(textContains)) {
                return e;
            }
        }
        throw new AssertionError("no timeline entry containing '" + textContains + "' in " + postmortem.get("timeline"));
    }
}
