package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 (R10, R11): a level moves on after its own number of unanswered attempts, at the latest at its timeout,
 * exactly as the API, the preview and the run say. The attempt count is part of the policy's API, validated, and
 * defaults to {@code tocsin.escalation.attempts-per-level} (3).
 */
class LevelAttemptsTest extends EscalationTestSupport {

    static Map<String, Object> level(int timeoutMinutes, int attempts, Map<String, Object> target) {
        var level = new HashMap<String, Object>();
        level.put("timeoutMinutes", timeoutMinutes);
        level.put("attempts", attempts);
        level.put("targets", List.of(target));
        return level;
    }

    private JsonNode policyWith(Map<String, Object>... levels) {
        return admin().post("/api/v1/escalation-policies", Map.of("name", "attempts-" + System.nanoTime(),
                "repeatCount", 0, "levels", List.of(levels))).expect(201).json();
    }

    @Test
    void theAttemptsAreValidatedAndDefaultToThree() {
        var anna = responder("Anna Api");
        long before = count("escalation_policy");
        for (int bad : new int[] {0, -1, 21}) {
            var problem = admin().post("/api/v1/escalation-policies", Map.of("name", "bad-" + System.nanoTime(),
                    "levels", List.of(level(5, 3, user(anna)), level(5, bad, user(anna))))).expect(422).json();
            assertThat(problem.toString()).as("attempts %d", bad).contains("levels[1].attempts")
                    .doesNotContain("levels[0].attempts");
        }
        assertThat(count("escalation_policy")).isEqualTo(before);

        var defaulted = policy(0, EscalationTestSupport.level(5, user(anna)));
        assertThat(defaulted.get("levels").get(0).get("attempts").asInt()).isEqualTo(3);
        var twenty = policyWith(level(30, 20, user(anna)));
        assertThat(twenty.get("levels").get(0).get("attempts").asInt()).isEqualTo(20);

        var changed = admin().put("/api/v1/escalation-policies/" + twenty.get("id").asString(), Map.of("name",
                twenty.get("name").asString(), "levels", List.of(level(30, 4, user(anna))),
                "version", twenty.get("version").asLong())).expect(200).json();
        assertThat(changed.get("levels").get(0).get("attempts").asInt()).isEqualTo(4);
    }

    @Test
    void twoAttemptsMoveOnAfterTwoMinutesAndThePreviewSaysSo() {
        var first = emailResponder("Fiona Two");
        var second = emailResponder("Gus Next");
        String serviceId = service(null);
        assign(serviceId, policyWith(level(5, 2, user(first)), level(5, 3, user(second))));

        Instant now = clock.instant();
        var preview = admin().get("/api/v1/services/" + serviceId + "/escalation-preview").expect(200).json();
        var levels = preview.get("levels");
        assertThat(levels.get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(levels.get(0).get("timeoutMinutes").asInt()).isEqualTo(5);
        assertThat(levels.get(0).get("attemptsFirst").asBoolean()).isTrue();
        assertThat(Instant.parse(levels.get(0).get("endsAt").asString())).isEqualTo(now.plus(Duration.ofMinutes(2)));
        assertThat(levels.get(1).get("startsAt").asString()).isEqualTo(levels.get(0).get("endsAt").asString());

        String key = integration(serviceId);
        trigger(key, "two-attempts", "critical");
        worker.deliverDue();
        minutesPass(1);
        assertThat(mailTo(first.destination())).hasSize(2);
        assertThat(mailTo(second.destination())).isEmpty();
        minutesPass(1);
        assertThat(mailTo(first.destination())).as("no third attempt on level 1").hasSize(2);
        assertThat(mailTo(second.destination())).as("level 2 after two unanswered attempts").hasSize(1);
    }

    @Test
    void tenAttemptsStillEndAtTheTimeout() {
        var first = emailResponder("Hanna Ten");
        var second = emailResponder("Ivo After");
        String serviceId = service(null);
        assign(serviceId, policyWith(level(4, 10, user(first)), level(5, 3, user(second))));

        var level1 = admin().get("/api/v1/services/" + serviceId + "/escalation-preview").expect(200).json()
                .get("levels").get(0);
        assertThat(level1.get("attemptsFirst").asBoolean()).as("the 4-minute timeout comes first").isFalse();

        trigger(integration(serviceId), "ten-attempts", "critical");
        worker.deliverDue();
        minutesPass(3);
        assertThat(mailTo(first.destination())).hasSize(4);
        assertThat(mailTo(second.destination())).isEmpty();
        minutesPass(1);
        assertThat(mailTo(first.destination())).as("the timeout ends level 1").hasSize(4);
        assertThat(mailTo(second.destination())).hasSize(1);
    }
}
