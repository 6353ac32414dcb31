package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 point 4 (R16): a configuration change in another module leaves an audit entry that says what changed,
 * before and after, for the fields that changed, and never a secret's value: policies, schedules, alert rules,
 * integrations, business hours, maintenance windows and services.
 */
class ConfigurationAuditTest extends IntegrationTest {

    @Test
    void eachChangeIsAuditedWithBeforeAndAfterAndNoSecret() {
        long n = System.nanoTime();
        String team = admin().post("/api/v1/teams", Map.of("name", "Audited " + n)).expect(201).json().get("id")
                .asString();
        var person = createUser(Role.RESPONDER, "Aud Itor");
        admin().post("/api/v1/teams/" + team + "/members", Map.of("userId", person.id(), "role", "MANAGER"))
                .expect(200);
        String service = admin().post("/api/v1/services", Map.of("name", "audited-" + n, "owningTeamId", team))
                .expect(201).json().get("id").asString();

        admin().put("/api/v1/services/" + service, Map.of("name", "audited-" + n, "owningTeamId", team, "tier", 1))
                .expect(200);
        assertThat(last("service.updated", service)).contains("tier: '2' -> '1'").doesNotContain("name:");

        var level = Map.of("targets", List.of(Map.of("type", "USER", "id", person.id())));
        var policy = admin().post("/api/v1/escalation-policies", Map.of("name", "Audited " + n, "teamId", team,
                "levels", List.of(level))).expect(201).json();
        String policyId = policy.get("id").asString();
        admin().put("/api/v1/escalation-policies/" + policyId, Map.of("name", "Audited again " + n, "teamId", team,
                "repeatCount", 2, "levels", List.of(level))).expect(200);
        assertThat(last("escalation-policy.updated", policyId)).contains("name: 'Audited " + n + "' -> 'Audited again "
                + n + "'").contains("repeatCount: '0' -> '2'").doesNotContain("levels:");
        admin().put("/api/v1/services/" + service + "/escalation-policy", Map.of("policyId", policyId)).expect(200);
        assertThat(last("escalation-policy.assigned", service)).contains("policy: (none) -> 'Audited again " + n + "'");

        admin().put("/api/v1/services/" + service + "/business-hours", Map.of("timeZone", "Europe/Berlin",
                "days", List.of("MONDAY"), "start", "09:00", "end", "17:00")).expect(200);
        admin().put("/api/v1/services/" + service + "/business-hours", Map.of("timeZone", "Europe/Berlin",
                "days", List.of("MONDAY"), "start", "08:00", "end", "17:00")).expect(200);
        assertThat(last("business-hours.set", service)).contains("hours: '09:00-17:00' -> '08:00-17:00'")
                .doesNotContain("zone:");

        String secret = "very-secret-signing-" + n;
        var integration = admin().post("/api/v1/services/" + service + "/integrations", Map.of("name", "hook",
                "kind", "WEBHOOK")).expect(201).json().get("id").asString();
        admin().put("/api/v1/services/" + service + "/integrations/" + integration, Map.of("name", "hook 2",
                "kind", "WEBHOOK", "signingSecret", secret, "rateLimitPerMinute", 60)).expect(200);
        String integrationEntry = last("integration.updated", integration);
        assertThat(integrationEntry).contains("name: 'hook' -> 'hook 2'").contains("signingSecret: (secret) ->"
                + " (secret, changed)").doesNotContain(secret);

        var rule = admin().get("/api/v1/services/" + service + "/alert-rules").expect(200).json();
        var changed = objectOf(rule.toString()).put("thresholdCount", 7);
        admin().put("/api/v1/services/" + service + "/alert-rules", changed.toString()).expect(200);
        assertThat(last("alert-rule.updated", service)).contains("thresholdCount: '" + rule.get("thresholdCount")
                .asInt() + "' -> '7'");

        admin().post("/api/v1/maintenance-windows", Map.of("serviceId", service, "durationMinutes", 30,
                "reason", "disk swap")).expect(201);
        assertThat(last("maintenance.created", service)).contains("reason: (none) -> 'disk swap'");

        String schedule = admin().post("/api/v1/schedules", Map.of("teamId", team, "name", "Audited " + n,
                "timeZone", "UTC", "layers", List.of())).expect(201).json().get("id").asString();
        admin().put("/api/v1/schedules/" + schedule, Map.of("name", "Audited " + n, "timeZone", "Europe/Berlin",
                "layers", List.of())).expect(200);
        assertThat(last("oncall.schedule-updated", schedule)).contains("timeZone: 'UTC' -> 'Europe/Berlin'")
                .doesNotContain("name:");
    }

    private static tools.jackson.databind.node.ObjectNode objectOf(String json) {
        return (tools.jackson.databind.node.ObjectNode) io.tocsin.support.Api.JSON.readTree(json);
    }

    private String last(String action, String entityId) {
        return jdbc.sql("select detail from audit_log where action = ? and entity_id = ? order by id desc")
                .params(action, entityId).query(String.class).list().stream().findFirst().orElse("(no entry)");
    }
}
