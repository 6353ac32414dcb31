package io.tocsin.reports.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.Incidents;
import io.tocsin.learning.ActionItems;
import io.tocsin.reports.PageTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds every report table from the source modules, for data that existed before the reports module (or after a
 * change of how a figure is kept), in one transaction. Incidents come through the incidents API; alerts, deliveries,
 * answers, postmortems and action items are read from their modules' tables (read only: those modules publish no
 * bulk listing); shifts are recorded again for the last 366 days from the schedules as they are now.
 */
@Component
public class ReportRebuild {

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportRebuildResult")
    public record Result(int incidents, int alerts, int deliveries, int pages, int shifts, int postmortems,
            int actionItems) {
    }

    private final JdbcClient jdbc;
    private final ReportStore store;
    private final ReportFeed feed;
    private final Incidents incidents;
    private final ShiftRecorder shifts;
    private final Identity identity;
    private final ActionItems actionItems;
    private final Clock clock;

    ReportRebuild(JdbcClient jdbc, ReportStore store, ReportFeed feed, Incidents incidents, ShiftRecorder shifts,
            Identity identity, ActionItems actionItems, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.feed = feed;
        this.incidents = incidents;
        this.shifts = shifts;
        this.identity = identity;
        this.actionItems = actionItems;
        this.clock = clock;
    }

    @Transactional
    public Result rebuild() {
        store.clear(List.of("report_incident", "report_alert", "report_page", "report_delivery", "report_shift",
                "report_postmortem", "report_action_item", "report_watermark"));
        int incidentCount = 0;
        for (int offset = 0; ; offset += 500) {
            var page = incidents.list(new IncidentFilter(Set.of(), Set.of(), null, null, null, null, 500, offset));
            for (var s : page) {
                incidents.find(s.id()).ifPresent(feed::record);
                incidentCount++;
            }
            if (page.size() < 500) {
                break;
            }
        }
        int alerts = jdbc.sql("""
                insert into report_alert (alert_id, service_id, team_id, incident_id, triggered_at)
                select a.id, a.service_id, s.owning_team_id, a.incident_id, a.first_seen_at
                from alert a left join service s on s.id = a.service_id""").update();
        Map<UUID, ZoneId> zones = new HashMap<>();
        identity.users().forEach(u -> zones.put(u.id(), u.zone()));
        var answers = new HashMap<UUID, Instant>();
        jdbc.sql("select delivery_id, min(received_at) from notify_answer where delivery_id is not null group by delivery_id")
                .query((ResultSet rs) -> {
                    answers.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
                });
        int[] deliveries = {0};
        int[] pages = {0};
        jdbc.sql("""
                select id, user_id, channel, kind, subject_type, subject_id, created_at, status, sent_at, receipt_status
                from notify_delivery where user_id is not null order by created_at""")
                .query((ResultSet rs) -> {
                    var id = rs.getObject(1, UUID.class);
                    var user = rs.getObject(2, UUID.class);
                    String type = rs.getString(5);
                    String subject = rs.getString(6);
                    Instant at = rs.getTimestamp(7).toInstant();
                    var attributes = store.attributesOf(type, subject);
                    store.addDelivery(id, user, rs.getString(3), rs.getString(4), type, subject, attributes, at);
                    String status = rs.getString(8);
                    Timestamp sentAt = rs.getTimestamp(9);
                    if ("SENT".equals(status) || "BUNDLED".equals(status) || "FAILED".equals(status)) {
                        boolean failed = "FAILED".equals(status);
                        store.deliveryFinished(id, failed ? "FAILED" : "SENT", sentAt == null ? at : sentAt.toInstant());
                        String receipt = rs.getString(10);
                        if (receipt != null && !failed) {
                            store.receipt(id, "delivered".equals(receipt));
                        }
                    }
                    if (answers.containsKey(id)) {
                        store.answered(id, answers.get(id));
                    }
                    deliveries[0]++;
                    if ("PAGE".equals(rs.getString(4)) || "BUNDLE".equals(rs.getString(4))) {
                        if ("alert".equals(type) || "incident".equals(type)) {
                            var zone = zones.getOrDefault(user, ZoneOffset.UTC);
                            store.addPage(user, type, subject, attributes, at, PageTime.atNight(at, zone),
                                    PageTime.onWeekend(at, zone));
                            pages[0]++;
                        }
                    }
                });
        jdbc.sql("""
                select user_id, subject_type, subject_id, min(received_at) from notify_answer
                where action = 'ACKNOWLEDGE' and user_id is not null group by user_id, subject_type, subject_id""")
                .query((ResultSet rs) -> {
                    store.acknowledged(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant());
                });
        int[] postmortems = {0};
        jdbc.sql("select id, incident_id, created_at, due_on, published_at from postmortem").query((ResultSet rs) -> {
            var incident = rs.getObject(2, UUID.class);
            var dueOn = rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate();
            store.postmortemDrafted(rs.getObject(1, UUID.class), incident,
                    store.incidentAttributes(incident).orElse(ReportStore.Attributes.NONE), instant(rs, 3), dueOn,
                    dueOn == null ? null : actionItems.overdueFrom(dueOn));
            if (rs.getTimestamp(5) != null) {
                store.postmortemPublished(rs.getObject(1, UUID.class), instant(rs, 5));
            }
            postmortems[0]++;
        });
        int[] items = {0};
        jdbc.sql("select id, incident_id, service_id, team_id, status, created_at, due_on, done_at from action_item")
                .query((ResultSet rs) -> {
                    var incident = rs.getObject(2, UUID.class);
                    var service = rs.getObject(3, UUID.class);
                    var team = rs.getObject(4, UUID.class);
                    var attributes = store.incidentAttributes(incident).orElse(new ReportStore.Attributes(service,
                            team != null ? team : feed.teamOf(service), null, null));
                    var dueOn = rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate();
                    store.putActionItem(rs.getObject(1, UUID.class), incident, attributes, rs.getString(5),
                            instant(rs, 6), dueOn == null ? null : actionItems.overdueFrom(dueOn), instant(rs, 8));
                    items[0]++;
                });
        int shiftCount = shifts.recordUntil(clock.instant());
        return new Result(incidentCount, alerts, deliveries[0], pages[0], shiftCount, postmortems[0], items[0]);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
