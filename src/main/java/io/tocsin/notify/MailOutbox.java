package io.tocsin.notify;

import static io.tocsin.notify.internal.DeliveryRows.truncate;
import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tocsin.notify.internal.DeliveryWakeUp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes mail to addresses into the outbox: one delivery row per recipient (the log), its content beside it until
 * it has gone out, in batches, so ten thousand subscribers are queued in a few statements. Once per idempotency
 * key: a key already queued (by an earlier call, or by a racing node) is skipped without failing the caller.
 */
@Component
@Transactional
class MailOutbox {

    private final JdbcTemplate batch;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final DeliveryWakeUp wakeUp;

    MailOutbox(JdbcTemplate batch, JdbcClient jdbc, Clock clock, DeliveryWakeUp wakeUp) {
        this.batch = batch;
        this.jdbc = jdbc;
        this.clock = clock;
        this.wakeUp = wakeUp;
    }

    /** Queues the mails and returns how many were new. */
    int insert(List<MailRequest> requests) {
        if (requests.isEmpty()) {
            return 0;
        }
        var now = clock.instant();
        var ids = requests.stream().map(r -> UUID.randomUUID()).toList();
        // ON CONFLICT DO NOTHING (no target: portable) keeps a key queued before, or by a racing node, from failing
        // the caller's transaction; only the rows really inserted get content.
        int[] counts = batch.batchUpdate("""
                insert into notify_delivery (id, idempotency_key, kind, channel, destination, subject_type, subject_id,
                    subject_key, severity, summary, link, title, status, not_before, created_at, attempts)
                values (?, ?, ?, 'EMAIL', ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, 0) on conflict do nothing""",
                new Rows(requests.size(), (ps, i) -> {
                    var r = requests.get(i);
                    var about = r.about();
                    ps.setObject(1, ids.get(i));
                    ps.setString(2, r.idempotencyKey());
                    ps.setString(3, r.kind().name());
                    ps.setString(4, r.to().address());
                    ps.setString(5, about.type().code());
                    ps.setString(6, about.id());
                    text(ps, 7, truncate(about.key(), 100));
                    if (about.severity() == null) {
                        ps.setNull(8, Types.INTEGER);
                    } else {
                        ps.setInt(8, about.severity());
                    }
                    text(ps, 9, truncate(about.summary(), 500));
                    text(ps, 10, truncate(about.link(), 2000));
                    ps.setString(11, truncate(r.content().subject(), 1000));
                    ps.setTimestamp(12, ts(r.notBefore() == null ? now : r.notBefore()));
                    ps.setTimestamp(13, ts(now));
                }));
        var inserted = new ArrayList<Integer>();
        var unsure = new ArrayList<UUID>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                unsure.add(ids.get(i));
            }
            if (counts[i] != 0) {
                inserted.add(i);
            }
        }
        if (!unsure.isEmpty()) {
            // A driver that does not count batched rows: ask which of our ids made it.
            var present = new java.util.HashSet<>(jdbc.sql("select id from notify_delivery where id in (:ids)")
                    .param("ids", unsure).query(UUID.class).list());
            inserted.removeIf(i -> unsure.contains(ids.get(i)) && !present.contains(ids.get(i)));
        }
        if (inserted.isEmpty()) {
            return 0;
        }
        batch.batchUpdate("""
                insert into notify_mail (delivery_id, locale, text_body, html_body, list_unsubscribe, one_click)
                values (?, ?, ?, ?, ?, ?)""", new Rows(inserted.size(), (ps, n) -> {
            int i = inserted.get(n);
            var content = requests.get(i).content();
            ps.setObject(1, ids.get(i));
            ps.setString(2, requests.get(i).to().locale().toLanguageTag());
            ps.setString(3, content.text());
            text(ps, 4, content.html());
            text(ps, 5, content.unsubscribe() == null ? null : content.unsubscribe().header());
            ps.setBoolean(6, content.unsubscribe() != null && content.unsubscribe().oneClick());
        }));
        var files = new ArrayList<Object[]>();
        for (int i : inserted) {
            var attachments = requests.get(i).content().attachments();
            for (int p = 0; p < attachments.size(); p++) {
                var a = attachments.get(p);
                files.add(new Object[] {ids.get(i), p, a.name(), a.contentType(), a.content()});
            }
        }
        if (!files.isEmpty()) {
            batch.batchUpdate("insert into notify_mail_attachment (delivery_id, position, name, content_type, content)"
                    + " values (?, ?, ?, ?, ?)", files);
        }
        if (inserted.stream().anyMatch(i -> requests.get(i).notBefore() == null || !requests.get(i).notBefore().isAfter(now))) {
            wakeUp.queued();
        }
        return inserted.size();
    }

    private static void text(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private interface RowSetter {
        void set(PreparedStatement ps, int i) throws SQLException;
    }

    private record Rows(int size, RowSetter setter) implements org.springframework.jdbc.core.BatchPreparedStatementSetter {

        @Override
        public void setValues(PreparedStatement ps, int i) throws SQLException {
            setter.set(ps, i);
        }

        @Override
        public int getBatchSize() {
            return size;
        }
    }
}
