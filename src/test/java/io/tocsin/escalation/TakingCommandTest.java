package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10, taking command (R8, R12, R15): whoever takes the incident manager role, or is handed it, runs the
 * incident, so the owning team's paging about it is acknowledged in their name and says so on the timeline (in
 * English and German); the new incident manager is not paged again, not even by the next alert that joins.
 * Through the real HTTP API with the clock moved minute by minute.
 */
class TakingCommandTest extends EscalationTestSupport {

    private TwoLevels twoLevels(String first, String second) {
        return twoLevelService(emailResponder(first), emailResponder(second), 1);
    }

    private String incidentKey(String alertId) {
        return jdbc.sql("select i.incident_key from incident i join alert a on a.incident_id = i.id where a.id = ?")
                .param(UUID.fromString(alertId)).query(String.class).single();
    }

    @Test
    void takingCommandAcknowledgesTheTeamsPagingAndTheNewManagerIsNotPagedAgain() {
        var s = twoLevels("Carla Command", "Dirk Deputy");
        trigger(s.key(), "take-command", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "take-command");
        String incidentKey = incidentKey(alertId);
        minutesPass(1);
        assertThat(mailTo(s.first().destination())).as("paged, then re-notified").hasSize(2);

        s.first().api().post("/api/v1/incidents/" + incidentKey + "/assign", Map.of()).expect(200);
        var run = runOfAlert(alertId);
        assertThat(run.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(run.get("answeredVia").asString()).isEqualTo("COMMAND");
        assertThat(run.get("answeredByName").asString()).isEqualTo("Carla Command");
        assertThat(scheduledTimers.find("escalation.step", run.get("id").asString())).isEmpty();
        assertThat(jdbc.sql("select count(*) from notify_delivery where subject_id = ? and status = 'PENDING'")
                .param(run.get("subjectId").asString()).query(Long.class).single()).isZero();

        minutesPass(15);
        assertThat(mailTo(s.first().destination())).as("the new incident manager is not paged again").hasSize(2);
        assertThat(mailTo(s.second().destination())).as("nor is level 2 reached").isEmpty();

        trigger(s.key(), "take-command-2", "critical");
        minutesPass(3);
        assertThat(jdbc.sql("select incident_id from alert where id = ?")
                .param(UUID.fromString(alertId(s.serviceId(), "take-command-2"))).query(UUID.class).single())
                .as("the next alert joins the incident").isEqualTo(jdbc.sql("select incident_id from alert where id = ?")
                        .param(UUID.fromString(alertId)).query(UUID.class).single());
        assertThat(mailTo(s.first().destination()).size() + mailTo(s.second().destination()).size())
                .as("an alert joining the commanded incident pages nobody").isEqualTo(2);

        assertThat(timeline(s.first(), incidentKey, "en")).contains(
                "Carla Command took command: paging of the owning team acknowledged, their pending pages withdrawn");
        assertThat(timeline(s.first(), incidentKey, "de")).contains("Carla Command hat das Kommando \u00fcbernommen:"
                + " Alarmierung des zust\u00e4ndigen Teams best\u00e4tigt, ausstehende Benachrichtigungen zur\u00fcckgezogen");
    }

    @Test
    void handingCommandToSomeoneElseStopsThePagingBeforeItReachesThem() {
        var s = twoLevels("Emil Early", "Frida Future");
        trigger(s.key(), "hand-command", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "hand-command");
        String incidentKey = incidentKey(alertId);
        minutesPass(2);

        admin().post("/api/v1/incidents/" + incidentKey + "/assign", Map.of("userId", s.second().id())).expect(200);
        minutesPass(15);
        assertThat(mailTo(s.first().destination())).as("level 1 stopped after its third attempt").hasSize(3);
        assertThat(mailTo(s.second().destination())).as("the new incident manager was never paged").isEmpty();
        var run = runOfAlert(alertId);
        assertThat(run.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(run.get("answeredByName").asString()).isEqualTo("Frida Future");
        assertThat(timeline(s.second(), incidentKey, "en")).contains(
                "Frida Future took command: paging of the owning team acknowledged, their pending pages withdrawn");

        // Handing the role on (roles API) is taking command too: nothing is open any more, nothing is written twice.
        s.second().api().post("/api/v1/incidents/" + incidentKey + "/roles/incident-manager/handover",
                Map.of("fromUserId", s.second().id(), "toUserId", s.first().id())).expect(200);
        minutesPass(5);
        assertThat(mailTo(s.first().destination())).hasSize(3);
        assertThat(timeline(s.second(), incidentKey, "en")).filteredOn(t -> t.contains("took command")).hasSize(1);
    }

    private List<String> timeline(Person p, String incidentKey, String language) {
        var texts = new ArrayList<String>();
        JsonNode entries = p.api().withHeader("Accept-Language", language)
                .get("/api/v1/incidents/" + incidentKey + "/timeline").expect(200).json();
        entries.forEach(e -> texts.add(e.get("text").asString()));
        return texts;
    }
}
