package io.tocsin.notify.internal;

import static io.tocsin.notify.internal.DeliveryRows.truncate;
import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

import io.tocsin.identity.SecretBox;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.DeliveryEvents;
import io.tocsin.notify.DeliveryStatus;
import io.tocsin.notify.NotifySettings;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the signed HTTP bodies of the outbox (issue 11 point 6): picks a batch of due ones, claims each with a
 * conditional update ({@code PENDING -> SENDING}, so two workers or nodes never send one twice), POSTs them in
 * parallel on virtual threads through the SSRF guard (addresses checked again and pinned, no redirects), and records
 * each outcome as {@link HttpOutcome} decides: sent, retried with backoff (no sooner than the endpoint's
 * {@code Retry-After}), or failed for good. The final outcome is published as {@link DeliveryEvents.HttpFinished}.
 */
@Component
class HttpDeliveries {

    private static final Logger log = LoggerFactory.getLogger(HttpDeliveries.class);
    private static final int MAX_ANSWER = 65_536;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NotifySettings settings;
    private final SecretBox box;
    private final CapturedMessages captured;
    private final ApplicationEventPublisher events;
    private final WebhookTargetGuard guard = WebhookTargetGuard.system();

    HttpDeliveries(JdbcClient jdbc, TransactionTemplate tx, Clock clock, NotifySettings settings, SecretBox box,
            CapturedMessages captured, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.box = box;
        this.captured = captured;
        this.events = events;
    }

    private record Claimed(UUID id, String key, int attempt, String url, String event, String body, String secret,
            boolean privateAllowed, String echo) {
    }

    private record Answer(Integer status, HttpOutcome outcome) {
    }

    DeliveryWorker.Round deliverBatch() {
        int limit = settings.getWorker().getBatchSize();
        var now = clock.instant();
        var due = jdbc.sql("select id from notify_delivery where status = 'PENDING' and contact_method_id is null"
                        + " and channel = 'WEBHOOK' and not_before <= ? order by not_before, created_at limit ?")
                .params(ts(now), limit).query(UUID.class).list();
        var claimed = new ArrayList<Claimed>();
        for (var id : due) {
            tx.execute(s -> claim(id, now)).ifPresent(claimed::add);
        }
        try (var sending = Executors.newVirtualThreadPerTaskExecutor()) {
            claimed.forEach(c -> sending.submit(() -> record(c, send(c))));
        }
        return new DeliveryWorker.Round(claimed.size(), due.size() == limit);
    }

    private Optional<Claimed> claim(UUID id, Instant now) {
        int mine = jdbc.sql("update notify_delivery set status = 'SENDING', claimed_at = ?, attempts = attempts + 1"
                        + " where id = ? and status = 'PENDING' and not_before <= ?")
                .params(ts(now), id, ts(now)).update();
        if (mine == 0) {
            return Optional.empty();
        }
        var row = jdbc.sql("""
                select d.idempotency_key, d.attempts, b.url, b.event, b.body, b.secret, b.private_target_allowed, b.echo
                from notify_delivery d join notify_http_body b on b.delivery_id = d.id where d.id = ?""").param(id)
                .query((rs, n) -> new Claimed(id, rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), box.open(rs.getString(6), DeliveryRows.HTTP_SECRET_CONTEXT), rs.getBoolean(7), rs.getString(8)))
                .optional();
        if (row.isEmpty()) {
            jdbc.sql("update notify_delivery set status = 'CANCELLED', last_error = 'body missing' where id = ?")
                    .param(id).update();
            return Optional.empty();
        }
        jdbc.sql("insert into notify_delivery_attempt (delivery_id, attempt, started_at, outcome) values (?, ?, ?, 'SENDING')")
                .params(id, row.get().attempt(), ts(now)).update();
        return row;
    }

    private Answer send(Claimed c) {
        if (captured.on()) {
            captured.keep(ContactMethodType.WEBHOOK, c.url(), c.event(), c.body());
            return new Answer(200, HttpOutcome.of(200, null, c.echo(), c.echo(), clock.instant()));
        }
        WebhookTargetGuard.Target target;
        try {
            target = guard.check(c.url(), c.privateAllowed());
        } catch (WebhookTargetGuard.Refused e) {
            return new Answer(null, new HttpOutcome(false, false, null, "refused target: " + e.getMessage()));
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        var config = settings.getWebhook();
        try (var client = PinnedHttpClients.forTarget(target, config.getConnectTimeout(), config.getResponseTimeout())) {
            var post = new HttpPost(target.uri());
            post.setEntity(new StringEntity(c.body(), ContentType.APPLICATION_JSON));
            post.setHeader("User-Agent", "Tocsin-Webhook/1");
            post.setHeader("X-Tocsin-Event", c.event());
            post.setHeader("X-Tocsin-Delivery", c.id().toString());
            post.setHeader("X-Tocsin-Timestamp", timestamp);
            post.setHeader("X-Tocsin-Signature", "v1=" + WebhookChannel.sign(c.secret(), timestamp, c.body()));
            return client.execute(post, response -> {
                var retryAfter = response.getFirstHeader("Retry-After");
                String answer = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), MAX_ANSWER);
                return new Answer(response.getCode(), HttpOutcome.of(response.getCode(),
                        retryAfter == null ? null : retryAfter.getValue(), answer, c.echo(), clock.instant()));
            });
        } catch (IOException e) {
            return new Answer(null, new HttpOutcome(false, true, null, "unreachable: " + e.getClass().getSimpleName()
                    + " " + e.getMessage()));
        }
    }

    private void record(Claimed c, Answer answer) {
        var now = clock.instant();
        var outcome = answer.outcome();
        var retries = RetryPolicy.forPages(settings);
        boolean retry = !outcome.sent() && retries.retries(outcome.transientFailure(), c.attempt());
        String error = truncate(outcome.error(), 2000);
        tx.executeWithoutResult(s -> {
            DeliveryStatus status;
            if (outcome.sent()) {
                status = DeliveryStatus.SENT;
                jdbc.sql("update notify_delivery set status = 'SENT', sent_at = ?, http_status = ?, last_error = null"
                        + " where id = ? and status = 'SENDING' and attempts = ?")
                        .params(ts(now), answer.status(), c.id(), c.attempt()).update();
            } else if (retry) {
                status = DeliveryStatus.PENDING;
                var backoff = retries.backoff(c.attempt());
                Duration delay = outcome.retryAfter() != null && outcome.retryAfter().compareTo(backoff) > 0
                        ? outcome.retryAfter() : backoff;
                jdbc.sql("update notify_delivery set status = 'PENDING', not_before = ?, last_error = ?, http_status = ?"
                        + " where id = ? and status = 'SENDING' and attempts = ?")
                        .params(ts(now.plus(delay)), error, answer.status(), c.id(), c.attempt()).update();
                log.info("Signed HTTP delivery {} attempt {} failed ({}); retrying in {}", c.id(), c.attempt(), error,
                        delay);
            } else {
                status = DeliveryStatus.FAILED;
                jdbc.sql("update notify_delivery set status = 'FAILED', last_error = ?, http_status = ?"
                        + " where id = ? and status = 'SENDING' and attempts = ?")
                        .params(error, answer.status(), c.id(), c.attempt()).update();
                log.info("Signed HTTP delivery {} failed for good after {} attempt(s): {}", c.id(), c.attempt(), error);
            }
            jdbc.sql("update notify_delivery_attempt set finished_at = ?, outcome = ?, error = ?"
                            + " where delivery_id = ? and attempt = ? and outcome = 'SENDING'")
                    .params(ts(now), status == DeliveryStatus.PENDING ? "RETRY" : status.name(),
                            answer.status() == null ? error : "HTTP " + answer.status()
                                    + (error == null ? "" : ": " + error), c.id(), c.attempt())
                    .update();
            if (status != DeliveryStatus.PENDING) {
                // Sent or given up: the body and its secret are not kept; the delivery row stays as the log.
                jdbc.sql("delete from notify_http_body where delivery_id = ?").param(c.id()).update();
                events.publishEvent(new DeliveryEvents.HttpFinished(c.id(), c.key(), status, answer.status(), error,
                        now));
            }
        });
    }
}
