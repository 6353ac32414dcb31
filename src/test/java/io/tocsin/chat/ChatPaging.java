package io.tocsin.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Api;

/** The paging set-up the chat end-to-end tests share: a service whose two-level policy pages one person, then another. */
final class ChatPaging {

    private ChatPaging() {
    }

    /** Creates the service and its policy (5 minutes per level), triggers an alert on it; returns the service's id. */
    static String alertPaging(Api admin, Api anonymous, UUID first, UUID second, String dedupKey, String summary) {
        String serviceId = admin.post("/api/v1/services", Map.of("name", "svc-" + dedupKey + "-" + System.nanoTime()))
                .expect(201).json().get("id").asString();
        String policyId = admin.post("/api/v1/escalation-policies", Map.of("name", dedupKey + "-" + System.nanoTime(),
                "repeatCount", 0, "levels", List.of(
                        Map.of("timeoutMinutes", 5, "targets", List.of(Map.of("type", "USER", "id", first))),
                        Map.of("timeoutMinutes", 5, "targets", List.of(Map.of("type", "USER", "id", second))))))
                .expect(201).json().get("id").asString();
        admin.put("/api/v1/services/" + serviceId + "/escalation-policy", Map.of("policyId", policyId)).expect(200);
        String routingKey = admin.post("/api/v1/services/" + serviceId + "/integrations",
                Map.of("name", "pd", "kind", "PAGERDUTY")).expect(201).json().get("key").asString();
        anonymous.post("/v2/enqueue", Map.of("routing_key", routingKey, "event_action", "trigger", "dedup_key", dedupKey,
                "payload", Map.of("summary", summary, "source", "test", "severity", "critical"))).expect(202);
        return serviceId;
    }
}
