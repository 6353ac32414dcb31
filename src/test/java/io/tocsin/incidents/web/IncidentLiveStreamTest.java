package io.tocsin.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tocsin.identity.Actor;
import io.tocsin.identity.Role;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.support.BrowserSessions;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident page's live stream (R9): a change to the incident nudges every open page once it has committed, and
 * only then; the nudge costs no stored event publication, since an incident gets several events in the transaction
 * that declares it, on the path to its first page (issue 10, no regression in EscalationBenchmark).
 */
class IncidentLiveStreamTest extends IntegrationTest {

    @Autowired
    Timeline timeline;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aCommittedChangeNudgesTheOpenPageWithoutAStoredPublication() {
        var created = admin().post("/api/v1/incidents", Map.of("summary", "Search slow", "severity", 3)).expect(201)
                .json();
        var id = UUID.fromString(created.get("id").asString());
        String key = created.get("key").asString();
        var user = createUser(Role.RESPONDER, "Lena Live");
        var browser = BrowserSessions.login(baseUrl(), user.email(), "password-of-" + "Lena Live".length() + "-chars");
        assertThat(browser).as("Lena logs in").isNotNull();
        var events = new CopyOnWriteArrayList<String>();
        var stream = browser.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl() + "/incidents/" + key + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(events::add));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("event:ready"));

            long stored = new TransactionTemplate(transactions).execute(s -> {
                timeline.recordSystem(id, key, "note", List.of(TimelineArg.text("checked")), Actor.SYSTEM,
                        clock.instant());
                assertThat(events).as("not before the change commits").doesNotContain("event:changed");
                return jdbc.sql("select count(*) from event_publication where listener_id like '%IncidentLiveUpdates%'")
                        .query(Long.class).single();
            });

            assertThat(stored).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("event:changed"));
            assertThat(events).contains("data:TimelineEntryAdded");
        } finally {
            stream.cancel(true);
        }
    }
}
