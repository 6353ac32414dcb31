package io.tocsin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.chat.internal.ChatQueue;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issue 14 point 1 (R3, R12, R17, R21): an incident run from Slack against the fake Slack Web API, through the real
 * HTTP endpoints, with Slack's signatures, and the shared clock moved forward. Declared from a modal, its channel
 * created with a topic that follows the roles; a page by Slack DM whose Acknowledge button stops the escalation;
 * severity changed in the channel (the timeline says it came from Slack); a pinned message on the timeline;
 * resolved from Slack; the channel archived on close. And what must be refused or survived: bad, stale and
 * replayed signatures, unknown people, commands where no incident is, Slack answering 500 and 429.
 */
class SlackEndToEndTest extends IntegrationTest {

    @Autowired
    FakeSlack slack;

    @Autowired
    ChatQueue queue;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @BeforeEach
    void configureSlack() {
        // Every setting the flows rely on, as other tests (the bad-input suite) may have left others.
        admin().put("/api/v1/chat/slack/settings", Map.of("botToken", FakeSlack.TOKEN, "signingSecret", FakeSlack.SECRET,
                "apiUrl", slack.apiUrl(), "roomPattern", "{key}", "archiveOnClose", true, "pinEmoji", "pushpin"))
                .expect(200);
    }

    @AfterEach
    void switchSlackOff() {
        // Past any Retry-After a test provoked; what is left in the queue runs against the fake.
        clock.advance(Duration.ofMinutes(2));
        queue.runDue();
        // Other tests share the context: without credentials no chat calls are queued for their incidents.
        admin().put("/api/v1/chat/slack/settings", Map.of("botToken", "", "signingSecret", "")).expect(200);
    }

    record Person(User user, String slackId, Api api) {
    }

    private Person person(String name) {
        var user = createUser(Role.RESPONDER, name);
        return new Person(user, slack.addUser(name, user.email()), new Api(baseUrl(), tokenFor(user.id())));
    }

    private String incidentKeyWithSummary(String summary) {
        return jdbc.sql("select incident_key from incident where summary = ?").param(summary).query(String.class).single();
    }

    private JsonNode incident(String key) {
        return admin().get("/api/v1/incidents/" + key).expect(200).json();
    }

    private List<String> timelineTexts(String key) {
        var texts = new ArrayList<String>();
        admin().get("/api/v1/incidents/" + key + "/timeline").expect(200).json()
                .forEach(e -> texts.add(e.path("actorName").asString("") + ": " + e.path("text").asString("")));
        return texts;
    }

    private FakeSlack.Answer command(Person who, String channel, String text) {
        var answer = slack.send(slack.command(baseUrl(), who.slackId(), channel, text));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private FakeSlack.Answer submitDeclare(Person who, String summary, String severity) {
        return slack.send(slack.interaction(baseUrl(), Map.of("type", "view_submission", "user", Map.of("id", who.slackId()),
                "view", Map.of("id", "V1", "callback_id", "tocsin_declare", "private_metadata", "en",
                        "state", Map.of("values", Map.of(
                                "summary", Map.of("value", Map.of("type", "plain_text_input", "value", summary)),
                                "severity", Map.of("value", Map.of("type", "static_select",
                                        "selected_option", Map.of("value", severity))),
                                "description", Map.of("value", Map.of("type", "plain_text_input"))))))));
    }

    @Test
    void anIncidentDeclaredInSlackIsRunFromItsChannelUntilItIsArchived() {
        var ann = person("Ann Slack");
        var bob = person("Bob Slack");
        String general = slack.addChannel("general-" + System.nanoTime());

        // R3: /tocsin declare opens the modal; its submission declares.
        var opened = command(ann, general, "declare");
        assertThat(opened.body()).isEmpty();
        var view = slack.calls("views.open").getLast().body().path("view");
        assertThat(view.path("callback_id").asString()).isEqualTo("tocsin_declare");
        String summary = "Checkout fails for card payments " + System.nanoTime();
        assertThat(submitDeclare(ann, summary, "2").json().path("response_action").asString()).isEqualTo("clear");
        String key = incidentKeyWithSummary(summary);
        assertThat(incident(key).path("severity").asInt()).isEqualTo(2);

        // R17: the channel named after the key, its topic the generated one, Ann (the declarer) invited.
        queue.runDue();
        var channel = slack.channelNamed(key.toLowerCase());
        assertThat(channel).as("channel " + key.toLowerCase()).isNotNull();
        assertThat(channel.topicText()).startsWith(key + " · SEV 2").contains(summary.substring(0, 20));
        assertThat(channel.members()).contains(ann.slackId());
        var intro = channel.messages().getFirst();
        assertThat(intro.text()).contains(key).contains("declared");
        assertThat(intro.buttons()).extracting(b -> b.path("action_id").asString())
                .containsExactly("tocsin_acknowledge", "tocsin_resolve", "tocsin_take", "tocsin_join");

        // Ann takes the incident with the button; the original message is replaced; the topic follows the roles.
        slack.send(slack.press(baseUrl(), ann.slackId(), channel.id(), intro, "tocsin_take"));
        var role = command(ann, channel.id(), "role technical lead <@" + bob.slackId() + "|bob>");
        assertThat(role.json().path("text").asString()).contains("Bob Slack").contains("Technical lead");
        queue.runDue();
        assertThat(incident(key).path("incidentManager").path("name").asString("")).isEqualTo("Ann Slack");
        assertThat(channel.topicText()).contains("Incident manager: Ann Slack").contains("Technical lead: Bob Slack");
        assertThat(channel.members()).contains(bob.slackId());
        assertThat(slack.responses()).anySatisfy(r -> {
            assertThat(r.path("replace_original").asBoolean()).isTrue();
            assertThat(r.path("text").asString()).contains("*Ann Slack* is now the incident manager");
        });

        // /tocsin sev 1 in the channel, without the key: the timeline says it came from Slack.
        var sev = command(bob, channel.id(), "sev 1");
        assertThat(sev.json().path("response_type").asString()).isEqualTo("in_channel");
        assertThat(incident(key).path("severity").asInt()).isEqualTo(1);
        assertThat(timelineTexts(key)).anyMatch(t -> t.startsWith("Bob Slack: ") && t.contains("from 2 to 1")
                && t.contains("from Slack"));
        queue.runDue();
        assertThat(channel.topicText()).startsWith(key + " · SEV 1");
        assertThat(channel.messages()).anyMatch(m -> m.text().contains("severity changed from 2 to 1"));

        // A message pinned with :pushpin: lands on the timeline with its author and time.
        clock.advance(Duration.ofMinutes(3));
        String ts = slack.say(channel.id(), bob.slackId(), "DB failover started on replica 2");
        assertThat(slack.send(slack.reaction(baseUrl(), ann.slackId(), channel.id(), ts, "pushpin")).status()).isEqualTo(200);
        queue.runDue();
        assertThat(timelineTexts(key)).anyMatch(t -> t.contains("From Slack, Bob Slack: DB failover started on replica 2"));
        var pinned = admin().get("/api/v1/incidents/" + key + "/timeline").expect(200).json();
        boolean timed = false;
        for (var e : pinned) {
            if (e.path("text").asString("").contains("DB failover started")) {
                timed = e.path("occurredAt").asString().startsWith(java.time.Instant.ofEpochSecond(
                        Long.parseLong(ts.split("\\.")[0])).toString().substring(0, 16));
            }
        }
        assertThat(timed).as("the note carries the message's time").isTrue();
        // The same reaction again copies nothing twice.
        slack.send(slack.reaction(baseUrl(), bob.slackId(), channel.id(), ts, "pushpin"));
        queue.runDue();
        assertThat(timelineTexts(key).stream().filter(t -> t.contains("DB failover started"))).hasSize(1);

        // A note, then resolve from Slack; close in Tocsin: the channel is archived.
        command(bob, channel.id(), "note Rolled back release 4.2");
        assertThat(timelineTexts(key)).anyMatch(t -> t.equals("Bob Slack: Rolled back release 4.2"));
        var resolved = command(ann, channel.id(), "resolve");
        assertThat(resolved.json().path("text").asString()).contains(key + " is resolved by Ann Slack");
        assertThat(incident(key).path("status").asString()).isEqualTo("RESOLVED");
        admin().post("/api/v1/incidents/" + key + "/close", Map.of("reason", "done")).expect(200);
        queue.runDue();
        assertThat(channel.isArchived()).isTrue();
        assertThat(channel.messages()).anyMatch(m -> m.text().contains(key + " is resolved"));
    }

    @Test
    void aPageByDirectMessageIsAcknowledgedWithItsButtonAndTheEscalationStops() {
        var ann = person("Ann Pager");
        var bob = person("Bob Second");
        // Ann links her Slack account from her profile (by her e-mail address) and is paged there at once.
        var linked = ann.api().post("/api/v1/me/chat-accounts/slack", Map.of()).expect(200).json();
        assertThat(linked.path("accountId").asString()).isEqualTo(ann.slackId());
        String methodId = null;
        for (var m : ann.api().get("/api/v1/me/contact-methods").expect(200).json()) {
            if (m.path("type").asString().equals("CHAT")) {
                methodId = m.path("id").asString();
                assertThat(m.path("verified").asBoolean()).isTrue();
            }
        }
        assertThat(methodId).isNotNull();
        ann.api().post("/api/v1/me/notification-rules", Map.of("contactMethodId", methodId, "delayMinutes", 0)).expect(201);
        bob.api().post("/api/v1/me/chat-accounts/slack", Map.of()).expect(200);
        ChatPaging.pageOnEveryMethod(bob.api());

        String serviceId = ChatPaging.triggerTwoLevelPage(admin(), anonymous(), "slack", ann.user().id(), bob.user().id(),
                "slack-dm", "Payments API 5xx");
        worker.deliverDue();

        var dm = slack.dmWith(ann.slackId());
        assertThat(dm).as("a DM to Ann").isNotNull();
        var page = dm.messages().getLast();
        assertThat(page.text()).contains("Payments API 5xx");
        assertThat(page.buttons()).extracting(b -> b.path("action_id").asString())
                .containsExactly("tocsin_acknowledge", "tocsin_resolve");

        // Bob pressing Ann's button answers nothing.
        var notYours = slack.send(slack.press(baseUrl(), bob.slackId(), dm.id(), page, "tocsin_acknowledge"));
        assertThat(notYours.status()).isEqualTo(200);
        String alertId = jdbc.sql("select id from alert where service_id = ? and dedup_key = 'slack-dm'")
                .param(UUID.fromString(serviceId)).query(UUID.class).single().toString();
        assertThat(admin().get("/api/v1/alerts/" + alertId).expect(200).json().path("alert").path("status").asString()).isEqualTo("TRIGGERED");

        assertThat(slack.send(slack.press(baseUrl(), ann.slackId(), dm.id(), page, "tocsin_acknowledge")).status())
                .isEqualTo(200);
        queue.runDue();
        assertThat(admin().get("/api/v1/alerts/" + alertId).expect(200).json().path("alert").path("status").asString())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(slack.responses()).anySatisfy(r -> assertThat(r.path("text").asString()).contains("acknowledged by Ann Pager"));

        // The escalation stopped: Bob's level never comes.
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(1));
            timers.runDue();
            worker.deliverDue();
        }
        assertThat(slack.dmWith(bob.slackId())).isNull();
    }

    /** Linked from the profile with a rule on the Slack DM at once, so a page reaches the person there. */
    private void pagedBySlack(Person p) {
        p.api().post("/api/v1/me/chat-accounts/slack", Map.of()).expect(200);
        for (var m : p.api().get("/api/v1/me/contact-methods").expect(200).json()) {
            if (m.path("type").asString().equals("CHAT")) {
                p.api().post("/api/v1/me/notification-rules", Map.of("contactMethodId", m.path("id").asString(),
                        "delayMinutes", 0)).expect(201);
            }
        }
    }

    /** Issue 14 point 1 (R21, R12): the subcommands im, status, update, page and the Join button. */
    @Test
    void imStatusUpdatePageAndJoinWorkFromTheIncidentChannel() {
        var ann = person("Ann Sub");
        var bob = person("Bob Sub");
        var carol = person("Carol Sub");
        var dave = person("Dave Sub");
        String general = slack.addChannel("ops-" + System.nanoTime());
        String summary = "Webhooks are delayed " + System.nanoTime();
        command(ann, general, "declare sev 2 " + summary);
        String key = incidentKeyWithSummary(summary);
        queue.runDue();
        var channel = slack.channelNamed(key.toLowerCase());

        // im @person: gives the incident manager role, then hands it over; the same person again is refused.
        assertThat(command(ann, channel.id(), "im").json().path("text").asString()).contains("Name one person");
        var im = command(ann, channel.id(), "im <@" + bob.slackId() + "|bob>");
        assertThat(im.json().path("response_type").asString()).isEqualTo("in_channel");
        assertThat(im.json().path("text").asString()).contains("*Bob Sub* is now the incident manager of " + key);
        assertThat(incident(key).path("incidentManager").path("name").asString("")).isEqualTo("Bob Sub");
        // Only the incident's command hands it over: Ann (no role) is refused and nothing changes; Bob hands it over.
        assertThat(command(ann, channel.id(), "im <@" + carol.slackId() + "|carol>").json().path("text").asString())
                .startsWith("Not");
        assertThat(incident(key).path("incidentManager").path("name").asString("")).isEqualTo("Bob Sub");
        command(bob, channel.id(), "im <@" + carol.slackId() + "|carol>");
        assertThat(incident(key).path("incidentManager").path("name").asString("")).isEqualTo("Carol Sub");
        assertThat(command(ann, channel.id(), "im <@" + carol.slackId() + ">").json().path("text").asString())
                .contains("Carol Sub already manages " + key);

        // status: the generated topic, only to the asker, also from elsewhere with the key.
        var status = command(bob, general, "status " + key);
        assertThat(status.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(status.json().path("text").asString()).startsWith(key + " · SEV 2").contains("Incident manager: Carol Sub");

        // update: the composer opens with the checklist; gaps are refused until "send despite the gaps" is ticked.
        assertThat(command(carol, channel.id(), "update").body()).isEmpty();
        var view = slack.calls("views.open").getLast().body().path("view");
        assertThat(view.path("callback_id").asString()).isEqualTo("tocsin_update");
        assertThat(view.path("private_metadata").asString()).startsWith(key + "|");
        assertThat(view.path("blocks").toString()).contains("Completeness checklist").contains("impact on customers");
        int updatesBefore = admin().get("/api/v1/incidents/" + key + "/updates").expect(200).json().path("items").size();
        Map<String, Object> values = new HashMap<>(Map.of(
                "summary", Map.of("value", Map.of("type", "plain_text_input", "value", "Webhooks queue behind a stuck worker")),
                "status", Map.of("value", Map.of("type", "plain_text_input", "value", "- worker restarted\n- queue draining")),
                "gaps", Map.of("value", Map.of("type", "checkboxes", "selected_options", List.of()))));
        var refused = slack.send(slack.interaction(baseUrl(), Map.of("type", "view_submission",
                "user", Map.of("id", carol.slackId()), "view", Map.of("id", "V2", "callback_id", "tocsin_update",
                        "private_metadata", key + "|en", "state", Map.of("values", values)))));
        assertThat(refused.json().path("response_action").asString()).isEqualTo("errors");
        assertThat(refused.json().path("errors").path("gaps").asString()).isNotBlank();
        assertThat(admin().get("/api/v1/incidents/" + key + "/updates").expect(200).json().path("items").size())
                .isEqualTo(updatesBefore);
        values.put("gaps", Map.of("value", Map.of("type", "checkboxes", "selected_options",
                List.of(Map.of("value", "yes")))));
        var sent = slack.send(slack.interaction(baseUrl(), Map.of("type", "view_submission",
                "user", Map.of("id", carol.slackId()), "view", Map.of("id", "V3", "callback_id", "tocsin_update",
                        "private_metadata", key + "|en", "state", Map.of("values", values)))));
        assertThat(sent.json().path("response_action").asString()).isEqualTo("clear");
        var updates = admin().get("/api/v1/incidents/" + key + "/updates").expect(200).json().path("items");
        assertThat(updates.size()).isEqualTo(updatesBefore + 1);
        assertThat(updates.toString()).contains("Webhooks queue behind a stuck worker");
        queue.runDue();
        assertThat(channel.messages()).anyMatch(m -> m.text().contains(key + ": a new INTERNAL update was posted"));

        // page @person and page @team: through their notification rules (here: Slack DMs); the timeline says so.
        pagedBySlack(dave);
        assertThat(command(ann, channel.id(), "page").json().path("text").asString()).contains("Name who to page");
        var paged = command(ann, channel.id(), "page <@" + dave.slackId() + "|dave>");
        assertThat(paged.json().path("text").asString()).contains("Paging Dave Sub for " + key);
        worker.deliverDue();
        assertThat(slack.dmWith(dave.slackId())).isNotNull();
        assertThat(slack.dmWith(dave.slackId()).messages().getLast().text()).contains(key).contains(summary);
        var erin = person("Erin Sub");
        pagedBySlack(erin);
        String team = "dbre-" + System.nanoTime();
        String teamId = admin().post("/api/v1/teams", Map.of("name", team)).expect(201).json().path("id").asString();
        admin().post("/api/v1/teams/" + teamId + "/members", Map.of("userId", erin.user().id())).expect(200);
        assertThat(command(ann, channel.id(), "page @" + team).json().path("text").asString())
                .contains("Paging " + team + " for " + key);
        worker.deliverDue();
        assertThat(slack.dmWith(erin.slackId())).isNotNull();
        assertThat(command(ann, channel.id(), "page @nobody-" + System.nanoTime()).json().path("text").asString())
                .contains("Nobody in Tocsin matches");
        assertThat(timelineTexts(key)).anyMatch(t -> t.contains("Paged Dave Sub (from Slack)"))
                .anyMatch(t -> t.contains("Paged " + team + " (from Slack)"));

        // Join: someone not in the channel presses it on the intro and is invited; the answer is only theirs.
        assertThat(channel.members()).doesNotContain(dave.slackId());
        var intro = channel.messages().getFirst();
        assertThat(slack.send(slack.press(baseUrl(), dave.slackId(), channel.id(), intro, "tocsin_join")).status())
                .isEqualTo(200);
        queue.runDue();
        assertThat(channel.members()).contains(dave.slackId());
        assertThat(slack.responses()).anySatisfy(r -> {
            assertThat(r.path("response_type").asString()).isEqualTo("ephemeral");
            assertThat(r.path("text").asString()).contains("being added to the channel of " + key);
        });
    }

    @Test
    void badOrReplayedSignaturesUnknownPeopleAndASlackOutageAreHandled() {
        var ann = person("Ann Guard");
        String general = slack.addChannel("random-" + System.nanoTime());
        int incidentsBefore = (int) count("incident");

        // A wrong signature, a stale timestamp, no signature: 401, logged, nothing done.
        var good = slack.command(baseUrl(), ann.slackId(), general, "declare sev 2 Forged " + System.nanoTime());
        assertThat(slack.send(good.url(), good.contentType(), good.body(), Long.toString(good.timestamp()),
                good.signature().replace('a', 'b').replace('1', '2')).status()).isEqualTo(401);
        long stale = clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond();
        assertThat(slack.send(good.url(), good.contentType(), good.body(), Long.toString(stale),
                FakeSlack.sign(FakeSlack.SECRET, stale, good.body())).status()).isEqualTo(401);
        assertThat(slack.send(good.url(), good.contentType(), good.body(), null, null).status()).isEqualTo(401);
        assertThat(count("incident")).isEqualTo(incidentsBefore);

        // The genuine request once; its replay is refused.
        assertThat(slack.send(good).status()).isEqualTo(200);
        assertThat(slack.send(good).status()).isEqualTo(401);
        assertThat(count("incident")).isEqualTo(incidentsBefore + 1);

        // Someone whose Slack e-mail address is nobody's in Tocsin.
        String stranger = slack.addUser("Stranger", "stranger." + System.nanoTime() + "@elsewhere.example");
        var unknown = slack.send(slack.command(baseUrl(), stranger, general, "ack INC-1"));
        assertThat(unknown.json().path("text").asString()).contains("not linked to a Tocsin user");

        // A command in a channel no incident owns.
        var nowhere = command(ann, general, "sev 1");
        assertThat(nowhere.json().path("text").asString()).contains("belongs to no incident");
        var help = command(ann, general, "help");
        assertThat(help.json().path("text").asString()).contains("/tocsin").contains("page @person");

        // Slack answers 500, then 429 with Retry-After: the incident is declared regardless, the room comes later.
        queue.runDue();
        slack.failNext("conversations.create", new FakeSlack.Scripted(500, null, null),
                new FakeSlack.Scripted(429, 30, null));
        String summary = "Search is slow " + System.nanoTime();
        var declared = command(ann, general, "declare sev 3 " + summary);
        assertThat(declared.json().path("text").asString()).contains("declared");
        String key = incidentKeyWithSummary(summary);
        var roomTask = "select status, attempts, last_error from chat_task where incident_id = (select id from incident"
                + " where incident_key = ?) and kind = 'ROOM'";
        queue.runDue();
        var afterFirst = jdbc.sql(roomTask).param(key).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2), String.valueOf(rs.getString(3))))
                .single();
        assertThat(afterFirst).containsExactly("PENDING", 1, "Slack conversations.create: HTTP 500");
        assertThat(slack.channelNamed(key.toLowerCase())).isNull();
        clock.advance(Duration.ofSeconds(11));
        queue.runDue();
        var afterSecond = jdbc.sql(roomTask).param(key).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2)))
                .single();
        assertThat(afterSecond).containsExactly("PENDING", 2);
        // Retry-After 30 s is honoured: nothing at 20 s, the room at 31 s.
        clock.advance(Duration.ofSeconds(20));
        queue.runDue();
        assertThat(slack.channelNamed(key.toLowerCase())).isNull();
        clock.advance(Duration.ofSeconds(11));
        queue.runDue();
        assertThat(slack.channelNamed(key.toLowerCase())).isNotNull();
        assertThat(slack.channelNamed(key.toLowerCase()).topicText()).startsWith(key + " · SEV 3");

        // A Slack error that retrying cannot fix is kept and shown, and the rest goes on.
        var failedBefore = jdbc.sql("select count(*) from chat_task where status = 'FAILED'").query(Long.class).single();
        slack.failNext("chat.postMessage", new FakeSlack.Scripted(200, null, "channel_not_found"));
        var channel = slack.channelNamed(key.toLowerCase());
        command(ann, channel.id(), "sev 2");
        queue.runDue();
        assertThat(jdbc.sql("select count(*) from chat_task where status = 'FAILED'").query(Long.class).single())
                .isEqualTo(failedBefore + 1);
        assertThat(channel.topicText()).startsWith(key + " · SEV 2");
    }
}
