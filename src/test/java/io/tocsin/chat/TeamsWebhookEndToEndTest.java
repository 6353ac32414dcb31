package io.tocsin.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tocsin.chat.internal.ChatQueue;
import io.tocsin.identity.Role;
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
 * Issue 14 point 3 (R3, R12, R21): Microsoft Teams without a bot, against the fake Workflows webhooks and as
 * Teams' outgoing webhook calling Tocsin, with the shared clock moved forward. A page reaches a channel as an
 * Adaptive Card whose Acknowledge is notify's signed link: GET only asks, POST acknowledges and stops the
 * escalation, a tampered link is refused (403) and an expired one too (410). Incident messages go to the incident
 * channel through the durable queue, past a 429 with Retry-After and a 500, and a final 404 ends as FAILED.
 * Commands come signed with HMAC-SHA256: a good signature acts after the account is linked with a code, a bad
 * or missing one is 401, bad input 400 and never 500.
 */
class TeamsWebhookEndToEndTest extends IntegrationTest {

    private static final String KEY = Base64.getEncoder().encodeToString(
            "a-32-byte-outgoing-webhook-key!!".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    @Autowired
    FakeTeamsWorkflows workflows;

    @Autowired
    ChatQueue queue;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @BeforeEach
    void configure() {
        admin().put("/api/v1/chat/teams-webhook/settings", Map.of("channels", Map.of("incidents", workflows.url("incidents"),
                "oncall", workflows.url("oncall")), "incidentChannel", "incidents", "outgoingKey", KEY)).expect(200);
    }

    @AfterEach
    void switchOff() {
        clock.advance(Duration.ofMinutes(20));
        queue.runDue();
        admin().put("/api/v1/chat/teams-webhook/settings", Map.of("channels", Map.of("incidents", "", "oncall", ""),
                "incidentChannel", "", "outgoingKey", "")).expect(200);
    }

    private static HttpResponse<String> browse(String method, String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String alertStatus(String alertId) {
        return admin().get("/api/v1/alerts/" + alertId).expect(200).json().path("alert").path("status").asString();
    }

    @Test
    void settingsSealTheUrlsAndNeverShowThem() {
        var view = admin().get("/api/v1/chat/teams-webhook/settings").expect(200);
        assertThat(view.json().path("channels")).extracting(JsonNode::asString).contains("incidents", "oncall");
        assertThat(view.json().path("outgoingKeySet").asBoolean()).isTrue();
        assertThat(view.body()).doesNotContain("/workflows/").doesNotContain(KEY);
        assertThat(jdbc.sql("select setting_value from chat_setting where setting_name = 'teamswebhook.channel.oncall.url-secret'")
                .query(String.class).single()).doesNotContain("/workflows/");
        admin().put("/api/v1/chat/teams-webhook/settings", Map.of("channels", Map.of("Bad Name!", "https://x.example")))
                .expect(422);
        admin().put("/api/v1/chat/teams-webhook/settings", Map.of("outgoingKey", "not base64 ***")).expect(422);
        admin().put("/api/v1/chat/teams-webhook/settings", Map.of("channels", Map.of("x", "ftp://nope"))).expect(422);
        // Reading is open to everyone signed in (it shows no secret); changing is for administrators.
        newUser(Role.RESPONDER, "Rita NoAdmin").put("/api/v1/chat/teams-webhook/settings",
                Map.of("incidentChannel", "oncall")).expect(403);
        assertThat(admin().get("/api/v1/chat/teams-webhook/settings").expect(200).json().path("incidentChannel").asString())
                .isEqualTo("incidents");
    }

    @Test
    void aPageReachesTheChannelAndItsSignedLinkAcknowledgesAndStopsTheEscalation() {
        var ann = createUser(Role.RESPONDER, "Ann Hookpager");
        var bob = createUser(Role.RESPONDER, "Bob Hooksecond");
        var annApi = new Api(baseUrl(), tokenFor(ann.id()));
        var bobApi = new Api(baseUrl(), tokenFor(bob.id()));

        // A channel as Ann's contact method, verified with the code the webhook posted to that channel.
        int before = workflows.cards("oncall").size();
        String methodId = annApi.post("/api/v1/me/contact-methods", Map.of("type", "CHAT", "name", "Teams on-call",
                "destination", "teamswebhook:oncall")).expect(201).json().path("id").asString();
        worker.deliverDue();
        var verification = workflows.cards("oncall").get(before);
        var code = Pattern.compile("(\\d{4,8})").matcher(FakeTeamsWorkflows.text(verification));
        assertThat(code.find()).isTrue();
        annApi.post("/api/v1/me/contact-methods/" + methodId + "/verify", Map.of("code", code.group(1))).expect(200);
        annApi.post("/api/v1/me/notification-rules", Map.of("contactMethodId", methodId, "delayMinutes", 0)).expect(201);
        ChatPaging.pageOnEveryMethod(bobApi);

        String serviceId = ChatPaging.triggerTwoLevelPage(admin(), anonymous(), "teamswebhook", ann.id(), bob.id(),
                "hook-page", "Disk full (Teams webhook)");
        worker.deliverDue();
        var page = workflows.cards("oncall").getLast();
        assertThat(FakeTeamsWorkflows.text(page)).contains("Disk full (Teams webhook)");
        var actions = FakeTeamsWorkflows.actions(page);
        assertThat(actions).extracting(a -> a.path("type").asString()).containsOnly("Action.OpenUrl");
        assertThat(actions).extracting(a -> a.path("title").asString()).containsExactly("Acknowledge", "Resolve");
        String ack = actions.get(0).path("url").asString();
        String resolve = actions.get(1).path("url").asString();
        assertThat(ack).startsWith(baseUrl() + "/notify/answer/");
        String alertId = jdbc.sql("select id from alert where service_id = ? and dedup_key = 'hook-page'")
                .param(UUID.fromString(serviceId)).query(UUID.class).single().toString();

        // A link preview or scanner fetching the URL changes nothing; a tampered link is refused.
        assertThat(browse("GET", ack).statusCode()).isEqualTo(200);
        assertThat(alertStatus(alertId)).isEqualTo("TRIGGERED");
        String tampered = ack.substring(0, ack.length() - 3) + (ack.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(browse("POST", tampered).statusCode()).isEqualTo(403);
        assertThat(alertStatus(alertId)).isEqualTo("TRIGGERED");

        assertThat(browse("POST", ack).statusCode()).isEqualTo(200);
        assertThat(alertStatus(alertId)).isEqualTo("ACKNOWLEDGED");
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofMinutes(1));
            timers.runDue();
            worker.deliverDue();
        }
        assertThat(jdbc.sql("select count(*) from notify_delivery where user_id = ? and kind = 'PAGE'").param(bob.id())
                .query(Long.class).single()).as("Bob is never paged").isZero();

        // The resolve link expires with notify's answer-token lifetime (24 hours).
        clock.advance(Duration.ofHours(25));
        assertThat(browse("POST", resolve).statusCode()).isEqualTo(410);
        assertThat(alertStatus(alertId)).isEqualTo("ACKNOWLEDGED");
    }

    private List<Map<String, Object>> tasks(String key) {
        return jdbc.sql("select t.status, t.attempts, t.last_error from chat_task t join incident i on i.id = t.incident_id"
                + " where t.tool = 'teamswebhook' and i.incident_key = ? and t.kind = 'POST' order by t.id").param(key)
                .query((rs, n) -> {
                    var row = new LinkedHashMap<String, Object>();
                    row.put("status", rs.getString(1));
                    row.put("attempts", rs.getInt(2));
                    row.put("error", rs.getString(3));
                    return (Map<String, Object>) row;
                }).list();
    }

    @Test
    void incidentMessagesGoThroughTheQueuePastThrottlingAndOutagesAndARefusalFails() {
        workflows.fail("incidents", 429, 30);
        workflows.fail("incidents", 500, -1);
        String summary = "Hook queue " + System.nanoTime();
        String key = admin().post("/api/v1/incidents", Map.of("summary", summary, "severity", 2)).expect(201).json()
                .path("key").asString();
        int before = workflows.cards("incidents").size();
        queue.runDue();
        assertThat(workflows.cards("incidents")).hasSize(before);
        assertThat(tasks(key).getFirst()).containsEntry("status", "PENDING").containsEntry("attempts", 1);

        // 429 with Retry-After: 30 s, not the 10 s backoff.
        clock.advance(Duration.ofSeconds(15));
        queue.runDue();
        assertThat(tasks(key).getFirst()).containsEntry("attempts", 1);
        clock.advance(Duration.ofSeconds(16));
        queue.runDue();
        assertThat(tasks(key).getFirst()).containsEntry("status", "PENDING").containsEntry("attempts", 2);
        clock.advance(Duration.ofSeconds(21));
        queue.runDue();
        assertThat(tasks(key).getFirst()).containsEntry("status", "DONE");
        var intro = workflows.cards("incidents").getLast();
        assertThat(FakeTeamsWorkflows.text(intro)).contains(key).contains(summary);
        assertThat(FakeTeamsWorkflows.actions(intro)).singleElement().satisfies(a -> {
            assertThat(a.path("type").asString()).isEqualTo("Action.OpenUrl");
            assertThat(a.path("url").asString()).endsWith("/incidents/" + key);
        });

        // A deleted flow (404) is final: FAILED with the error, not retried.
        workflows.fail("incidents", 404, -1);
        admin().patch("/api/v1/incidents/" + key, Map.of("severity", 1)).expect(200);
        clock.advance(Duration.ofSeconds(1));
        queue.runDue();
        var last = tasks(key).getLast();
        assertThat(last).containsEntry("status", "FAILED");
        assertThat((String) last.get("error")).contains("404");

        // Every incident has its messages in the same channel.
        String other = admin().post("/api/v1/incidents", Map.of("summary", summary + " too", "severity", 3)).expect(201)
                .json().path("key").asString();
        queue.runDue();
        assertThat(tasks(other)).extracting(t -> t.get("status")).containsOnly("DONE");
        assertThat(FakeTeamsWorkflows.text(workflows.cards("incidents").getLast())).contains(other);
    }

    private Api.Response outgoing(String body, String authorization) {
        var api = authorization == null ? anonymous() : anonymous().withHeader("Authorization", authorization);
        return api.send("POST", "/hooks/teams/outgoing", body, "application/json");
    }

    @Test
    void outgoingWebhookCommandsNeedTheHmacAndALinkedAccount() {
        var ann = createUser(Role.RESPONDER, "Ann Hookcommander");
        var annApi = new Api(baseUrl(), tokenFor(ann.id()));
        String aad = UUID.randomUUID().toString();
        String key = admin().post("/api/v1/incidents", Map.of("summary", "Hook command " + System.nanoTime(), "severity", 3))
                .expect(201).json().path("key").asString();
        String sev = FakeTeamsWorkflows.outgoingActivity(aad, "Ann Hookcommander", "sev 1 " + key);

        // Missing, malformed, wrong-key and body-altered signatures: 401 in the Bot Framework's error shape.
        assertThat(outgoing(sev, null).status()).isEqualTo(401);
        assertThat(outgoing(sev, "HMAC not-base64!").status()).isEqualTo(401);
        assertThat(outgoing(sev, "Bearer x").status()).isEqualTo(401);
        String otherKey = Base64.getEncoder().encodeToString("another-key-of-32-bytes-length!!".getBytes());
        var wrong = outgoing(sev, FakeTeamsWorkflows.hmac(sev, otherKey));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").path("code").asString()).isEqualTo("Unauthorized");
        assertThat(outgoing(sev.replace("sev 1", "sev 2"), FakeTeamsWorkflows.hmac(sev, KEY)).status()).isEqualTo(401);
        assertThat(admin().get("/api/v1/incidents/" + key).expect(200).json().path("severity").asInt()).isEqualTo(3);

        // Bad input with a good signature: 400, never 500.
        for (String bad : new String[] {"", "not json", "[1,2]", "{\"type\":\"message\"}", "{\"from\":{\"id\":\"29:x\"},\"text\":5}"}) {
            assertThat(outgoing(bad, FakeTeamsWorkflows.hmac(bad, KEY)).status()).as(bad).isEqualTo(400);
        }

        // Unlinked: told how to link, nothing done.
        var unlinked = outgoing(sev, FakeTeamsWorkflows.hmac(sev, KEY));
        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(unlinked.json().path("type").asString()).isEqualTo("message");
        assertThat(unlinked.json().path("text").asString()).contains("link code");
        assertThat(admin().get("/api/v1/incidents/" + key).expect(200).json().path("severity").asInt()).isEqualTo(3);

        // Linked with a code from the profile (single use), then the command acts and is answered synchronously.
        String code = annApi.post("/api/v1/me/chat-accounts/teamswebhook/code", Map.of()).expect(200).json()
                .path("code").asString();
        String link = FakeTeamsWorkflows.outgoingActivity(aad, "Ann Hookcommander", "link " + code);
        assertThat(outgoing(link, FakeTeamsWorkflows.hmac(link, KEY)).json().path("text").asString()).contains("linked");
        String again = FakeTeamsWorkflows.outgoingActivity(UUID.randomUUID().toString(), "Mallory", "link " + code);
        assertThat(outgoing(again, FakeTeamsWorkflows.hmac(again, KEY)).json().path("text").asString())
                .contains("unknown, used or expired");

        var acted = outgoing(sev, FakeTeamsWorkflows.hmac(sev, KEY));
        assertThat(acted.status()).isEqualTo(200);
        assertThat(acted.json().path("type").asString()).isEqualTo("message");
        assertThat(admin().get("/api/v1/incidents/" + key).expect(200).json().path("severity").asInt()).isEqualTo(1);
        String help = FakeTeamsWorkflows.outgoingActivity(aad, "Ann Hookcommander", "help");
        assertThat(outgoing(help, FakeTeamsWorkflows.hmac(help, KEY)).json().path("text").asString()).contains("@Tocsin ack");
    }
}
