package io.tocsin.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Shared setup of the alert tests: a fresh service with an integration of a given kind. */
abstract class AlertTestSupport extends IntegrationTest {

    record Source(String serviceId, String integrationId, String key) {
    }

    Source newSource(String kind) {
        return newSource(kind, null, null);
    }

    Source newSource(String kind, Integer rateLimitPerMinute, String signingSecret) {
        String serviceId = admin().post("/api/v1/services", Map.of("name", "svc-" + System.nanoTime()))
                .expect(201).json().get("id").asString();
        return addSource(serviceId, kind, rateLimitPerMinute, signingSecret);
    }

    Source addSource(String serviceId, String kind, Integer rateLimitPerMinute, String signingSecret) {
        var body = new java.util.HashMap<String, Object>();
        body.put("name", kind.toLowerCase() + " " + System.nanoTime());
        body.put("kind", kind);
        if (rateLimitPerMinute != null) {
            body.put("rateLimitPerMinute", rateLimitPerMinute);
        }
        if (signingSecret != null) {
            body.put("signingSecret", signingSecret);
        }
        var created = admin().post("/api/v1/services/" + serviceId + "/integrations", body).expect(201).json();
        return new Source(serviceId, created.get("id").asString(), created.get("key").asString());
    }

    Api integrationCaller() {
        return anonymous();
    }

    static String fixture(String name) {
        try (var in = AlertTestSupport.class.getResourceAsStream("/fixtures/alertmanager-0.25/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long alertCount(String serviceId) {
        return jdbc.sql("select count(*) from alert where service_id = ?").param(java.util.UUID.fromString(serviceId))
                .query(Long.class).single();
    }

    long incidentCount(String serviceId) {
        return jdbc.sql("select count(*) from incident where service_id = ?").param(java.util.UUID.fromString(serviceId))
                .query(Long.class).single();
    }

    JsonNode alerts(String serviceId) {
        return admin().get("/api/v1/alerts?serviceId=" + serviceId + "&limit=100").expect(200).json();
    }

    JsonNode alert(String id) {
        return admin().get("/api/v1/alerts/" + id).expect(200).json();
    }
}
