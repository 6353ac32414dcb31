package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 15 "Why" (R9, R10): deleting a schedule that an escalation policy still targets answered 204 and left the
 * policy paging nobody. Now it is a 409 naming the policies, the schedule stays, and once no policy targets it the
 * delete goes through.
 */
class ScheduleInUseTest extends EscalationTestSupport {

    @Test
    void aScheduleAPolicyTargetsIsNotDeletedAndTheAnswerNamesThePolicies() {
        var cast = cast("Ina Inuse", "Udo Unverified", "Olga Oncall");
        var first = policy(0, level(5, Map.of("type", "SCHEDULE", "id", cast.scheduleId())));
        var second = policy(0, level(5, user(cast.reachable())), level(5, Map.of("type", "SCHEDULE",
                "id", cast.scheduleId())));
        assign(service(cast.teamId()), first);

        var refused = admin().delete("/api/v1/schedules/" + cast.scheduleId()).expect(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        String detail = refused.json().get("detail").asString();
        assertThat(detail).contains(cast.scheduleName()).contains(first.get("name").asString())
                .contains(second.get("name").asString());
        assertThat(refused.json().get("usedBy").get("escalation policies").size()).isEqualTo(2);
        admin().get("/api/v1/schedules/" + cast.scheduleId()).expect(200);
        assertThat(first.get("levels").get(0).get("targets").get(0).get("id").asString()).isEqualTo(cast.scheduleId());

        // Point both policies elsewhere (the unassigned one is deleted): now the schedule may go.
        admin().put("/api/v1/escalation-policies/" + first.get("id").asString(), Map.of("name",
                first.get("name").asString(), "levels", List.of(level(5, user(cast.reachable()))))).expect(200);
        admin().delete("/api/v1/escalation-policies/" + second.get("id").asString()).expect(204);
        admin().delete("/api/v1/schedules/" + cast.scheduleId()).expect(204);
        assertThat(jdbc.sql("select count(*) from oncall_schedule where id = ?")
                .param(UUID.fromString(cast.scheduleId())).query(Long.class).single()).isZero();
    }
}
