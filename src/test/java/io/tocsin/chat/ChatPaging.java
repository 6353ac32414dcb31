package io.tocsin.chat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.support.Api;

/** What the chat tools' end-to-end tests share: a two-level page, the incident's key, its timeline. */
final class ChatPaging {

    private ChatPaging() {
    }

    /** Creates the service and policy and triggers an alert through its PagerDuty integration; returns the service id. */
    static String triggerTwoLevelPage(Api admin, Api anonymous, String tool, UUID first, UUID second, String dedupKey,
            String summary) {
        String serviceId = admin.post("/api/v1/services", Map.of("name", "svc-" + tool + "-" + System.nanoTime()))
                .expect(201).json().get("id").asString();
        String policyId = admin.post("/api/v1/escalation-policies", Map.of("name", tool + "-" + System.nanoTime(),
                "repeatCount", 0, "levels", List.of(
                        Map.of("timeoutMinutes", 5, "targets", List.of(Map.of("type", "USER", "id", first))),
                        Map.of("timeoutMinutes", 5, "targets", List.of(Map.of("type", "USER", "id", second))))))
                .expect(201).json().get("id").asString();
        admin.put("/api/v1/services/" + serviceId + "/escalation-policy", Map.of("policyId", policyId)).expect(200);
        String routingKey = admin.post("/api/v1/services/" + serviceId + "/integrations",
                Map.of("name", "pd", "kind", "PAGERDUTY")).expect(201).json().get("key").asString();
        anonymous.post("/v2/enqueue", Map.of("routing_key", routingKey, "event_action", "trigger", "dedup_key", dedupKey,
                "payload", Map.of("summary", summary, "source", "lb", "severity", "critical"))).expect(202);
        return serviceId;
    }

    static String keyOf(org.springframework.jdbc.core.simple.JdbcClient jdbc, String summary) {
        return jdbc.sql("select incident_key from incident where summary = ?").param(summary).query(String.class).single();
    }

    /** The timeline as "actor: text" lines. */
    static List<String> timeline(Api admin, String key) {
        var texts = new java.util.ArrayList<String>();
        admin.get("/api/v1/incidents/" + key + "/timeline").expect(200).json()
                .forEach(e -> texts.add(e.path("actorName").asString("") + ": " + e.path("text").asString("")));
        return texts;
    }

    /** Every contact method of the person pages at once (a rule with no delay for each). */
    static void pageOnEveryMethod(Api person) {
        for (var m : person.get("/api/v1/me/contact-methods").expect(200).json()) {
            person.post("/api/v1/me/notification-rules", Map.of("contactMethodId", m.path("id").asString(),
                    "delayMinutes", 0)).expect(201);
        }
    }

    /** The same, named by the dedup key alone (the Mattermost test's form). */
    static String alertPaging(Api admin, Api anonymous, UUID first, UUID second, String dedupKey, String summary) {
        return triggerTwoLevelPage(admin, anonymous, dedupKey, first, second, dedupKey, summary);
    }
}
