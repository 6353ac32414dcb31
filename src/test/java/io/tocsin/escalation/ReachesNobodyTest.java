package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 15 point 2 (R9, R10): no change may leave a policy reaching nobody without a confirmation and an audit
 * entry. Removing the last layer of a schedule a policy targets leaves nobody on call there: a 409 problem+json
 * naming the policies, nothing changed, unless the request says {@code confirm=true} (then it is made and
 * audited). A schedule nothing targets changes without asking; a policy keeps at least one level (422).
 */
class ReachesNobodyTest extends EscalationTestSupport {

    @Test
    void emptyingATargetedScheduleNeedsAConfirmationAndIsAudited() {
        var cast = cast("Rea Reachable", "Nora Nobody", "Otto Oncall");
        var policy = policy(0, level(5, Map.of("type", "SCHEDULE", "id", cast.scheduleId())));
        assign(service(cast.teamId()), policy);
        var schedule = admin().get("/api/v1/schedules/" + cast.scheduleId()).expect(200).json();
        String layer = schedule.get("layers").get(0).get("id").asString();
        String path = "/api/v1/schedules/" + cast.scheduleId() + "/layers/" + layer;

        var refused = admin().delete(path).expect(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).endsWith("/reaches-nobody");
        assertThat(refused.json().get("detail").asString()).contains(cast.scheduleName())
                .contains(policy.get("name").asString()).contains("confirm=true");
        assertThat(refused.json().get("usedBy").get("escalation policies").get(0).asString())
                .isEqualTo(policy.get("name").asString());
        assertThat(admin().get("/api/v1/schedules/" + cast.scheduleId()).expect(200).json().get("layers").size())
                .as("nothing changed").isEqualTo(1);
        assertThat(audited(cast.scheduleId())).isZero();

        var confirmed = admin().delete(path + "?confirm=true").expect(200).json();
        assertThat(confirmed.get("layers").size()).isZero();
        assertThat(audited(cast.scheduleId())).isEqualTo(1);
    }

    @Test
    void aScheduleNothingTargetsChangesWithoutAskingAndAPolicyKeepsALevel() {
        var cast = cast("Una Untargeted", "Nico Nobody", "Ole Oncall");
        String layer = admin().get("/api/v1/schedules/" + cast.scheduleId()).expect(200).json().get("layers").get(0)
                .get("id").asString();
        admin().delete("/api/v1/schedules/" + cast.scheduleId() + "/layers/" + layer).expect(200);
        assertThat(audited(cast.scheduleId())).isZero();

        var policy = policy(0, level(5, user(cast.reachable())));
        var noLevels = admin().put("/api/v1/escalation-policies/" + policy.get("id").asString(), Map.of("name",
                policy.get("name").asString(), "levels", List.of())).expect(422);
        assertThat(noLevels.body()).contains("levels");
    }

    private long audited(String scheduleId) {
        return jdbc.sql("select count(*) from audit_log where action = 'oncall.reaches-nobody-confirmed'"
                + " and entity_id = ?").param(UUID.fromString(scheduleId).toString()).query(Long.class).single();
    }
}
