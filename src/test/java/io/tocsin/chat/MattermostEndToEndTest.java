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
 * Issue 14 point 2 (R3, R12, R17, R21): an incident run from Mattermost against the fake Mattermost API v4, through
 * the real HTTP endpoints, with the slash command's token and buttons pressed as the Mattermost server presses them.
 * Declared with {@code /tocsin declare}, its channel created with a header that follows the roles; a page by direct
 * message whose Acknowledge button stops the escalation; the severity changed in the channel (the timeline says it
 * came from Mattermost); a message copied to the timeline with {@code /tocsin pin}; resolved from Mattermost; the
 * channel archived on close. And what must be refused or survived: a wrong or missing token, a forged button
 * context, unknown people, commands where no incident is, Mattermost answering 500 and 429.
 */
class MattermostEndToEndTest extends IntegrationTest {

    @Autowired
    FakeMattermost mattermost;

    @Autowired
    ChatQueue queue;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @BeforeEach
    void configureMattermost() {
        admin().put("/api/v1/chat/mattermost/settings", Map.of("botToken", FakeMattermost.TOKEN,
                "commandToken", FakeMattermost.COMMAND_TOKEN, "apiUrl", mattermost.serverUrl(),
                "teamId", mattermost.teamId(), "callbackUrl", baseUrl(), "roomPattern", "{key}",
                "archiveOnClose", true)).expect(200);
    }

    @AfterEach
    void switchMattermostOff() {
        clock.advance(Duration.ofMinutes(2));
        queue.runDue();
        admin().put("/api/v1/chat/mattermost/settings", Map.of("botToken", "", "commandToken", "")).expect(200);
    }

    record Person(User user, String accountId, Api api) {
    }

    private Person person(String name) {
        var user = createUser(Role.RESPONDER, name);
        return new Person(user, mattermost.addUser(name, user.email()), new Api(baseUrl(), tokenFor(user.id())));
    }

    private FakeMattermost.Answer command(Person who, String channel, String text) {
        var answer = mattermost.command(baseUrl(), FakeMattermost.COMMAND_TOKEN, who.accountId(), channel, text);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private String keyWithSummary(String summary) {
        return jdbc.sql("select incident_key from incident where summary = ?").param(summary).query(String.class).single();
    }

    private JsonNode incident(String key) {
        return admin().get("/api/v1/incidents/" + key).expect(200).json();
    }

    private List<String> timeline(String key) {
        var texts = new ArrayList<String>();
        admin().get("/api/v1/incidents/" + key + "/timeline").expect(200).json()
                .forEach(e -> texts.add(e.path("actorName").asString("") + ": " + e.path("text").asString("")));
        return texts;
    }

    @Test
    void anIncidentDeclaredInMattermostIsRunFromItsChannelUntilItIsArchived() {
        var ann = person("Ann Matter");
        var bob = person("Bob Matter");
        String town = mattermost.addChannel("town-square-" + System.nanoTime());

        // R3: /tocsin declare opens the declare dialog; a blank summary is refused, then the submission declares.
        assertThat(command(ann, town, "declare").body()).isNullOrEmpty();
        var form = mattermost.dialogs().getLast();
        assertThat(form.dialog().path("callback_id").asString()).isEqualTo("tocsin_declare");
        assertThat(mattermost.submit(ann.accountId(), town, form, Map.of("summary", " ", "severity", "2")).json()
                .path("errors").path("summary").asString()).isNotBlank();
        String fromDialog = "Search index stale " + System.nanoTime();
        assertThat(mattermost.submit(ann.accountId(), town, form, Map.of("summary", fromDialog, "severity", "2"))
                .json().has("errors")).isFalse();
        assertThat(incident(keyWithSummary(fromDialog)).path("severity").asInt()).isEqualTo(2);
        queue.runDue();
        assertThat(mattermost.ephemerals()).anyMatch(e -> e.userId().equals(ann.accountId())
                && e.message().contains(keyWithSummary(fromDialog)));

        // Or at once with the summary inline; the answer is visible in the channel.
        String summary = "Login fails for SSO users " + System.nanoTime();
        var declared = command(ann, town, "declare sev 2 " + summary);
        assertThat(declared.json().path("response_type").asString()).isEqualTo("in_channel");
        String key = keyWithSummary(summary);
        assertThat(declared.json().path("text").asString()).contains("**" + key + "**").contains("[open in Tocsin](");
        assertThat(incident(key).path("severity").asInt()).isEqualTo(2);

        // R17: the channel named after the key, its header the generated topic, Ann invited, the intro with buttons.
        queue.runDue();
        var channel = mattermost.channelNamed(key.toLowerCase());
        assertThat(channel).as("channel " + key.toLowerCase()).isNotNull();
        assertThat(channel.headerText()).startsWith(key + " · SEV 2").contains(summary.substring(0, 20));
        assertThat(channel.members()).contains(ann.accountId());
        var intro = channel.posts().getFirst();
        assertThat(intro.message()).contains(key).contains("declared");
        assertThat(intro.buttons()).extracting(b -> b.path("id").asString())
                .containsExactly("tocsinacknowledge", "tocsinresolve", "tocsintake", "tocsinjoin");

        // Ann takes the incident with the button: the post is replaced in place; Bob gets a role by @username.
        assertThat(mattermost.press(ann.accountId(), intro, "tocsintake").status()).isEqualTo(200);
        var role = command(ann, channel.id(), "role technical lead @" + mattermost.user(bob.accountId()).username());
        assertThat(role.json().path("text").asString()).contains("Bob Matter").contains("Technical lead");
        queue.runDue();
        assertThat(incident(key).path("incidentManager").path("name").asString("")).isEqualTo("Ann Matter");
        assertThat(channel.headerText()).contains("Incident manager: Ann Matter").contains("Technical lead: Bob Matter");
        assertThat(channel.members()).contains(bob.accountId());
        var replaced = mattermost.post(intro.id());
        assertThat(replaced.message()).contains("**Ann Matter** is now the incident manager");
        assertThat(replaced.buttons()).isNotEmpty();

        // /tocsin sev 1 in the channel, without the key: the timeline says it came from Mattermost.
        var sev = command(bob, channel.id(), "sev 1");
        assertThat(sev.json().path("response_type").asString()).isEqualTo("in_channel");
        assertThat(incident(key).path("severity").asInt()).isEqualTo(1);
        assertThat(timeline(key)).anyMatch(t -> t.startsWith("Bob Matter: ") && t.contains("from 2 to 1")
                && t.contains("from Mattermost"));
        queue.runDue();
        assertThat(channel.headerText()).startsWith(key + " · SEV 1");
        assertThat(channel.posts()).anyMatch(p -> p.message().contains("severity changed from 2 to 1"));

        // status (only to the asker), a note, and a message copied to the timeline by its permalink.
        var status = command(bob, channel.id(), "status");
        assertThat(status.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(status.json().path("text").asString()).startsWith(key + " · SEV 1");
        // update opens the composer as a dialog with the checklist; gaps are refused until they are accepted.
        int dialogsBefore = mattermost.dialogs().size();
        assertThat(command(bob, channel.id(), "update").status()).isEqualTo(200);
        assertThat(mattermost.dialogs()).hasSize(dialogsBefore + 1);
        var composer = mattermost.dialogs().getLast();
        assertThat(composer.dialog().path("callback_id").asString()).isEqualTo("tocsin_update");
        assertThat(composer.dialog().path("introduction_text").asString()).contains("Completeness checklist");
        var gapsRefused = mattermost.submit(bob.accountId(), channel.id(), composer, Map.of(
                "summary", "IdP certificate expired; logins fail", "status", "- rolled back\n- watching", "gaps", false));
        assertThat(gapsRefused.json().path("errors").path("gaps").asString()).isNotBlank();
        // Ann cannot submit the dialog opened for Bob.
        assertThat(mattermost.submit(ann.accountId(), channel.id(), composer, Map.of("summary", "x", "gaps", true))
                .status()).isEqualTo(401);
        assertThat(mattermost.submit(bob.accountId(), channel.id(), composer, Map.of(
                "summary", "IdP certificate expired; logins fail", "status", "- rolled back\n- watching", "gaps", true))
                .json().has("errors")).isFalse();
        assertThat(admin().get("/api/v1/incidents/" + key + "/updates").expect(200).json().path("items").toString())
                .contains("IdP certificate expired; logins fail");
        clock.advance(Duration.ofMinutes(3));
        String said = mattermost.say(channel.id(), bob.accountId(), "Rolled the IdP certificate back");
        var pin = command(ann, channel.id(), "pin " + mattermost.serverUrl() + "/acme/pl/" + said);
        assertThat(pin.json().path("text").asString()).contains("being copied");
        queue.runDue();
        assertThat(timeline(key)).anyMatch(t -> t.contains("From Mattermost, Bob Matter: Rolled the IdP certificate back"));
        command(bob, channel.id(), "pin " + said);
        queue.runDue();
        assertThat(timeline(key).stream().filter(t -> t.contains("Rolled the IdP certificate back"))).hasSize(1);
        command(bob, channel.id(), "note Certificate expiry monitor added");
        assertThat(timeline(key)).anyMatch(t -> t.equals("Bob Matter: Certificate expiry monitor added"));

        // Resolve from Mattermost, close in Tocsin: the channel is archived.
        var resolved = command(ann, channel.id(), "resolve");
        assertThat(resolved.json().path("text").asString()).contains(key + " is resolved by Ann Matter");
        assertThat(incident(key).path("status").asString()).isEqualTo("RESOLVED");
        admin().post("/api/v1/incidents/" + key + "/close", Map.of("reason", "done")).expect(200);
        queue.runDue();
        assertThat(channel.isArchived()).isTrue();
        assertThat(channel.posts()).anyMatch(p -> p.message().contains(key + " is resolved"));
    }

    @Test
    void aPageByDirectMessageIsAcknowledgedWithItsButtonAndTheEscalationStops() {
        var ann = person("Ann Mpager");
        var bob = person("Bob Msecond");
        var linked = ann.api().post("/api/v1/me/chat-accounts/mattermost", Map.of()).expect(200).json();
        assertThat(linked.path("accountId").asString()).isEqualTo(ann.accountId());
        assertThat(ann.api().get("/api/v1/me/chat-accounts").expect(200).json().path("mattermost").asString())
                .isEqualTo(ann.accountId());
        for (var p : List.of(ann, bob)) {
            if (p == bob) {
                bob.api().post("/api/v1/me/chat-accounts/mattermost", Map.of()).expect(200);
            }
            for (var m : p.api().get("/api/v1/me/contact-methods").expect(200).json()) {
                if (m.path("type").asString().equals("CHAT")) {
                    assertThat(m.path("verified").asBoolean()).isTrue();
                    p.api().post("/api/v1/me/notification-rules", Map.of("contactMethodId", m.path("id").asString(),
                            "delayMinutes", 0)).expect(201);
                }
            }
        }
        String serviceId = ChatPaging.alertPaging(admin(), anonymous(), ann.user().id(), bob.user().id(), "mm-dm",
                "Queue consumer lag");
        worker.deliverDue();

        var dm = mattermost.dmWith(ann.accountId());
        assertThat(dm).as("a direct message to Ann").isNotNull();
        var page = dm.posts().getLast();
        assertThat(page.message()).contains("Queue consumer lag").contains("**");
        assertThat(page.buttons()).extracting(b -> b.path("id").asString())
                .containsExactly("tocsinacknowledge", "tocsinresolve");

        // Bob pressing Ann's button answers nothing, and he is told so.
        assertThat(mattermost.press(bob.accountId(), page, "tocsinacknowledge").status()).isEqualTo(200);
        queue.runDue();
        String alertId = jdbc.sql("select id from alert where service_id = ? and dedup_key = 'mm-dm'")
                .param(UUID.fromString(serviceId)).query(UUID.class).single().toString();
        assertThat(admin().get("/api/v1/alerts/" + alertId).expect(200).json().path("alert").path("status").asString())
                .isEqualTo("TRIGGERED");
        assertThat(mattermost.ephemerals()).anyMatch(e -> e.userId().equals(bob.accountId())
                && e.message().contains("not sent to you"));

        assertThat(mattermost.press(ann.accountId(), page, "tocsinacknowledge").status()).isEqualTo(200);
        queue.runDue();
        assertThat(admin().get("/api/v1/alerts/" + alertId).expect(200).json().path("alert").path("status").asString())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(mattermost.post(page.id()).message()).contains("acknowledged by Ann Mpager");

        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(1));
            timers.runDue();
            worker.deliverDue();
        }
        assertThat(mattermost.dmWith(bob.accountId())).isNull();
    }

    @Test
    void wrongTokensForgedButtonsUnknownPeopleAndAMattermostOutageAreHandled() {
        var ann = person("Ann Mguard");
        String town = mattermost.addChannel("off-topic-" + System.nanoTime());
        long incidentsBefore = count("incident");

        // A wrong token, no token: 401, nothing done.
        String summary = "Forged " + System.nanoTime();
        assertThat(mattermost.command(baseUrl(), "wrong-token", ann.accountId(), town, "declare sev 2 " + summary)
                .status()).isEqualTo(401);
        assertThat(mattermost.command(baseUrl(), null, ann.accountId(), town, "declare sev 2 " + summary).status())
                .isEqualTo(401);
        assertThat(count("incident")).isEqualTo(incidentsBefore);

        // Someone whose Mattermost address is nobody's in Tocsin; a channel no incident owns; help.
        String stranger = mattermost.addUser("Stranger Danger", "stranger." + System.nanoTime() + "@elsewhere.example");
        var unknown = mattermost.command(baseUrl(), FakeMattermost.COMMAND_TOKEN, stranger, town, "ack INC-1");
        assertThat(unknown.json().path("text").asString()).contains("not linked to a Tocsin user");
        assertThat(command(ann, town, "sev 1").json().path("text").asString()).contains("belongs to no incident");
        assertThat(command(ann, town, "pin").json().path("text").asString()).contains("/tocsin pin");
        assertThat(command(ann, town, "help").json().path("text").asString()).contains("/tocsin").contains("page @person");

        // Mattermost answers 500, then 429 with Retry-After: declared regardless, the channel comes later.
        queue.runDue();
        mattermost.failNext("POST /channels", new FakeMattermost.Scripted(500, null), new FakeMattermost.Scripted(429, 30));
        String slow = "Reports are slow " + System.nanoTime();
        assertThat(command(ann, town, "declare sev 3 " + slow).json().path("text").asString()).contains("declared");
        String key = keyWithSummary(slow);
        var roomTask = "select status, attempts, last_error from chat_task where tool = 'mattermost' and kind = 'ROOM'"
                + " and incident_id = (select id from incident where incident_key = ?)";
        queue.runDue();
        assertThat(jdbc.sql(roomTask).param(key).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2),
                String.valueOf(rs.getString(3)))).single()).containsExactly("PENDING", 1,
                "Mattermost POST /api/v4/channels: HTTP 500");
        clock.advance(Duration.ofSeconds(11));
        queue.runDue();
        assertThat(jdbc.sql(roomTask).param(key).query((rs, n) -> List.<Object>of(rs.getString(1), rs.getInt(2)))
                .single()).containsExactly("PENDING", 2);
        clock.advance(Duration.ofSeconds(20));
        queue.runDue();
        assertThat(mattermost.channelNamed(key.toLowerCase())).isNull();
        clock.advance(Duration.ofSeconds(11));
        queue.runDue();
        var channel = mattermost.channelNamed(key.toLowerCase());
        assertThat(channel).isNotNull();
        assertThat(channel.headerText()).startsWith(key + " · SEV 3");

        // A forged button (its context not signed by Tocsin, or its value changed): 401, nothing done.
        var intro = channel.posts().getFirst();
        var resolve = intro.buttons().stream().filter(b -> b.path("id").asString().equals("tocsinresolve")).findFirst()
                .orElseThrow();
        var edited = resolve.path("integration").path("context").deepCopy();
        ((tools.jackson.databind.node.ObjectNode) edited).put("value", "INC-1");
        assertThat(mattermost.pressWith(baseUrl() + "/hooks/mattermost/actions", ann.accountId(), intro, edited)
                .status()).isEqualTo(401);
        var unsigned = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode()
                .put("action", "RESOLVE").put("value", key);
        assertThat(mattermost.pressWith(baseUrl() + "/hooks/mattermost/actions", ann.accountId(), intro, unsigned)
                .status()).isEqualTo(401);
        assertThat(mattermost.send(baseUrl() + "/hooks/mattermost/actions", "application/json", "[1,").status())
                .isEqualTo(400);
        assertThat(incident(key).path("status").asString()).isNotEqualTo("RESOLVED");

        // A refusal retrying cannot fix (the channel is gone: 404) is kept as FAILED; the rest goes on.
        long failedBefore = jdbc.sql("select count(*) from chat_task where status = 'FAILED'").query(Long.class).single();
        mattermost.failNext("POST /posts", new FakeMattermost.Scripted(404, null));
        command(ann, channel.id(), "sev 2");
        queue.runDue();
        assertThat(jdbc.sql("select count(*) from chat_task where status = 'FAILED'").query(Long.class).single())
                .isEqualTo(failedBefore + 1);
        assertThat(channel.headerText()).startsWith(key + " · SEV 2");
    }
}
