package io.tocsin.bench;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11 point 6 benchmark: a public incident published on a page with 15,000 confirmed e-mail subscribers
 * (a third of them limited to the affected component, a third to another one, who must not hear of it, the rest
 * to all) reaches the 10,000 it concerns through notify's outbox and a local SMTP server (GreenMail,
 * loopback) within a minute. Prints how long the publication's REST call took (it only schedules the durable
 * fan-out timer: the mails are queued after commit, a chunk per firing), how long until every mail was queued and
 * how long until every mail was sent. The timer poller is off in tests, so the loop fires the fan-out's timer
 * ({@code DurableTimers.runDue}) and the delivery worker itself, as the two background pollers would.
 *
 * <pre>./mvnw verify -Pbench -Dtest=StatusPageSubscribersBenchmark [-Dtocsin.test.db=postgresql]</pre>
 */
class StatusPageSubscribersBenchmark extends IntegrationTest {

    /** 10,000 concerned by the incident, and 5,000 more who chose only another component. */
    private static final int SUBSCRIBERS = 15_000;
    private static final double TARGET_SECONDS = 60;

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @Autowired
    GreenMail greenMail;

    @Autowired
    JdbcTemplate template;

    @Test
    void tenThousandConcernedSubscribersHearOfAnIncidentWithinAMinute() {
        var admin = admin();
        String slug = "bench-subs-" + UUID.randomUUID().toString().substring(0, 8);
        String pageId = admin.post("/api/v1/status-pages", Map.of("slug", slug, "name", "Bench " + slug)).expect(201)
                .json().get("id").asString();
        String service = admin.post("/api/v1/services", Map.of("name", slug + "-api")).expect(201).json().get("id")
                .asString();
        UUID api = UUID.fromString(admin.post("/api/v1/status-pages/" + pageId + "/components",
                Map.of("name", "API", "serviceIds", List.of(service))).expect(201).json().get("id").asString());
        UUID web = UUID.fromString(admin.post("/api/v1/status-pages/" + pageId + "/components",
                Map.of("name", "Website", "serviceIds", List.of())).expect(201).json().get("id").asString());

        var now = Timestamp.from(clock.instant());
        var rows = new ArrayList<Object[]>();
        var choices = new ArrayList<Object[]>();
        int concerned = 0;
        for (int i = 0; i < SUBSCRIBERS; i++) {
            var id = UUID.randomUUID();
            rows.add(new Object[] {id, UUID.fromString(pageId), "s" + i + "." + slug + "@example.org",
                    i % 4 == 0 ? "de" : "en", now, now});
            if (i % 3 == 1) {
                choices.add(new Object[] {id, api});
            } else if (i % 3 == 2) {
                choices.add(new Object[] {id, web});
            }
            if (i % 3 != 2) {
                concerned++;
            }
        }
        template.batchUpdate("insert into status_subscriber (id, page_id, email, language, confirmed_at, created_at)"
                + " values (?, ?, ?, ?, ?, ?)", rows);
        template.batchUpdate("insert into status_subscriber_component (subscriber_id, component_id) values (?, ?)",
                choices);

        String key = admin.post("/api/v1/incidents", Map.of("summary", "API errors " + slug, "severity", 2,
                "serviceId", service)).expect(201).json().get("key").asString();
        int before = greenMail.getReceivedMessages().length;
        long p0 = System.nanoTime();
        String incident = admin.post("/api/v1/status-pages/" + pageId + "/incidents", Map.of("incidents", List.of(key),
                "name", "API errors", "body", "Some **API** calls fail; we are on it.",
                "components", Map.of(api.toString(), "PARTIAL_OUTAGE"))).expect(201).json().get("id").asString();
        double publishSeconds = (System.nanoTime() - p0) / 1e9;
        String updateId = admin.get("/api/v1/status-pages/" + pageId + "/public-incidents/" + incident).expect(200)
                .json().get("updates").get(0).get("id").asString();
        String what = "mail:statuspage:update:" + updateId + ":%";

        int sent = 0;
        double queuedSeconds = -1;
        while (sent < concerned && (System.nanoTime() - p0) / 1e9 < 3 * TARGET_SECONDS) {
            timers.runDue();
            if (queuedSeconds < 0 && jdbc.sql("select count(*) from notify_delivery where idempotency_key like ?")
                    .param(what).query(Long.class).single() == concerned) {
                queuedSeconds = (System.nanoTime() - p0) / 1e9;
            }
            sent += worker.deliverDue();
        }
        double allSeconds = (System.nanoTime() - p0) / 1e9;
        // A follow-up on the warm server, with the 10,000 mails of the first already in the outbox.
        long u0 = System.nanoTime();
        admin.post("/api/v1/status-pages/" + pageId + "/public-incidents/" + incident + "/updates", Map.of(
                "status", "IDENTIFIED", "body", "We found the cause.")).expect(200);
        double updateSeconds = (System.nanoTime() - u0) / 1e9;
        long queued = jdbc.sql("select count(*) from notify_delivery where idempotency_key like ?").param(what)
                .query(Long.class).single();
        long done = jdbc.sql("select count(*) from notify_delivery where idempotency_key like ? and status = 'SENT'")
                .param(what).query(Long.class).single();
        int received = greenMail.getReceivedMessages().length - before;

        System.out.printf("StatusPageSubscribersBenchmark [%s]: %d subscribers, %d concerned by the incident;"
                        + " publication answered in %.3f s (fan-out after commit); every mail queued %.1f s after%n",
                TestDatabase.kind(), SUBSCRIBERS, concerned, publishSeconds, queuedSeconds);
        System.out.printf("StatusPageSubscribersBenchmark [%s]: a follow-up update answered in %.3f s%n",
                TestDatabase.kind(), updateSeconds);
        System.out.printf("StatusPageSubscribersBenchmark [%s]: %d of %d mails sent %.1f s after publishing"
                        + " (%.0f mails/s, GreenMail on loopback, %d received); target %.0f s; load average %s%n",
                TestDatabase.kind(), done, queued, allSeconds, done / allSeconds, received, TARGET_SECONDS,
                StatusPageBenchmark.loadAverage());
        if (queued != concerned || done != concerned) {
            throw new AssertionError("expected " + concerned + " mails queued and sent; got " + queued + " and " + done);
        }
        if (allSeconds > TARGET_SECONDS) {
            throw new AssertionError(String.format("notifying took %.1f s, the target is %.0f s", allSeconds,
                    TARGET_SECONDS));
        }
    }
}
