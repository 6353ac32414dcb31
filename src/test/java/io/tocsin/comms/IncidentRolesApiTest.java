package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Roles on an incident end to end (R16, R17, R20, R31): the incident manager invents a role, names two technical
 * leads and a second incident manager, hands roles over and people release them; everything is on the timeline,
 * assignees get an e-mail, the room topic follows, and a responder working too long prompts a handover.
 */
class IncidentRolesApiTest extends IntegrationTest {

    @Autowired
    DurableTimers timers;

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;

    private String declare(Api as, int severity) {
        String serviceId = admin().post("/api/v1/services", Map.of("name", "roles-" + System.nanoTime())).expect(201)
                .json().get("id").asString();
        return as.post("/api/v1/incidents", Map.of("summary", "Search is down", "severity", severity,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
    }

    private Api as(User user) {
        return new Api(baseUrl(), tokenFor(user.id()));
    }

    private static List<String> holders(JsonNode roles, String code) {
        var names = new ArrayList<String>();
        for (var role : roles.get("roles")) {
            if (role.get("code").asString().equals(code)) {
                role.get("holders").forEach(h -> names.add(h.get("userName").asString()));
            }
        }
        return names;
    }

    private List<String> timeline(String key) {
        var texts = new ArrayList<String>();
        admin().get("/api/v1/incidents/" + key + "/timeline").expect(200).json().forEach(e -> texts.add(e.get("text").asString()));
        return texts;
    }

    private long assignments(String key) {
        return jdbc.sql("select count(*) from role_assignment a join incident i on i.id = a.incident_id where i.incident_key = ?")
                .param(key).query(Long.class).single();
    }

    @Test
    void incidentManagerInventsRolesNamesTwoTechnicalLeadsAndHandsOver() throws Exception {
        var ann = createUser(Role.RESPONDER, "Ann Manager");
        var bo = createUser(Role.RESPONDER, "Bo Lead");
        var cy = createUser(Role.RESPONDER, "Cy Lead");
        var dee = createUser(Role.RESPONDER, "Dee Second");
        var eve = createUser(Role.RESPONDER, "Eve Other");
        String key = declare(as(ann), 1);

        as(ann).post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        var roles = as(ann).get("/api/v1/incidents/" + key + "/roles").expect(200).json();
        assertThat(holders(roles, "incident-manager")).containsExactly("Ann Manager");
        assertThat(roles.get("roles").get(1).get("name").asString()).isEqualTo("Technical lead");
        assertThat(roles.get("roles").get(1).get("description").asString()).contains("theories");
        assertThat(roles.get("roles").size()).as("the handbook's roles, communications split in two").isEqualTo(10);

        var custom = as(ann).post("/api/v1/incidents/" + key + "/roles", Map.of("name", "Database liaison",
                "description", "Talks to the DBA team")).expect(201).json();
        assertThat(custom.get("code").asString()).isEqualTo("database-liaison");
        as(ann).post("/api/v1/incidents/" + key + "/roles", Map.of("name", "Database Liaison")).expect(409);

        as(ann).post("/api/v1/incidents/" + key + "/roles/technical-lead/assignments", Map.of("userId", bo.id())).expect(201);
        as(ann).post("/api/v1/incidents/" + key + "/roles/technical-lead/assignments", Map.of("userId", cy.id())).expect(201);
        as(ann).post("/api/v1/incidents/" + key + "/roles/incident-manager/assignments", Map.of("userId", dee.id())).expect(201);
        as(ann).post("/api/v1/incidents/" + key + "/roles/database-liaison/assignments", Map.of("userId", bo.id())).expect(201);
        as(ann).post("/api/v1/incidents/" + key + "/roles/technical-lead/assignments", Map.of("userId", bo.id())).expect(409);

        roles = as(ann).get("/api/v1/incidents/" + key + "/roles").expect(200).json();
        assertThat(holders(roles, "technical-lead")).containsExactly("Bo Lead", "Cy Lead");
        assertThat(holders(roles, "incident-manager")).containsExactly("Ann Manager", "Dee Second");
        assertThat(holders(roles, "database-liaison")).containsExactly("Bo Lead");

        // Bad input: nobody by that id; a role that does not exist; someone without command. Nothing written.
        long before = assignments(key);
        var unknown = as(ann).post("/api/v1/incidents/" + key + "/roles/technical-lead/assignments",
                Map.of("userId", UUID.randomUUID())).expect(422).json();
        assertThat(unknown.toString()).contains("userId").contains("no user with id");
        as(ann).post("/api/v1/incidents/" + key + "/roles/wizard/assignments", Map.of("userId", eve.id())).expect(422);
        as(eve).post("/api/v1/incidents/" + key + "/roles/scribe/assignments", Map.of("userId", eve.id())).expect(403);
        assertThat(assignments(key)).isEqualTo(before);

        // A handover is one action; the second incident manager also commands.
        as(dee).post("/api/v1/incidents/" + key + "/roles/technical-lead/handover", Map.of("fromUserId", bo.id(),
                "toUserId", eve.id())).expect(200);
        roles = as(ann).get("/api/v1/incidents/" + key + "/roles").expect(200).json();
        assertThat(holders(roles, "technical-lead")).containsExactly("Cy Lead", "Eve Other");

        // Handing over the incident manager role of the incident's manager hands over the incident.
        as(ann).post("/api/v1/incidents/" + key + "/roles/incident-manager/handover", Map.of("fromUserId", ann.id(),
                "toUserId", eve.id())).expect(200);
        var incident = admin().get("/api/v1/incidents/" + key).expect(200).json();
        assertThat(incident.get("incidentManager").get("name").asString()).isEqualTo("Eve Other");
        roles = as(ann).get("/api/v1/incidents/" + key + "/roles").expect(200).json();
        assertThat(holders(roles, "incident-manager")).containsExactly("Dee Second", "Eve Other");

        // The incident's manager cannot just walk away; anyone else may release their own role.
        String eveManager = findAssignment(roles, "incident-manager", "Eve Other");
        as(eve).delete("/api/v1/incidents/" + key + "/assignments/" + eveManager).expect(409);
        String cyLead = findAssignment(roles, "technical-lead", "Cy Lead");
        as(cy).delete("/api/v1/incidents/" + key + "/assignments/" + cyLead).expect(200);

        assertThat(timeline(key)).contains("New role on this incident: Database liaison",
                "Bo Lead is now Technical lead", "Cy Lead is now Technical lead", "Dee Second is now Incident manager",
                "Bo Lead is now Database liaison", "Technical lead handed over from Bo Lead to Eve Other",
                "Cy Lead is no longer Technical lead");
        assertThat(timeline(key)).contains("Incident manager handed over to Eve Other");
        var history = admin().get("/api/v1/incidents/" + key + "/assignments").expect(200).json();
        assertThat(history.size()).isEqualTo(7);

        // The assignee is told by e-mail, with the key in the subject; taking the incident yourself is not news.
        worker.deliverDue();
        var boMail = mail.to(bo.email(), "[" + key + "]");
        assertThat(boMail).extracting(TestMailServer::subject)
                .containsExactlyInAnyOrder("[" + key + "] You are now Technical lead", "[" + key + "] You are now Database liaison");
        assertThat(boMail.getFirst().getContent().toString()).isNotBlank();
        assertThat(mail.to(ann.email(), "[" + key + "]")).isEmpty();

        // The room topic names the people in their roles and changes with them (R17).
        var channels = admin().get("/api/v1/incidents/" + key + "/channels").expect(200).json();
        assertThat(channels.get("room").asString()).isEqualTo(key.toLowerCase());
        assertThat(channels.get("videoUrl").asString()).endsWith(key.toLowerCase());
        assertThat(channels.get("statusDocumentUrl").asString()).endsWith("/incidents/" + key + "/status-document");
        assertThat(channels.get("topic").asString()).startsWith(key + " · SEV 1 Critical · Fixing · Search is down")
                .contains("Incident manager: Dee Second, Eve Other").contains("Technical lead: Eve Other")
                .doesNotContain("Cy Lead").contains("Video: " + channels.get("videoUrl").asString());
    }

    private static String findAssignment(JsonNode roles, String code, String name) {
        for (var role : roles.get("roles")) {
            if (role.get("code").asString().equals(code)) {
                for (var h : role.get("holders")) {
                    if (h.get("userName").asString().equals(name)) {
                        return h.get("id").asString();
                    }
                }
            }
        }
        throw new AssertionError(name + " does not hold " + code);
    }

    @Test
    void aResponderActiveForFourHoursPromptsTheIncidentManagerToPlanAHandover() throws Exception {
        var ann = createUser(Role.RESPONDER, "Ann Tired");
        var bo = createUser(Role.RESPONDER, "Bo Fresh");
        var dee = createUser(Role.RESPONDER, "Dee Relief");
        String key = declare(as(ann), 2);
        as(ann).post("/api/v1/incidents/" + key + "/assign", Map.of()).expect(200);
        clock.advance(Duration.ofHours(3));
        as(ann).post("/api/v1/incidents/" + key + "/roles/technical-lead/assignments", Map.of("userId", bo.id())).expect(201);

        clock.advance(Duration.ofMinutes(59));
        timers.runDue();
        assertThat(timeline(key)).noneMatch(t -> t.contains("plan a handover"));

        clock.advance(Duration.ofMinutes(2));
        timers.runDue();
        assertThat(timeline(key)).contains("Ann Tired has been working on this incident for 4 h 1 min: plan a handover");
        var responders = as(ann).get("/api/v1/incidents/" + key + "/roles").expect(200).json().get("responders");
        assertThat(responders.get(0).get("name").asString()).isEqualTo("Ann Tired");
        assertThat(responders.get(0).get("handoverDue").asBoolean()).isTrue();
        assertThat(responders.get(0).get("activeFor").asString()).isEqualTo("PT4H1M");
        assertThat(responders.get(1).get("name").asString()).isEqualTo("Bo Fresh");
        assertThat(responders.get(1).get("handoverDue").asBoolean()).isFalse();
        worker.deliverDue();
        assertThat(mail.to(ann.email(), "[" + key + "] Plan a handover for Ann Tired")).hasSize(1);

        // The handover moves the role; Ann's watch ends, Bo's runs on from when he joined.
        as(ann).post("/api/v1/incidents/" + key + "/roles/incident-manager/handover", Map.of("fromUserId", ann.id(),
                "toUserId", dee.id())).expect(200);
        clock.advance(Duration.ofHours(3));
        timers.runDue();
        var entries = timeline(key);
        assertThat(entries).filteredOn(t -> t.contains("plan a handover")).containsExactlyInAnyOrder(
                "Ann Tired has been working on this incident for 4 h 1 min: plan a handover",
                "Bo Fresh has been working on this incident for 4 h 1 min: plan a handover");
        worker.deliverDue();
        assertThat(mail.to(dee.email(), "[" + key + "] Plan a handover for Bo Fresh")).hasSize(1);
    }
}
