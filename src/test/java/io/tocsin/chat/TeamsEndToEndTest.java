package io.tocsin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
 * Issue 14 point 3 (R3, R12, R17, R21): an incident run from Microsoft Teams through the bot's real messaging
 * endpoint against the fake Bot Connector, token endpoint and JWKS, with JWTs signed by the fake's key and the
 * shared clock moved forward. Declared by {@code @Tocsin declare}, its thread created in the channel with the
 * topic card following severity and roles, buttons (Adaptive Card Action.Submit) that update their card, the
 * mirror, resolve; a page as a proactive 1:1 message whose Acknowledge stops the escalation. And what must be
 * refused or survived: missing, forged, expired, wrong-audience, wrong-issuer and unendorsed tokens (401), a
 * mismatched serviceUrl, malformed activities (400 in the Bot Framework's error shape), a redelivered activity,
 * a Connector answering 500, 429 with Retry-After and a final 404, the access token cached until it expires.
 */
class TeamsEndToEndTest extends IntegrationTest {

    @Autowired
    FakeTeams teams;

    @Autowired
    ChatQueue queue;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @BeforeEach
    void configureTeams() {
        admin().put("/api/v1/chat/teams/settings", Map.of("appId", FakeTeams.APP_ID, "appSecret", FakeTeams.APP_SECRET,
                "tenantId", FakeTeams.TENANT, "channelId", FakeTeams.CHANNEL, "teamId", FakeTeams.TEAM,
                "serviceUrl", teams.serviceUrl(), "tokenUrl", teams.tokenUrl(), "openIdUrl", teams.openIdUrl(),
                "roomPattern", "{key}")).expect(200);
    }

    @AfterEach
    void switchTeamsOff() {
        clock.advance(Duration.ofMinutes(2));
        queue.runDue();
        admin().put("/api/v1/chat/teams/settings", Map.of("appId", "", "appSecret", "", "channelId", "", "teamId", ""))
                .expect(200);
    }

    record Person(User user, FakeTeams.User teams, Api api) {
    }

    private Person person(String name) {
        var user = createUser(Role.RESPONDER, name);
        return new Person(user, teams.addUser(name, user.email()), new Api(baseUrl(), tokenFor(user.id())));
    }

    private FakeTeams.Answer say(Person who, String conversation, String text, Person... mentioned) {
        var answer = teams.send(baseUrl(), teams.message(who.teams(), conversation, text,
                java.util.Arrays.stream(mentioned).map(Person::teams).toList()), teams.goodToken());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private void press(Person who, String conversation, FakeTeams.Activity card, String action) {
        var data = card.actions().stream().filter(a -> a.path("data").path("action").asString().equals(action))
                .findFirst().orElseThrow().path("data");
        var answer = teams.send(baseUrl(), teams.submit(who.teams(), conversation, card.id(), data), teams.goodToken());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private void rotateKey() {
        try {
            teams.rotateKey();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String keyOf(String summary) {
        return ChatPaging.keyOf(jdbc, summary);
    }

    private JsonNode incident(String key) {
        return admin().get("/api/v1/incidents/" + key).expect(200).json();
    }

    private List<String> timeline(String key) {
        return ChatPaging.timeline(admin(), key);
    }

    @Test
    void anIncidentDeclaredInTeamsIsRunFromItsThreadWithCardsAndCommands() {
        var ann = person("Ann Teams");
        var bob = person("Bob Teams");
        String post = teams.newPost();

        // R3: "@Tocsin declare" without a summary answers with the declare form (an Adaptive Card).
        say(ann, post, "declare");
        queue.runDue();
        var form = teams.conversation(post).list().getLast();
        assertThat(form.actions()).extracting(a -> a.path("data").path("action").asString()).containsExactly("tocsin_declare");
        String summary = "Teams checkout fails " + System.nanoTime();
        var submitted = teams.send(baseUrl(), teams.submit(ann.teams(), post, form.id(), tools.jackson.databind.json.JsonMapper
                .builder().build().valueToTree(Map.of("action", "tocsin_declare", "summary", summary, "severity", "2",
                        "description", "card payments"))), teams.goodToken());
        assertThat(submitted.status()).isEqualTo(200);
        String key = keyOf(summary);
        assertThat(incident(key).path("severity").asInt()).isEqualTo(2);
        assertThat(incident(key).path("declaredBy").path("name").asString(incident(key).path("declaredByName").asString()))
                .contains("Ann Teams");

        // R17: a thread in the channel named after the key; its first card shows the generated topic; Ann is
        // mentioned in it; the intro card has the four buttons; the declaration is answered where it was made.
        queue.runDue();
        var thread = teams.thread(key.toLowerCase());
        assertThat(thread).as("thread " + key.toLowerCase()).isNotNull();
        assertThat(thread.list().getFirst().text()).contains(key + " · SEV 2").contains(summary.substring(0, 20));
        assertThat(thread.list()).anySatisfy(a -> assertThat(a.body().path("entities").path(0).path("mentioned")
                .path("id").asString()).isEqualTo(ann.teams().id()));
        var intro = thread.list().stream().filter(a -> !a.actions().isEmpty()).findFirst().orElseThrow();
        assertThat(intro.text()).contains(key).contains("declared");
        assertThat(intro.actions()).extracting(a -> a.path("type").asString()).containsOnly("Action.Submit");
        assertThat(intro.actions()).extracting(a -> a.path("data").path("action").asString())
                .containsExactly("tocsin_acknowledge", "tocsin_resolve", "tocsin_take", "tocsin_join");
        assertThat(teams.conversation(post).list()).anyMatch(a -> a.text().contains(key) && a.text().contains("declared"));

        // Take as incident manager: the card is updated in place; a role by @mention; the topic card follows.
        press(ann, thread.id(), intro, "tocsin_take");
        say(ann, thread.id(), "role technical lead <at>Bob Teams</at>", bob);
        queue.runDue();
        assertThat(incident(key).path("incidentManager").path("name").asString("")).isEqualTo("Ann Teams");
        assertThat(thread.activities().get(intro.id()).text()).contains("**Ann Teams** is now the incident manager");
        assertThat(thread.list().getFirst().text()).contains("Incident manager: Ann Teams")
                .contains("Technical lead: Bob Teams");

        // "@Tocsin sev 1" in the thread, without the key: the timeline says it came from Teams.
        say(bob, thread.id(), "sev 1");
        assertThat(incident(key).path("severity").asInt()).isEqualTo(1);
        assertThat(timeline(key)).anyMatch(t -> t.startsWith("Bob Teams: ") && t.contains("from 2 to 1")
                && t.contains("from Microsoft Teams"));
        queue.runDue();
        assertThat(thread.list().getFirst().text()).contains(key + " · SEV 1");
        assertThat(thread.list()).anyMatch(a -> a.text().contains("severity changed from 2 to 1"));

        // A note; resolve with the intro's button; the card shows the state and only the buttons it still allows.
        say(bob, thread.id(), "note Rolled back release 4.2");
        assertThat(timeline(key)).anyMatch(t -> t.equals("Bob Teams: Rolled back release 4.2"));
        press(ann, thread.id(), thread.activities().get(intro.id()), "tocsin_resolve");
        queue.runDue();
        assertThat(incident(key).path("status").asString()).isEqualTo("RESOLVED");
        var resolvedCard = thread.activities().get(intro.id());
        assertThat(resolvedCard.text()).contains(key + " is resolved by Ann Teams");
        assertThat(resolvedCard.actions()).extracting(a -> a.path("data").path("action").asString())
                .doesNotContain("tocsin_resolve", "tocsin_acknowledge");
        admin().post("/api/v1/incidents/" + key + "/close", Map.of("reason", "done")).expect(200);
        queue.runDue();
        assertThat(thread.list()).anyMatch(a -> a.text().contains(key + " is closed"));
        // Teams threads cannot be archived through the Bot Connector: nothing is queued that would fail.
        assertThat(jdbc.sql("select count(*) from chat_task where tool = 'teams' and kind = 'ARCHIVE'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aPageAsAProactiveMessageIsAcknowledgedWithItsCardAndTheEscalationStops() {
        var ann = person("Ann TeamsPager");
        var bob = person("Bob TeamsSecond");
        var linked = ann.api().post("/api/v1/me/chat-accounts/teams", Map.of()).expect(200).json();
        assertThat(linked.path("accountId").asString()).isEqualTo(ann.teams().id());
        String methodId = null;
        for (var m : ann.api().get("/api/v1/me/contact-methods").expect(200).json()) {
            if (m.path("type").asString().equals("CHAT")) {
                methodId = m.path("id").asString();
            }
        }
        assertThat(methodId).isNotNull();
        ann.api().post("/api/v1/me/notification-rules", Map.of("contactMethodId", methodId, "delayMinutes", 0)).expect(201);
        bob.api().post("/api/v1/me/chat-accounts/teams", Map.of()).expect(200);
        ChatPaging.pageOnEveryMethod(bob.api());
        String serviceId = ChatPaging.triggerTwoLevelPage(admin(), anonymous(), "teams", ann.user().id(), bob.user().id(),
                "teams-dm", "Payments API 5xx (Teams)");
        worker.deliverDue();

        var chat = teams.chatWith(ann.teams().id());
        assertThat(chat).as("a 1:1 chat with Ann").isNotNull();
        var page = chat.list().getLast();
        assertThat(page.text()).contains("Payments API 5xx (Teams)");
        assertThat(page.actions()).extracting(a -> a.path("data").path("action").asString())
                .containsExactly("tocsin_acknowledge", "tocsin_resolve");
        String alertId = jdbc.sql("select id from alert where service_id = ? and dedup_key = 'teams-dm'")
                .param(UUID.fromString(serviceId)).query(UUID.class).single().toString();

        // Bob pressing the card of Ann's page answers nothing.
        press(bob, chat.id(), page, "tocsin_acknowledge");
        assertThat(admin().get("/api/v1/alerts/" + alertId).expect(200).json().path("alert").path("status").asString())
                .isEqualTo("TRIGGERED");

        press(ann, chat.id(), page, "tocsin_acknowledge");
        queue.runDue();
        assertThat(admin().get("/api/v1/alerts/" + alertId).expect(200).json().path("alert").path("status").asString())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(chat.activities().get(page.id()).text()).contains("acknowledged by Ann TeamsPager");
        assertThat(chat.activities().get(page.id()).actions()).isEmpty();
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(1));
            timers.runDue();
            worker.deliverDue();
        }
        assertThat(teams.chatWith(bob.teams().id())).isNull();
    }

    @Test
    void badTokensMalformedActivitiesRedeliveriesAndAConnectorOutageAreHandled() {
        var ann = person("Ann TeamsGuard");
        String post = teams.newPost();
        long incidentsBefore = count("incident");
        var declare = teams.message(ann.teams(), post, "declare sev 2 Forged " + System.nanoTime(), List.of());
        var now = clock.instant();

        // Every token the Bot Framework's rules refuse: 401 in the Connector's error shape, nothing done.
        var refused = new ArrayList<FakeTeams.Answer>();
        refused.add(teams.send(baseUrl(), declare, null));
        refused.add(teams.post(baseUrl(), tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(declare), "Basic Zm9vOmJhcg=="));
        refused.add(teams.send(baseUrl(), declare, "not.a.jwt"));
        refused.add(teams.send(baseUrl(), declare, teams.token(FakeTeams.APP_ID, FakeTeams.ISSUER,
                now.plus(Duration.ofHours(1)), false)));
        refused.add(teams.send(baseUrl(), declare, teams.token(FakeTeams.APP_ID, FakeTeams.ISSUER,
                now.minus(Duration.ofMinutes(6)), true)));
        refused.add(teams.send(baseUrl(), declare, teams.token("some-other-bot", FakeTeams.ISSUER,
                now.plus(Duration.ofHours(1)), true)));
        refused.add(teams.send(baseUrl(), declare, teams.token(FakeTeams.APP_ID, "https://sts.windows.net/evil/",
                now.plus(Duration.ofHours(1)), true)));
        var otherChannel = new java.util.LinkedHashMap<>(declare);
        otherChannel.put("channelId", "skype");
        refused.add(teams.send(baseUrl(), otherChannel, teams.goodToken()));
        var otherService = new java.util.LinkedHashMap<>(declare);
        otherService.put("serviceUrl", "https://attacker.example/");
        refused.add(teams.send(baseUrl(), otherService, teams.goodToken()));
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.status()).as(a.body()).isEqualTo(401);
            assertThat(a.json().path("error").path("code").asString()).isEqualTo("Unauthorized");
        });
        assertThat(count("incident")).isEqualTo(incidentsBefore);

        // Malformed activities with a good token: 400 in the same shape, naming what is wrong; never 500.
        for (String body : List.of("", "[]", "{not json", "{\"type\":\"message\"}",
                "{\"type\":\"message\",\"id\":\"1\",\"channelId\":\"msteams\",\"serviceUrl\":\"" + teams.serviceUrl()
                        + "\",\"conversation\":{\"id\":\"" + post + "\"}}",
                "{\"type\":\"message\",\"id\":\"1\",\"channelId\":\"msteams\",\"serviceUrl\":\"" + teams.serviceUrl()
                        + "\",\"from\":{\"id\":\"29:x\"},\"conversation\":{\"id\":\"" + post + "\"},\"text\":{\"a\":1}}")) {
            var answer = teams.post(baseUrl(), body, "Bearer " + teams.goodToken());
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").path("code").asString()).isEqualTo("BadArgument");
            assertThat(answer.json().path("error").path("message").asString()).startsWith(body.isEmpty()
                    || !body.startsWith("{\"") ? "the body" : "activity.");
        }
        // Unknown activity types and fields are tolerated.
        var typing = new java.util.LinkedHashMap<>(declare);
        typing.put("type", "typing");
        typing.put("id", "typing-" + System.nanoTime());
        typing.put("somethingNew", Map.of("x", 1));
        assertThat(teams.send(baseUrl(), typing, teams.goodToken()).status()).isEqualTo(200);

        // The Connector rolls over to a new signing key: a token naming it makes Tocsin fetch the keys again.
        rotateKey();
        clock.advance(Duration.ofMinutes(2));
        var afterRollover = new java.util.LinkedHashMap<>(typing);
        afterRollover.put("id", "typing-" + System.nanoTime());
        assertThat(teams.send(baseUrl(), afterRollover, teams.goodToken()).status()).isEqualTo(200);

        // The genuine activity once; the Connector delivering it again changes nothing.
        assertThat(teams.send(baseUrl(), declare, teams.goodToken()).status()).isEqualTo(200);
        assertThat(teams.send(baseUrl(), declare, teams.goodToken()).status()).isEqualTo(200);
        assertThat(count("incident")).isEqualTo(incidentsBefore + 1);

        // Someone whose Teams e-mail address is nobody's in Tocsin; a command where no incident is.
        var stranger = teams.addUser("Stranger", "stranger." + System.nanoTime() + "@elsewhere.example");
        teams.send(baseUrl(), teams.message(stranger, post, "ack INC-1", List.of()), teams.goodToken());
        say(ann, post, "sev 1");
        queue.runDue();
        assertThat(teams.conversation(post).list()).anyMatch(a -> a.text().contains("not linked to a Tocsin user"));
        assertThat(teams.conversation(post).list()).anyMatch(a -> a.text().contains("belongs to no incident"));

        // The access token is fetched once and reused until it is about to expire.
        int tokens = teams.tokenRequests();
        say(ann, post, "help");
        queue.runDue();
        assertThat(teams.tokenRequests()).isEqualTo(tokens);
        assertThat(teams.conversation(post).list().getLast().text()).contains("@Tocsin").contains("page @person");
        clock.advance(Duration.ofMinutes(56));
        say(ann, post, "help");
        queue.runDue();
        assertThat(teams.tokenRequests()).isEqualTo(tokens + 1);

        // The Connector answers 500, then 429 with Retry-After: the incident is declared regardless, the thread later.
        teams.failNext("POST /v3/conversations", new FakeTeams.Scripted(500, null), new FakeTeams.Scripted(429, 30));
        String summary = "Teams search is slow " + System.nanoTime();
        say(ann, post, "declare sev 3 " + summary);
        String key = keyOf(summary);
        var roomTask = "select status, attempts, last_error from chat_task where tool = 'teams' and kind = 'ROOM'"
                + " and incident_id = (select id from incident where incident_key = ?)";
        queue.runDue();
        assertThat(jdbc.sql(roomTask).param(key).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2),
                String.valueOf(rs.getString(3)))).single())
                .containsExactly("PENDING", 1, "Teams POST /v3/conversations: HTTP 500");
        clock.advance(Duration.ofSeconds(11));
        queue.runDue();
        assertThat(jdbc.sql(roomTask).param(key).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2)))
                .single()).containsExactly("PENDING", 2);
        clock.advance(Duration.ofSeconds(20));
        queue.runDue();
        assertThat(teams.thread(key.toLowerCase())).isNull();
        clock.advance(Duration.ofSeconds(11));
        queue.runDue();
        var thread = teams.thread(key.toLowerCase());
        assertThat(thread).isNotNull();
        assertThat(thread.list().getFirst().text()).contains(key + " · SEV 3");

        // A refusal retrying cannot fix (404 ConversationNotFound) ends the task as FAILED with the code kept.
        teams.failNext("POST /v3/conversations/{conversationId}/activities", new FakeTeams.Scripted(404, null));
        say(ann, thread.id(), "sev 2");
        queue.runDue();
        assertThat(jdbc.sql("select last_error from chat_task where tool = 'teams' and status = 'FAILED' order by id desc")
                .query(String.class).list()).first().asString().contains("HTTP 404");
        assertThat(thread.list().getFirst().text()).contains(key + " · SEV 2");

        // A secret Entra ID refuses (invalid_client) can never succeed: the call fails at once, kept with the code.
        admin().put("/api/v1/chat/teams/settings", Map.of("appSecret", "rotated-away")).expect(200);
        say(ann, post, "help");
        queue.runDue();
        assertThat(jdbc.sql("select last_error from chat_task where tool = 'teams' and status = 'FAILED' order by id desc")
                .query(String.class).list()).first().asString().contains("invalid_client");
        assertThat(jdbc.sql("select count(*) from chat_task where tool = 'teams' and status = 'PENDING'")
                .query(Long.class).single()).isZero();
    }
}
