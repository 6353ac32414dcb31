package io.tocsin.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 10 (R12): one acknowledgement, from any channel, is one acknowledgement. An SMS reply, a keypress or an
 * e-mail link acknowledges the alert itself and its run, so the alert, the incident's alerts and the run never
 * disagree. The "Resolve" link does what it says: it resolves the alert, and the incident with its last open
 * alert when the service's rule allows it; otherwise the answer says that paging stopped (English and German).
 * A new paging alert joining an incident whose paging has ended starts a new run.
 */
class OneAnswerFromAnyChannelTest extends EscalationTestSupport {

    private TwoLevels twoLevels(Person first) {
        return twoLevelService(first, emailResponder("Lena Later"), 0);
    }

    /** The alert as its page shows it, the alerts as the incident page lists them, and the run: all three agree. */
    private void assertAllSay(String alertId, String alertStatus, String runStatus, String via) {
        var alert = alert(alertId);
        assertThat(alert.get("status").asString()).as("the alert page").isEqualTo(alertStatus);
        var incidentId = alert.get("incidentId");
        if (incidentId != null && !incidentId.isNull()) {
            var listed = new ArrayList<String>();
            admin().get("/api/v1/alerts?incidentId=" + incidentId.asString()).expect(200).json()
                    .forEach(a -> listed.add(a.get("status").asString()));
            assertThat(listed).as("the incident page's alerts").containsOnly(alertStatus);
        }
        var run = runOfAlert(alertId);
        assertThat(run.get("status").asString()).as("the run").isEqualTo(runStatus);
        assertThat(run.get("answeredVia").asString()).isEqualTo(via);
    }

    @Test
    void anSmsReplyAcknowledgesTheAlertAndItsRun() {
        var sam = phoneResponder("Sami Sms", "SMS");
        var s = twoLevels(sam);
        trigger(s.key(), "one-sms", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "one-sms");

        assertThat(twilio.inboundSms(baseUrl() + "/hooks/twilio/sms", sam.destination(), "ack").body())
                .contains("Acknowledged INC-");
        assertAllSay(alertId, "ACKNOWLEDGED", "ACKNOWLEDGED", "SMS");
        assertThat(alert(alertId).get("acknowledgedBy").asString())
                .isEqualTo("Sami Sms");
        int sent = twilio.messagesTo(sam.destination()).size();
        minutesPass(6);
        assertThat(twilio.messagesTo(sam.destination())).hasSize(sent);
        assertThat(mailTo(s.second().destination())).isEmpty();

        var again = twilio.inboundSms(baseUrl() + "/hooks/twilio/sms", sam.destination(), "ack");
        assertThat(again.body()).contains("Already done");
    }

    @Test
    void aKeypressAcknowledgesTheAlertAndItsRun() {
        var vera = phoneResponder("Vera Voice", "VOICE");
        var s = twoLevels(vera);
        trigger(s.key(), "one-voice", "critical");
        worker.deliverDue();
        var call = twilio.callsTo(vera.destination()).getLast();

        assertThat(twilio.press(call, "1").body()).contains("Acknowledged");
        assertAllSay(alertId(s.serviceId(), "one-voice"), "ACKNOWLEDGED", "ACKNOWLEDGED", "VOICE");
        int calls = twilio.callsTo(vera.destination()).size();
        minutesPass(6);
        assertThat(twilio.callsTo(vera.destination())).hasSize(calls);
    }

    @Test
    void anEmailLinkAcknowledgesTheAlertAndItsRun() throws Exception {
        var emma = emailResponder("Emma Email");
        var s = twoLevels(emma);
        trigger(s.key(), "one-mail", "critical");
        worker.deliverDue();
        var links = links(mailTo(emma.destination()).getLast());

        assertThat(browse("POST", links.get(0)).body()).contains("is acknowledged");
        assertAllSay(alertId(s.serviceId(), "one-mail"), "ACKNOWLEDGED", "ACKNOWLEDGED", "EMAIL");
        minutesPass(6);
        assertThat(mailTo(emma.destination())).hasSize(1);
        assertThat(mailTo(s.second().destination())).isEmpty();
    }

    @Test
    void anAnswerToAnAlertOfItsOwnAcknowledgesThatAlert() {
        // A warning opens no incident: its own run pages the owning team, the page is about the alert.
        var tom = phoneResponder("Tom Team", "SMS");
        String serviceId = service(team(tom));
        String key = integration(serviceId);
        trigger(key, "own-alert", "warning");
        worker.deliverDue();
        String alertId = alertId(serviceId, "own-alert");
        assertThat(alert(alertId).get("incidentId").isNull()).isTrue();

        assertThat(twilio.inboundSms(baseUrl() + "/hooks/twilio/sms", tom.destination(), "ack").body())
                .contains("Acknowledged own-alert");
        assertAllSay(alertId, "ACKNOWLEDGED", "ACKNOWLEDGED", "SMS");

        assertThat(twilio.inboundSms(baseUrl() + "/hooks/twilio/sms", tom.destination(), "close").body())
                .contains("Resolved own-alert");
        assertAllSay(alertId, "RESOLVED", "RESOLVED", "SMS");
    }

    @Test
    void theResolveLinkOfANewIncidentResolvesTheAlertSaysPagingStoppedAndTheNextAlertPagesAgain() throws Exception {
        var rosa = emailResponder("Rosa Resolve");
        var s = twoLevels(rosa);
        resolveIncidentsWithAlerts(s.serviceId());
        trigger(s.key(), "resolve-new", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "resolve-new");
        String incidentKey = incidentOf(alertId).get("key").asString();

        var page = browse("POST", links(mailTo(rosa.destination()).getLast()).get(1));
        assertThat(page.body()).contains("Paging stopped for " + incidentKey + ".")
                .doesNotContain("is resolved.");
        assertAllSay(alertId, "RESOLVED", "RESOLVED", "EMAIL");
        assertThat(incidentOf(alertId).get("status").asString())
                .as("nobody took the incident: it stays new").isEqualTo("NEW");
        minutesPass(6);
        assertThat(mailTo(rosa.destination())).hasSize(1);

        trigger(s.key(), "resolve-new-2", "critical");
        worker.deliverDue();
        String next = alertId(s.serviceId(), "resolve-new-2");
        assertThat(incidentOf(next).get("key").asString()).as("joins the open incident").isEqualTo(incidentKey);
        assertThat(mailTo(rosa.destination())).as("a new run pages again").hasSize(2);
        var runs = openRuns(incidentKey);
        assertThat(runs).as("one new run, paging").containsExactly("ACTIVE");
    }

    @Test
    void theResolveLinkOfATakenIncidentsLastAlertResolvesTheIncident() throws Exception {
        var tina = emailResponder("Tina Taken");
        var s = twoLevels(tina);
        resolveIncidentsWithAlerts(s.serviceId());
        trigger(s.key(), "resolve-taken", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "resolve-taken");
        String incidentKey = incidentOf(alertId).get("key").asString();
        var resolveLink = links(mailTo(tina.destination()).getLast()).get(1);
        s.second().api().post("/api/v1/incidents/" + incidentKey + "/assign", Map.of()).expect(200);

        var page = browse("POST", resolveLink);
        assertThat(page.body()).contains("Done: " + incidentKey + " is resolved.");
        assertThat(incidentOf(alertId).get("status").asString()).isEqualTo("RESOLVED");
        assertAllSay(alertId, "RESOLVED", "RESOLVED", "COMMAND");
    }

    @Test
    void withoutTheRuleTheAnswerPageSaysPagingStoppedInGerman() throws Exception {
        var dora = emailResponder("Dora Deutsch");
        var me = dora.api().get("/api/v1/me").expect(200).json();
        dora.api().put("/api/v1/me", Map.of("name", "Dora Deutsch", "email", me.get("email").asString(),
                "timeZone", "Europe/Berlin", "locale", "de")).expect(200);
        var s = twoLevels(dora);
        trigger(s.key(), "resolve-de", "critical");
        worker.deliverDue();
        String alertId = alertId(s.serviceId(), "resolve-de");
        String incidentKey = incidentOf(alertId).get("key").asString();
        s.second().api().post("/api/v1/incidents/" + incidentKey + "/assign", Map.of()).expect(200);

        var page = browse("POST", links(mailTo(dora.destination()).getLast()).get(1));
        assertThat(page.body()).contains("Alarmierung f\u00fcr " + incidentKey + " gestoppt.");
        assertThat(incidentOf(alertId).get("status").asString())
                .as("the service does not resolve incidents with their alerts").isEqualTo("FIXING");
        assertThat(alert(alertId).get("status").asString())
                .isEqualTo("RESOLVED");
    }

    private void resolveIncidentsWithAlerts(String serviceId) {
        admin().put("/api/v1/services/" + serviceId + "/alert-rules", Map.of("openOnCritical", true,
                "criticalIncidentSeverity", 2, "thresholdCount", 5, "thresholdMinutes", 10,
                "thresholdIncidentSeverity", 3, "attachToOpenIncident", true, "resolveIncidentWithAlerts", true))
                .expect(200);
    }

    private JsonNode alert(String alertId) {
        return admin().get("/api/v1/alerts/" + alertId).expect(200).json().get("alert");
    }

    private JsonNode incidentOf(String alertId) {
        var incidentId = alert(alertId).get("incidentId").asString();
        return admin().get("/api/v1/incidents/" + incidentId).expect(200).json();
    }

    private List<String> openRuns(String incidentKey) {
        var statuses = new ArrayList<String>();
        admin().get("/api/v1/escalation-runs?incident=" + incidentKey).expect(200).json().forEach(r -> {
            if (!r.get("kind").asString().equals("IMOC") && r.get("endedAt").isNull()) {
                statuses.add(r.get("status").asString());
            }
        });
        return statuses;
    }
}
