package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10, Opsgenie: the exact requests of the official Node SDK ({@code opsgenie-sdk} 0.5.1, trailing slashes)
 * and of Alertmanager 0.25's opsgenie notifier with {@code update_alerts: true} (notify/opsgenie/opsgenie.go:
 * create, then {@code PUT .../message?identifierType=alias} and {@code .../description}), with identifierType id,
 * alias and tiny, answered as Opsgenie does: 202 and a request whose status tells the outcome. On H2 and PostgreSQL.
 */
class OpsgenieWireContractTest extends AlertTestSupport {

    private static final String ALIAS = "97510b418c30a6bc221ab8cd7f4d49d287215a8f33fc7173ad6f03934114edfb";

    private Api genie(String key) {
        return anonymous().withHeader("Authorization", "GenieKey " + key);
    }

    /** Alertmanager's create body (json.NewEncoder adds a newline), for the fixture group. */
    private static String create(String message, String description) {
        return "{\"alias\":\"" + ALIAS + "\",\"message\":\"" + message + "\",\"description\":\"" + description
                + "\",\"details\":{\"alertname\":\"HighErrorRate\",\"severity\":\"critical\"},\"source\":"
                + "\"http://127.0.0.1:9093\"}\n";
    }

    private JsonNode request(String key, JsonNode accepted) {
        assertThat(accepted.get("result").asString()).isEqualTo("Request will be processed");
        return genie(key).get("/v2/alerts/requests/" + accepted.get("requestId").asString()).expect(200).json()
                .get("data");
    }

    @Test
    void theNodeSdksTrailingSlashesCreateAcknowledgeAndClose() {
        var src = newSource("OPSGENIE");
        var created = genie(src.key()).send("POST", "/v2/alerts/", "{\"message\":\"Disk full\",\"alias\":\"db-1\"}",
                "application/json").expect(202).json();
        var status = request(src.key(), created);
        assertThat(status.get("success").asBoolean()).isTrue();
        String alertId = status.get("alertId").asString();
        genie(src.key()).post("/v2/alerts/db-1/acknowledge/?identifierType=alias", Map.of("user", "sam")).expect(202);
        assertThat(alert(alertId).get("alert").get("status").asString()).isEqualTo("ACKNOWLEDGED");
        genie(src.key()).get("/v2/alerts/requests/" + created.get("requestId").asString() + "/").expect(200);
        genie(src.key()).post("/v2/alerts/" + alertId + "/close/", Map.of()).expect(202);
        assertThat(alert(alertId).get("alert").get("status").asString()).isEqualTo("RESOLVED");
    }

    @Test
    void updateAlertsPutsMessageAndDescriptionByAlias() {
        var src = newSource("OPSGENIE");
        var caller = genie(src.key());
        String alertId = request(src.key(), caller.send("POST", "/v2/alerts", create("[FIRING:1] HighErrorRate",
                "one firing"), "application/json").expect(202).json()).get("alertId").asString();
        // The group grows: Alertmanager re-sends the create (a repeat) and updates message and description.
        caller.send("POST", "/v2/alerts", create("[FIRING:2] HighErrorRate", "two firing"), "application/json")
                .expect(202);
        var message = caller.send("PUT", "/v2/alerts/" + ALIAS + "/message?identifierType=alias",
                "{\"message\":\"[FIRING:2] HighErrorRate\"}\n", "application/json").expect(202).json();
        assertThat(request(src.key(), message).get("status").asString()).isEqualTo("Message updated");
        var description = caller.send("PUT", "/v2/alerts/" + ALIAS + "/description?identifierType=alias",
                "{\"description\":\"two firing\"}\n", "application/json").expect(202).json();
        var outcome = request(src.key(), description);
        assertThat(outcome.get("success").asBoolean()).isTrue();
        assertThat(outcome.get("action").asString()).isEqualTo("Update Description");
        assertThat(outcome.get("alias").asString()).isEqualTo(ALIAS);
        var alert = alert(alertId);
        assertThat(alert.get("alert").get("summary").asString()).isEqualTo("[FIRING:2] HighErrorRate");
        assertThat(alert.get("alert").get("details").get("description").asString()).isEqualTo("two firing");
        assertThat(alert.get("alert").get("eventCount").asLong()).isEqualTo(2);
        assertThat(alert.get("history").toString()).as("updates that change nothing write nothing")
                .doesNotContain("MESSAGE_UPDATED", "DESCRIPTION_UPDATED");
        caller.send("PUT", "/v2/alerts/" + ALIAS + "/message?identifierType=alias",
                "{\"message\":\"[FIRING:2] HighErrorRate (renamed)\"}\n", "application/json").expect(202);
        caller.send("PUT", "/v2/alerts/" + ALIAS + "/description?identifierType=alias",
                "{\"description\":\"two firing, one flapping\"}\n", "application/json").expect(202);
        alert = alert(alertId);
        assertThat(alert.get("alert").get("summary").asString()).isEqualTo("[FIRING:2] HighErrorRate (renamed)");
        assertThat(alert.get("alert").get("details").get("description").asString())
                .isEqualTo("two firing, one flapping");
        assertThat(alert.get("history").toString()).contains("MESSAGE_UPDATED", "DESCRIPTION_UPDATED");
        // Then the group resolves: Alertmanager closes by alias, with its source.
        caller.send("POST", "/v2/alerts/" + ALIAS + "/close?identifierType=alias", "{\"source\":\"http://127.0.0.1:9093\"}\n",
                "application/json").expect(202);
        assertThat(alert(alertId).get("alert").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(alertCount(src.serviceId())).isEqualTo(1);
    }

    @Test
    void updatesByIdAndTinyIdAndGetAlertTellsTheTinyId() {
        var src = newSource("OPSGENIE");
        var caller = genie(src.key());
        String alertId = request(src.key(), caller.post("/v2/alerts", Map.of("message", "m", "alias", "tiny-one"))
                .expect(202).json()).get("alertId").asString();
        var got = caller.get("/v2/alerts/tiny-one?identifierType=alias").expect(200).json().get("data");
        assertThat(got.get("id").asString()).isEqualTo(alertId);
        assertThat(got.get("status").asString()).isEqualTo("open");
        String tiny = got.get("tinyId").asString();
        assertThat(Long.parseLong(tiny)).isPositive();
        assertThat(caller.get("/v2/alerts/" + tiny + "?identifierType=tiny").expect(200).json().get("data")
                .get("id").asString()).isEqualTo(alertId);
        caller.put("/v2/alerts/" + alertId + "/message", Map.of("message", "by id")).expect(202);
        assertThat(alert(alertId).get("alert").get("summary").asString()).isEqualTo("by id");
        caller.put("/v2/alerts/" + tiny + "/message/?identifierType=tiny", Map.of("message", "by tiny")).expect(202);
        assertThat(alert(alertId).get("alert").get("summary").asString()).isEqualTo("by tiny");
        caller.put("/v2/alerts/" + tiny + "/description?identifierType=tiny", Map.of("description", "d")).expect(202);
        assertThat(alert(alertId).get("alert").get("details").get("description").asString()).isEqualTo("d");
        // Alertmanager sends {} when its description renders empty: the description is cleared.
        caller.send("PUT", "/v2/alerts/" + alertId + "/description?identifierType=id", "{}", "application/json")
                .expect(202);
        assertThat(alert(alertId).get("alert").get("details").has("description")).isFalse();
        caller.post("/v2/alerts/" + tiny + "/close?identifierType=tiny", null).expect(202);
        assertThat(caller.get("/v2/alerts/" + alertId).expect(200).json().get("data").get("status").asString())
                .isEqualTo("closed");
    }

    @Test
    void unknownAlertsAnswerAsOpsgenieDoes() {
        var src = newSource("OPSGENIE");
        var caller = genie(src.key());
        for (String path : new String[] {"/v2/alerts/nope/message?identifierType=alias",
            "/v2/alerts/12345678/message?identifierType=tiny", "/v2/alerts/not-a-uuid/message"}) {
            var outcome = request(src.key(), caller.put(path, Map.of("message", "m")).expect(202).json());
            assertThat(outcome.get("success").asBoolean()).isFalse();
            assertThat(outcome.get("status").asString()).isEqualTo("Alert does not exist");
            assertThat(outcome.get("alertId").asString()).isEmpty();
        }
        var missing = caller.get("/v2/alerts/nope?identifierType=alias").expect(404).json();
        assertThat(missing.get("message").asString()).isEqualTo("Alert does not exist");
        var badType = caller.put("/v2/alerts/x/message?identifierType=name", Map.of("message", "m")).expect(422)
                .json();
        assertThat(badType.get("errors").get("identifierType").asString()).contains("id, alias, tiny");
        caller.put("/v2/alerts/x/message?identifierType=alias", Map.of()).expect(422);
        caller.send("PUT", "/v2/alerts/x/message", "{\"message\":", "application/json").expect(400);
        // Another integration's alert is unknown to this key.
        String theirs = request(src.key(), caller.post("/v2/alerts", Map.of("message", "m", "alias", "mine"))
                .expect(202).json()).get("alertId").asString();
        var other = newSource("OPSGENIE");
        var foreign = request(other.key(), genie(other.key()).put("/v2/alerts/" + theirs + "/message",
                Map.of("message", "hijack")).expect(202).json());
        assertThat(foreign.get("success").asBoolean()).isFalse();
        assertThat(alert(theirs).get("alert").get("summary").asString()).isEqualTo("m");
    }

    @Test
    void aThirtyKilobyteDescriptionIsAcceptedAndTruncatedNever422() {
        var src = newSource("OPSGENIE");
        var caller = genie(src.key());
        String description = "d".repeat(30 * 1024);
        String alertId = request(src.key(), caller.send("POST", "/v2/alerts", create("[FIRING:1] big", description),
                "application/json").expect(202).json()).get("alertId").asString();
        var alert = alert(alertId).get("alert");
        assertThat(alert.get("details").get("description").asString()).hasSize(15_000).endsWith("…[truncated]");
        assertThat(alert.get("details").get("tocsin").toString()).contains("description", "TRUNCATED");
        caller.send("PUT", "/v2/alerts/" + ALIAS + "/description?identifierType=alias", "{\"description\":\""
                + "e".repeat(30 * 1024) + "\"}", "application/json").expect(202);
        var updated = alert(alertId).get("alert").get("details");
        assertThat(updated.get("description").asString()).hasSize(15_000).startsWith("eee");
        assertThat(updated.get("tocsin").get("adjusted").size()).as("the old note was replaced, not added to")
                .isEqualTo(1);
    }
}
