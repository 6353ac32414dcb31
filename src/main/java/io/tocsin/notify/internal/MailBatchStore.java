package io.tocsin.notify.internal;

import static io.tocsin.notify.internal.DeliveryRows.truncate;
import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.tocsin.notify.MailAttachment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database side of sending mail to addresses: claiming a batch, and recording what came of it. Each is one
 * short transaction; no transaction stays open while the SMTP server is talked to.
 */
@Component
class MailBatchStore {

    private static final Logger log = LoggerFactory.getLogger(MailBatchStore.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final boolean lockWithLimit;

    MailBatchStore(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.lockWithLimit = !"H2".equals(databaseProduct(dataSource));
    }

    /** One claimed mail, with everything needed to send it. {@code text} is null if its content was lost. */
    record Claimed(UUID id, int attempt, String to, String subject, Locale locale, String text, String html,
            String listUnsubscribe, boolean oneClick, List<MailAttachment> attachments) {
    }

    /** A claimed batch, and whether more mail may be due right away (the pick was full). */
    record Batch(List<Claimed> mails, boolean more) {
    }

    /** What came of one mail: the provider id when sent, else the failure. */
    record Outcome(Claimed mail, String providerId, SmtpFailures.Failure failure) {

        static Outcome sent(Claimed mail, String providerId) {
            return new Outcome(mail, providerId, null);
        }

        static Outcome failed(Claimed mail, SmtpFailures.Failure failure) {
            return new Outcome(mail, null, failure);
        }
    }

    /**
     * Claims up to {@code limit} due mails, oldest first, and marks them SENDING with a new attempt; rows another
     * worker has locked are skipped, so two workers or two nodes never claim the same mail.
     */
    Batch claim(Instant now, int limit) {
        return tx.execute(s -> {
            var due = lockDue(now, limit);
            var ids = due.locked();
            if (ids.isEmpty()) {
                return new Batch(List.of(), due.more());
            }
            jdbc.sql("update notify_delivery set status = 'SENDING', claimed_at = :now, attempts = attempts + 1"
                    + " where id in (:ids)").param("now", ts(now)).param("ids", ids).update();
            var attachments = new HashMap<UUID, List<MailAttachment>>();
            jdbc.sql("select delivery_id, name, content_type, content from notify_mail_attachment"
                            + " where delivery_id in (:ids) order by delivery_id, position")
                    .param("ids", ids).query(rs -> {
                        attachments.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new MailAttachment(rs.getString(2), rs.getString(3), rs.getBytes(4)));
                    });
            Map<UUID, Claimed> byId = new HashMap<>();
            jdbc.sql("""
                    select d.id, d.attempts, d.destination, d.title, m.locale, m.text_body, m.html_body,
                           m.list_unsubscribe, m.one_click
                    from notify_delivery d left join notify_mail m on m.delivery_id = d.id where d.id in (:ids)""")
                    .param("ids", ids).query(rs -> {
                        var id = rs.getObject(1, UUID.class);
                        String locale = rs.getString(5);
                        byId.put(id, new Claimed(id, rs.getInt(2), rs.getString(3), rs.getString(4),
                                locale == null ? Locale.ENGLISH : Locale.forLanguageTag(locale), rs.getString(6),
                                rs.getString(7), rs.getString(8), rs.getBoolean(9), attachments.getOrDefault(id, List.of())));
                    });
            var claimed = ids.stream().map(byId::get).toList();
            batch.batchUpdate("insert into notify_delivery_attempt (delivery_id, attempt, started_at, outcome)"
                    + " values (?, ?, ?, 'SENDING')", claimed.stream()
                    .map(c -> new Object[] {c.id(), c.attempt(), ts(now)}).toList());
            return new Batch(claimed, due.more());
        });
    }

    private record Due(List<UUID> locked, boolean more) {
    }

    /**
     * The due mails this claim may send, locked. H2 locks every row matching a {@code FOR UPDATE} before it applies
     * the {@code LIMIT} (so one claim would lock the whole burst): there the batch is picked by a plain query and
     * then locked by primary key, re-checking that each is still pending.
     */
    private Due lockDue(Instant now, int limit) {
        String due = "select id from notify_delivery where status = 'PENDING' and contact_method_id is null"
                + " and channel = 'EMAIL' and not_before <= :now order by not_before, created_at limit :limit";
        if (lockWithLimit) {
            var locked = jdbc.sql(due + " for update skip locked").param("now", ts(now)).param("limit", limit)
                    .query(UUID.class).list();
            return new Due(locked, locked.size() == limit);
        }
        var picked = jdbc.sql(due).param("now", ts(now)).param("limit", limit).query(UUID.class).list();
        if (picked.isEmpty()) {
            return new Due(picked, false);
        }
        var locked = new java.util.HashSet<>(jdbc.sql("select id from notify_delivery where id in (:ids)"
                        + " and status = 'PENDING' and not_before <= :now for update skip locked")
                .param("ids", picked).param("now", ts(now)).query(UUID.class).list());
        return new Due(picked.stream().filter(locked::contains).toList(), picked.size() == limit);
    }

    private static String databaseProduct(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database holds the outbox", e);
        }
    }

    /**
     * Records a batch's outcomes in one transaction: sent mails lose their stored content (the log keeps who, when
     * and the subject line), transient failures wait for their retry, the rest failed for good. A mail whose lease
     * ran out meanwhile (taken over as if this node had died) is left to whoever took it.
     */
    void record(List<Outcome> outcomes, Instant now, RetryPolicy retries) {
        var sent = outcomes.stream().filter(o -> o.failure() == null).toList();
        var failed = outcomes.stream().filter(o -> o.failure() != null).toList();
        tx.executeWithoutResult(s -> {
            var counts = batch.batchUpdate("""
                    update notify_delivery set status = 'SENT', sent_at = ?, provider_id = ?, last_error = null
                    where id = ? and status = 'SENDING' and attempts = ?""", sent.stream().map(o -> new Object[] {
                    ts(now), truncate(o.providerId(), 200), o.mail().id(), o.mail().attempt()}).toList());
            var done = new ArrayList<UUID>();
            for (int i = 0; i < sent.size(); i++) {
                if (counts[i] == 0) {
                    log.warn("Mail {} was sent, but meanwhile taken over after its lease: a duplicate may follow",
                            sent.get(i).mail().id());
                } else {
                    done.add(sent.get(i).mail().id());
                }
            }
            for (int from = 0; from < done.size(); from += 500) {
                var chunk = done.subList(from, Math.min(done.size(), from + 500));
                jdbc.sql("delete from notify_mail_attachment where delivery_id in (:ids)").param("ids", chunk).update();
                jdbc.sql("delete from notify_mail where delivery_id in (:ids)").param("ids", chunk).update();
            }
            var retry = new ArrayList<Object[]>();
            var giveUp = new ArrayList<Object[]>();
            for (var o : failed) {
                String error = truncate(o.failure().message(), 2000);
                if (retries.retries(!o.failure().permanent(), o.mail().attempt())) {
                    var at = now.plus(retries.backoff(o.mail().attempt()));
                    retry.add(new Object[] {ts(at), error, o.mail().id(), o.mail().attempt()});
                    log.info("Mail {} attempt {} failed ({}); retrying at {}", o.mail().id(), o.mail().attempt(), error, at);
                } else {
                    giveUp.add(new Object[] {error, o.mail().id(), o.mail().attempt()});
                    log.warn("Mail {} to {} failed for good after {} attempt(s): {}", o.mail().id(), o.mail().to(),
                            o.mail().attempt(), error);
                }
            }
            batch.batchUpdate("update notify_delivery set status = 'PENDING', not_before = ?, last_error = ?"
                    + " where id = ? and status = 'SENDING' and attempts = ?", retry);
            batch.batchUpdate("update notify_delivery set status = 'FAILED', last_error = ?"
                    + " where id = ? and status = 'SENDING' and attempts = ?", giveUp);
            // No nulls in batch parameters: a typeless null makes the PostgreSQL driver ask the server for every row.
            batch.batchUpdate("update notify_delivery_attempt set finished_at = ?, outcome = 'SENT', provider_id = ?"
                    + " where delivery_id = ? and attempt = ? and outcome = 'SENDING'", sent.stream().map(o -> new Object[] {
                    ts(now), truncate(o.providerId(), 200), o.mail().id(), o.mail().attempt()}).toList());
            batch.batchUpdate("update notify_delivery_attempt set finished_at = ?, outcome = ?, error = ?"
                    + " where delivery_id = ? and attempt = ? and outcome = 'SENDING'", failed.stream().map(o -> new Object[] {
                    ts(now), retries.retries(!o.failure().permanent(), o.mail().attempt()) ? "RETRY" : "FAILED",
                    truncate(o.failure().message(), 2000), o.mail().id(), o.mail().attempt()}).toList());
        });
    }
}
