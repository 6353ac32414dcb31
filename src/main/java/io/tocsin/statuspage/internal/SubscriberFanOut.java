package io.tocsin.statuspage.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import io.tocsin.shared.Timers;
import io.tocsin.statuspage.PublicIncidentStatus;
import io.tocsin.statuspage.StatusPages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the subscribers of a page about an update or a maintenance reminder after the publication has committed
 * (issue 11 point 1 of the subscriber work, point 6 of the issue): the publication only schedules a durable timer,
 * so publishing to 10,000 subscribers answers as fast as publishing to none. The timer then walks the confirmed
 * subscribers in chunks of {@code tocsin.statuspage.fan-out-chunk} (1,000) in subscriber-id order: each firing
 * queues one chunk's mails in notify's outbox and sets the same timer again, due at once, with the last id as
 * its cursor, in one transaction. So a node that dies mid-way leaves the cursor at the last committed chunk (the
 * next node goes on from there), two nodes never work on one fan-out at once (a timer is claimed by one), and a
 * chunk that is redone finds its mails already queued under their idempotency keys. Only subscribers confirmed
 * when the fan-out started are told; one who confirms during it hears of the next update.
 *
 * <p>Webhook subscribers get their signed bodies the same way ({@link WebhookMessages}).
 *
 * <p>Timer key: {@code update:<update id>}, {@code webhook:<update id>} or {@code reminder:<maintenance id>}; payload: {@code <page id>|<start
 * instant>|<cursor or empty>}.
 */
@Component
public class SubscriberFanOut implements TimerHandler {

    public static final String KIND = "statuspage.fan-out";

    private final Timers timers;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final StatusPages pages;
    private final SubscriberMail mail;
    private final WebhookMessages webhooks;
    private final int chunk;

    SubscriberFanOut(Timers timers, Clock clock, JdbcClient jdbc, StatusPages pages, SubscriberMail mail,
            WebhookMessages webhooks, @Value("${tocsin.statuspage.fan-out-chunk:1000}") int chunk) {
        this.timers = timers;
        this.clock = clock;
        this.jdbc = jdbc;
        this.pages = pages;
        this.mail = mail;
        this.webhooks = webhooks;
        this.chunk = Math.max(1, chunk);
    }

    /**
     * Schedules telling the page's subscribers about the update, in the publishing transaction: one fan-out for
     * the mails and one for the webhook subscribers, so a slow one never holds up the other.
     */
    public void update(UUID pageId, UUID updateId) {
        timers.schedule(KIND, "update:" + updateId, clock.instant(), pageId + "|" + clock.instant() + "|");
        timers.schedule(KIND, "webhook:" + updateId, clock.instant(), pageId + "|" + clock.instant() + "|");
    }

    /** Schedules the reminder of an upcoming maintenance to the subscribers of its components. */
    public void reminder(UUID pageId, UUID maintenanceId) {
        timers.schedule(KIND, "reminder:" + maintenanceId, clock.instant(), pageId + "|" + clock.instant() + "|");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(Timer timer) {
        String[] state = timer.payload().split("\\|", -1);
        var pageId = UUID.fromString(state[0]);
        var startedAt = Instant.parse(state[1]);
        UUID cursor = state[2].isEmpty() ? null : UUID.fromString(state[2]);
        if (jdbc.sql("select count(*) from status_page where id = ?").param(pageId).query(Long.class).single() == 0) {
            return;
        }
        var page = pages.page(pageId);
        int colon = timer.key().indexOf(':');
        String what = timer.key().substring(0, colon);
        var id = UUID.fromString(timer.key().substring(colon + 1));
        var window = new SubscriberMail.Window(startedAt, cursor, chunk);
        UUID last = switch (what) {
            case "update" -> update(page, id, window);
            case "reminder" -> reminder(page, id, window);
            case "webhook" -> webhooks.queueEvent(page, id, window);
            default -> throw new IllegalArgumentException("unknown fan-out " + timer.key());
        };
        if (last != null) {
            timers.schedule(KIND, timer.key(), clock.instant(), pageId + "|" + startedAt + "|" + last);
        }
    }

    private UUID update(StatusPages.Page page, UUID updateId, SubscriberMail.Window window) {
        record Row(UUID incident, String name, String status, String body, long seq) {
        }
        var row = jdbc.sql("""
                select i.id, i.name, u.status, u.body, u.seq from status_incident_update u
                join status_incident i on i.id = u.status_incident_id where u.id = ?""").param(updateId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5)))
                .optional();
        if (row.isEmpty()) {
            return null;
        }
        var r = row.get();
        // The components this update and every earlier one of the incident moved: who follows any of them hears.
        List<UUID> components = jdbc.sql("""
                select distinct c.component_id from status_incident_component c
                join status_incident_update u on u.id = c.update_id
                where u.status_incident_id = ? and u.seq <= ?""").params(r.incident(), r.seq()).query(UUID.class).list();
        return mail.queueUpdate(page, updateId, r.name(), PublicIncidentStatus.valueOf(r.status()), r.body(),
                components, window);
    }

    private UUID reminder(StatusPages.Page page, UUID maintenanceId, SubscriberMail.Window window) {
        record Row(String name, Instant from, Instant until) {
        }
        var row = jdbc.sql("select name, scheduled_for, scheduled_until from status_incident where id = ?")
                .param(maintenanceId).query((rs, n) -> new Row(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()))
                .optional();
        if (row.isEmpty()) {
            return null;
        }
        List<UUID> components = jdbc.sql("""
                select distinct c.component_id from status_incident_component c
                join status_incident_update u on u.id = c.update_id where u.status_incident_id = ?""")
                .param(maintenanceId).query(UUID.class).list();
        return mail.queueReminder(page, maintenanceId, row.get().name(), row.get().from(), row.get().until(),
                components, window);
    }
}
