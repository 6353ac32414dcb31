package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * What a new user of the API stumbled over (issue 13 point 7): the document names itself and lists every
 * endpoint a tool can call, optional parameters are optional.
 */
class ApiPapercutsTest extends IntegrationTest {

    @Test
    void theDocumentIsTocsinsAndDescribesEveryCompatibilityEndpointUnderItsOwnTag() {
        var doc = anonymous().get("/v3/api-docs").expect(200).json();
        assertThat(doc.get("info").get("title").asString()).isEqualTo("Tocsin API");
        assertThat(doc.get("info").get("version").asString()).isNotBlank().isNotEqualTo("v0");
        var paths = doc.get("paths");
        var compatibility = Map.of(
                "/v2/enqueue", "Compatibility: PagerDuty Events API v2",
                "/v2/change/enqueue", "Compatibility: PagerDuty Events API v2",
                "/v2/alerts", "Compatibility: Opsgenie Alert API v2",
                "/v2/alerts/{identifier}/acknowledge", "Compatibility: Opsgenie Alert API v2",
                "/v2/alerts/{identifier}/close", "Compatibility: Opsgenie Alert API v2",
                "/v2/alerts/requests/{requestId}", "Compatibility: Opsgenie Alert API v2",
                "/integrations/alertmanager", "Compatibility: Prometheus Alertmanager and Grafana",
                "/integrations/grafana", "Compatibility: Prometheus Alertmanager and Grafana",
                "/hooks/twilio/sms", "Compatibility: Twilio callbacks",
                "/hooks/twilio/voice/{deliveryId}", "Compatibility: Twilio callbacks");
        compatibility.forEach((path, tag) -> {
            assertThat(paths.has(path)).as(path).isTrue();
            var operation = paths.get(path).valueStream().findFirst().orElseThrow();
            assertThat(operation.get("tags").get(0).asString()).as(path).isEqualTo(tag);
        });
        for (String path : List.of("/integrations/webhook", "/heartbeats/{token}", "/notify/answer/{token}")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        var event = paths.get("/v2/enqueue").get("post").get("requestBody").get("content").get("application/json")
                .get("schema");
        assertThat(event.get("required").toString()).contains("routing_key", "event_action");
        assertThat(event.get("properties").get("event_action").get("enum").toString())
                .isEqualTo("[\"trigger\",\"acknowledge\",\"resolve\"]");
        assertThat(paths.get("/v2/enqueue").get("post").get("responses").has("202")).isTrue();
    }

    @Test
    void aTeamMemberNeedsNoLeadFlag() {
        var team = admin().post("/api/v1/teams", Map.of("name", "Papercut team " + System.nanoTime())).expect(201).json();
        var user = createUser(Role.RESPONDER, "Pia Papercut");
        var members = admin().post("/api/v1/teams/" + team.get("id").asString() + "/members",
                Map.of("userId", user.id().toString())).expect(200).json().get("members");
        assertThat(members.get(0).get("lead").asBoolean()).isFalse();
    }

    @Test
    void incidentMetricsDefaultToTheLastThirtyDays() {
        var report = admin().get("/api/v1/metrics/incidents").expect(200).json();
        var from = java.time.Instant.parse(report.get("from").asString());
        var to = java.time.Instant.parse(report.get("to").asString());
        assertThat(to).isEqualTo(clock.instant());
        assertThat(java.time.Duration.between(from, to).toDays()).isEqualTo(30);
    }

    @Test
    void theDeliveryLogOfASubjectNeedsOnlyItsId() {
        var id = java.util.UUID.randomUUID().toString();
        assertThat(admin().get("/api/v1/notify/deliveries?subjectId=" + id).expect(200).json().size()).isZero();
        assertThat(admin().get("/api/v1/notify/deliveries?subjectType=alert&subjectId=" + id).expect(200).json().size())
                .isZero();
    }
}
