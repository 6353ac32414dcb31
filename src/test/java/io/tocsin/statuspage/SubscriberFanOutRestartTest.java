package io.tocsin.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.Timers;
import io.tocsin.statuspage.internal.SubscriberFanOut;
import io.tocsin.support.MutableClock;
import io.tocsin.support.RunningApp;
import io.tocsin.support.TestClockConfiguration;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Publishing never waits for the subscribers (issue 11 point 6): the publication only schedules a durable fan-out
 * timer, which queues the mails a chunk at a time after commit. A server stopped in the middle of a fan-out and
 * started again mails everyone exactly once, a chunk that is done again queues nothing twice, and two nodes on
 * one PostgreSQL share one fan-out without doubling a mail. Real servers on the fast-forwarded test clock.
 */
class SubscriberFanOutRestartTest {

    private static final Class<?>[] TEST_CLOCK = {TestClockConfiguration.class};
    private static final int SUBSCRIBERS = 8;

    /** A page with one component and {@link #SUBSCRIBERS} confirmed subscribers; returns the page id. */
    private static UUID pageWithSubscribers(RunningApp app) {
        String slug = "fan-out-" + UUID.randomUUID().toString().substring(0, 8);
        var pages = app.bean(StatusPages.class);
        var page = pages.create(new StatusPages.PageDraft(slug, "Fan-out " + slug, null, null, null, null, null, null,
                null, null, null, null));
        pages.createComponent(page.id(), new StatusPages.ComponentDraft("API", null, null, null, null, null));
        var jdbc = app.bean(JdbcClient.class);
        var confirmed = Timestamp.from(app.bean(MutableClock.class).instant());
        for (int i = 0; i < SUBSCRIBERS; i++) {
            jdbc.sql("insert into status_subscriber (id, page_id, email, language, confirmed_at, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)").params(UUID.randomUUID(), page.id(), "s" + i + "." + slug
                    + "@example.org", i % 2 == 0 ? "en" : "de", confirmed, confirmed).update();
        }
        return page.id();
    }

    /** Publishes a maintenance (no Tocsin incident needed) and returns the id of its first update. */
    private static UUID publish(RunningApp app, UUID pageId) {
        var now = app.bean(MutableClock.class).instant();
        var published = app.bean(PublicIncidents.class).publish(pageId, new PublicIncidents.Publication(null,
                "Database upgrade", null, "We upgrade the database.", Map.of(), null, now.plus(Duration.ofDays(30)),
                now.plus(Duration.ofDays(30).plusHours(2)), null));
        return published.updates().getFirst().id();
    }

    private static long mails(JdbcClient jdbc, UUID updateId) {
        return jdbc.sql("select count(*) from notify_delivery where idempotency_key like ?")
                .param("mail:statuspage:update:" + updateId + ":%").query(Long.class).single();
    }

    private static long addressesMailed(JdbcClient jdbc, UUID updateId) {
        return jdbc.sql("select count(distinct destination) from notify_delivery where idempotency_key like ?")
                .param("mail:statuspage:update:" + updateId + ":%").query(Long.class).single();
    }

    private static boolean fanOutPending(JdbcClient jdbc, UUID updateId) {
        return jdbc.sql("select count(*) from durable_timer where kind = ? and timer_key = ?")
                .params(SubscriberFanOut.KIND, "update:" + updateId).query(Long.class).single() > 0;
    }

    @Test
    void aRestartInTheMiddleOfAFanOutMailsEveryoneOnce(@TempDir Path dir) {
        var db = TestDatabase.postgres() ? TestDatabase.create() : TestDatabase.h2File(dir);
        UUID updateId;
        try (var app = RunningApp.start(db, TEST_CLOCK, "--tocsin.timers.enabled=false",
                "--tocsin.statuspage.fan-out-chunk=3")) {
            var jdbc = app.bean(JdbcClient.class);
            updateId = publish(app, pageWithSubscribers(app));
            assertThat(mails(jdbc, updateId)).as("the publication itself queues no mail").isZero();
            assertThat(fanOutPending(jdbc, updateId)).isTrue();

            app.bean(DurableTimers.class).runDue();
            assertThat(mails(jdbc, updateId)).as("one chunk").isEqualTo(3);
            assertThat(app.bean(Timers.class).find(SubscriberFanOut.KIND, "update:" + updateId).orElseThrow().payload())
                    .as("the cursor after the first chunk").doesNotEndWith("|");
        }
        // Down in the middle; the next server goes on from the cursor, with its timer poller running.
        try (var app = RunningApp.start(db, TEST_CLOCK, "--tocsin.statuspage.fan-out-chunk=3")) {
            var jdbc = app.bean(JdbcClient.class);
            app.bean(MutableClock.class).setTo(TestClockConfiguration.START.plus(Duration.ofMinutes(1)));
            await().atMost(Duration.ofSeconds(20)).until(() -> !fanOutPending(jdbc, updateId)
                    && mails(jdbc, updateId) == SUBSCRIBERS);
            assertThat(addressesMailed(jdbc, updateId)).isEqualTo(SUBSCRIBERS);

            // The same fan-out again from the start (a chunk redone after a crash between commit and ack, say).
            var timers = app.bean(Timers.class);
            var payload = jdbc.sql("select page_id from status_incident i join status_incident_update u"
                    + " on u.status_incident_id = i.id where u.id = ?").param(updateId).query(UUID.class).single() + "|"
                    + app.bean(MutableClock.class).instant() + "|";
            timers.schedule(SubscriberFanOut.KIND, "update:" + updateId, app.bean(MutableClock.class).instant(), payload);
            await().atMost(Duration.ofSeconds(20)).until(() -> !fanOutPending(jdbc, updateId));
            assertThat(mails(jdbc, updateId)).as("every mail is queued once per idempotency key").isEqualTo(SUBSCRIBERS);
        }
    }

    @Test
    void twoNodesShareOneFanOutWithoutDoublingAMail() {
        Assumptions.assumeTrue(TestDatabase.postgres(), "two nodes need PostgreSQL");
        var db = TestDatabase.create();
        try (var one = RunningApp.start(db, TEST_CLOCK, "--tocsin.statuspage.fan-out-chunk=2");
                var two = RunningApp.start(db, TEST_CLOCK, "--tocsin.statuspage.fan-out-chunk=2")) {
            var jdbc = one.bean(JdbcClient.class);
            var updateId = publish(two, pageWithSubscribers(one));
            await().atMost(Duration.ofSeconds(20)).until(() -> !fanOutPending(jdbc, updateId)
                    && mails(jdbc, updateId) == SUBSCRIBERS);
            assertThat(addressesMailed(jdbc, updateId)).isEqualTo(SUBSCRIBERS);
            assertThat(jdbc.sql("select count(*) from notify_mail m join notify_delivery d on d.id = m.delivery_id"
                    + " where d.idempotency_key like ?").param("mail:statuspage:update:" + updateId + ":%")
                    .query(Long.class).single()).as("one content row per mail").isLessThanOrEqualTo(SUBSCRIBERS);
        }
    }
}
