package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.TestMailServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Action items (R28, issue 12 point 5): an owner who must exist, the cross-incident lists, overdue reminders on a
 * durable timer through notify's outbox with a fast-forwarded clock, and Jira through its REST v3 API: created and
 * read back, and when Jira answers 500 or does not answer in time the item is kept with its sync state and reason.
 */
class ActionItemsApiTest extends LearningTestSupport {

    @Autowired
    LearningSettings settings;

    @Autowired
    DurableTimers timers;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    TestMailServer mail;

    FakeJira jira;

    @BeforeEach
    void jira() throws Exception {
        jira = new FakeJira();
        settings.getJira().setBaseUrl(jira.baseUrl());
        settings.getJira().setUser(FakeJira.USER);
        settings.getJira().setApiToken(FakeJira.TOKEN);
        settings.getJira().setProjectKey(FakeJira.PROJECT);
        settings.getJira().setTimeout(Duration.ofSeconds(5));
    }

    @AfterEach
    void noJira() {
        settings.getJira().setBaseUrl("");
        jira.close();
    }

    private Map<String, Object> item(String key, Object ownerId, String title) {
        var body = new HashMap<String, Object>();
        body.put("incident", key);
        body.put("title", title);
        body.put("ownerId", ownerId);
        body.put("kind", "DETECT");
        body.put("priority", "P2");
        return body;
    }

    @Test
    void anUnknownOwnerIsRefusedWithTheFieldAndNothingIsWritten() {
        var s = resolvedIncident(2, "Queue", Duration.ofMinutes(5));
        long before = count("action_item");
        var unknown = s.managerApi().post("/api/v1/action-items", item(s.key(), java.util.UUID.randomUUID().toString(),
                "Alert on queue depth")).expect(422);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerId");
        var noOwner = new HashMap<>(item(s.key(), null, "Alert on queue depth"));
        noOwner.remove("ownerId");
        assertThat(s.managerApi().post("/api/v1/action-items", noOwner).expect(422).body()).contains("ownerId");
        var badTeam = item(s.key(), s.manager().id().toString(), "x");
        badTeam.put("teamId", java.util.UUID.randomUUID().toString());
        assertThat(s.managerApi().post("/api/v1/action-items", badTeam).expect(422).body()).contains("teamId");
        var badKind = item(s.key(), s.manager().id().toString(), "x");
        badKind.put("kind", "BLAME");
        assertThat(s.managerApi().post("/api/v1/action-items", badKind).expect(400).body()).contains("kind");
        var jiraButUnknown = item(s.key(), java.util.UUID.randomUUID().toString(), "x");
        jiraButUnknown.put("createInJira", true);
        s.managerApi().post("/api/v1/action-items", jiraButUnknown).expect(422);
        assertThat(count("action_item")).isEqualTo(before);
        assertThat(jira.requests()).isEmpty();
    }

    @Test
    void jiraCreatesTheIssueAndItsStatusIsReadBack() {
        var s = resolvedIncident(2, "Cache", Duration.ofMinutes(5));
        var body = item(s.key(), s.manager().id().toString(), "Page on cache hit ratio below 80 %");
        body.put("createInJira", true);
        var created = s.managerApi().post("/api/v1/action-items", body).expect(201).json();
        var tracker = created.get("tracker");
        assertThat(tracker.get("syncState").asString()).isEqualTo("SYNCED");
        String key = tracker.get("key").asString();
        assertThat(key).startsWith("OPS-");
        assertThat(tracker.get("status").asString()).isEqualTo("To Do");
        assertThat(tracker.get("url").asString()).isEqualTo(jira.baseUrl() + "/browse/" + key);
        var issue = jira.issues().get(key);
        assertThat(issue.version()).isEqualTo("3");
        assertThat(issue.fields().get("summary").asString()).isEqualTo("Page on cache hit ratio below 80 %");
        assertThat(issue.fields().get("labels").toString()).contains(s.key());
        assertThat(issue.fields().get("description").get("type").asString()).isEqualTo("doc");

        jira.setStatus(key, "In Progress");
        var refreshed = s.managerApi().post("/api/v1/action-items/" + created.get("id").asString() + "/jira", Map.of())
                .expect(200).json();
        assertThat(refreshed.get("tracker").get("status").asString()).isEqualTo("In Progress");
        assertThat(jira.issues()).hasSize(1);
    }

    @Test
    void aJiraThatAnswers500KeepsTheItemWithItsSyncStateAndCanBeRetried() {
        var s = resolvedIncident(2, "Billing", Duration.ofMinutes(5));
        jira.failWith500(true);
        var body = item(s.key(), s.manager().id().toString(), "Add a canary stage");
        body.put("createInJira", true);
        var created = s.managerApi().post("/api/v1/action-items", body).expect(201).json();
        assertThat(created.get("tracker").get("syncState").asString()).isEqualTo("FAILED");
        assertThat(created.get("tracker").get("error").asString()).contains("Jira answered 500")
                .contains("Internal server error");
        String id = created.get("id").asString();
        assertThat(s.managerApi().get("/api/v1/action-items/" + id).expect(200).json().get("title").asString())
                .isEqualTo("Add a canary stage");

        jira.failWith500(false);
        var retried = s.managerApi().post("/api/v1/action-items/" + id + "/jira", Map.of()).expect(200).json();
        assertThat(retried.get("tracker").get("syncState").asString()).isEqualTo("SYNCED");
        assertThat(retried.get("tracker").get("error").isNull()).isTrue();
    }

    @Test
    void aJiraThatDoesNotAnswerInTimeKeepsTheItem() {
        var s = resolvedIncident(2, "Search", Duration.ofMinutes(5));
        settings.getJira().setTimeout(Duration.ofMillis(300));
        jira.hang();
        var body = item(s.key(), s.manager().id().toString(), "Time out slow queries");
        body.put("createInJira", true);
        var created = s.managerApi().post("/api/v1/action-items", body).expect(201).json();
        jira.release();
        assertThat(created.get("tracker").get("syncState").asString()).isEqualTo("FAILED");
        assertThat(created.get("tracker").get("error").asString()).contains("did not answer within 300 ms");
        assertThat(jdbcCount(created.get("id").asString())).isEqualTo(1);
    }

    private long jdbcCount(String id) {
        return jdbc.sql("select count(*) from action_item where id = ?").param(java.util.UUID.fromString(id))
                .query(Long.class).single();
    }

    @Test
    void listsAndOverdueRemindersWithAFastForwardedClock() {
        var s = resolvedIncident(1, "Gateway", Duration.ofMinutes(5));
        var owner = createUser(Role.RESPONDER, "Otto Owner");
        var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var body = item(s.key(), owner.id().toString(), "Rate-limit the gateway " + s.key());
        body.put("dueOn", today.toString());
        String id = s.managerApi().post("/api/v1/action-items", body).expect(201).json().get("id").asString();
        s.managerApi().post("/api/v1/action-items", item(s.key(), owner.id().toString(), "Later " + s.key()))
                .expect(201);

        var mine = as(owner).get("/api/v1/action-items?mine=true").expect(200).json();
        assertThat(mine).hasSize(2);
        assertThat(as(owner).get("/api/v1/action-items?mine=true&overdue=true").expect(200).json()).isEmpty();
        assertThat(as(owner).get("/api/v1/action-items?serviceId=" + s.serviceId()).expect(200).json()).hasSize(2);

        timers.runDue();
        worker.deliverDue();
        assertThat(mail.to(owner.email(), "Action item overdue")).isEmpty();

        clock.setTo(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(1)));
        timers.runDue();
        worker.deliverDue();
        var first = mail.to(owner.email(), "Action item overdue");
        assertThat(first).hasSize(1);
        assertThat(TestMailServer.subject(first.getFirst())).contains("[" + s.key() + "]");
        assertThat(as(owner).get("/api/v1/action-items?mine=true&overdue=true").expect(200).json()).hasSize(1);

        timers.runDue();
        worker.deliverDue();
        assertThat(mail.to(owner.email(), "Action item overdue")).hasSize(1);

        clock.advance(Duration.ofDays(1));
        timers.runDue();
        worker.deliverDue();
        assertThat(mail.to(owner.email(), "Action item overdue")).hasSize(2);

        s.managerApi().patch("/api/v1/action-items/" + id, Map.of("status", "DONE")).expect(200);
        clock.advance(Duration.ofDays(1));
        timers.runDue();
        worker.deliverDue();
        assertThat(mail.to(owner.email(), "Action item overdue")).hasSize(2);
    }
}
