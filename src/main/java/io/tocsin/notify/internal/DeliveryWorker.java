package io.tocsin.notify.internal;

import static io.tocsin.notify.internal.DeliveryRows.truncate;
import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

import io.tocsin.identity.Identity;
import io.tocsin.identity.SecretBox;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.ChannelException;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.DeliveryEvents;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.DeliveryStatus;
import io.tocsin.notify.NotificationChannel;
import io.tocsin.notify.NotifySettings;
import io.tocsin.notify.OutgoingMessage;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds. Each due delivery is claimed in its own short transaction with
 * {@code FOR UPDATE SKIP LOCKED} and marked {@code SENDING} before the provider is called, so two workers (or two
 * nodes) never send it twice; the result is recorded afterwards. Crash window: if a node dies after the provider
 * accepted a message but before the result is recorded, the delivery stays {@code SENDING}; once its lease has
 * passed it goes out again ({@link StaleDeliveries}), because a missed page is worse than a duplicate.
 * Within the claim, SMS and voice pages are held back by the per-method rate limit and, when one may go, the
 * held-back pages to the same method are bundled into it. Mail to addresses is claimed and sent in batches by
 * {@link MailDeliveries}, and signed HTTP bodies by {@link HttpDeliveries}, taking turns with the pages.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NotifySettings settings;
    private final Map<ContactMethodType, NotificationChannel> channels = new EnumMap<>(ContactMethodType.class);
    private final Identity identity;
    private final AnswerTokens tokens;
    private final PublicUrls urls;
    private final MailDeliveries mail;
    private final HttpDeliveries http;
    private final StaleDeliveries stale;
    private final SecretBox secrets;
    private final ApplicationEventPublisher events;

    DeliveryWorker(JdbcClient jdbc, TransactionTemplate tx, Clock clock, NotifySettings settings,
            List<NotificationChannel> channels, Identity identity, AnswerTokens tokens, PublicUrls urls,
            MailDeliveries mail, HttpDeliveries http, StaleDeliveries stale, SecretBox secrets, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        channels.forEach(c -> this.channels.putIfAbsent(c.type(), c));
        this.identity = identity;
        this.tokens = tokens;
        this.urls = urls;
        this.mail = mail;
        this.http = http;
        this.stale = stale;
        this.secrets = secrets;
        this.events = events;
    }

    private record Claimed(UUID id, int attempt, List<UUID> bundled, OutgoingMessage message) {
    }

    /** What one batch did: how many it handed over, and whether more may be due right away. */
    record Round(int sent, boolean more) {
    }

    /**
     * Sends every delivery that is due now and returns how many were handed to a channel. Pages and mail to
     * addresses take turns batch by batch, so a burst of ten thousand stakeholder mails delays a page by one mail
     * batch at most.
     */
    public int deliverDue() {
        stale.recover();
        int sent = 0;
        while (true) {
            var pages = deliverPageBatch();
            var mails = mail.deliverBatch();
            var posts = http.deliverBatch();
            sent += pages.sent() + mails.sent() + posts.sent();
            if (!pages.more() && !mails.more() && !posts.more()) {
                return sent;
            }
        }
    }

    /** One batch of due pages. */
    private Round deliverPageBatch() {
        int batch = settings.getWorker().getBatchSize();
        var now = clock.instant();
        var due = jdbc.sql("select id from notify_delivery where status = 'PENDING' and contact_method_id is not null"
                        + " and not_before <= ? order by not_before, created_at limit ?")
                .params(ts(now), batch).query(UUID.class).list();
        var claimed = new ArrayList<Claimed>();
        for (var id : due) {
            var one = tx.execute(s -> claim(id, now));
            if (one != null && one.isPresent()) {
                claimed.add(one.get());
            }
        }
        // Provider calls are slow and independent: send the claimed batch in parallel on virtual threads.
        try (var sending = Executors.newVirtualThreadPerTaskExecutor()) {
            claimed.forEach(c -> sending.submit(() -> send(c)));
        }
        // A short batch means nothing more is due; rows another worker holds were skipped and are its to send.
        return new Round(claimed.size(), due.size() == batch);
    }

    private Optional<Claimed> claim(UUID id, Instant now) {
        var row = jdbc.sql("select id, kind, user_id, contact_method_id, channel, destination, subject_type, subject_id,"
                        + " subject_key, severity, summary, link, verification_code, reply_ref, attempts, bundle_size"
                        + " from notify_delivery where id = ? and status = 'PENDING' and not_before <= ?"
                        + " and contact_method_id is not null for update skip locked")
                .params(id, ts(now)).query((rs, n) -> new Row(rs.getObject(1, UUID.class), DeliveryKind.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                        ContactMethodType.valueOf(rs.getString(5)), rs.getString(6), subject(rs.getString(7),
                        rs.getString(8), rs.getString(9), (Integer) rs.getObject(10), rs.getString(11), rs.getString(12)),
                        secrets.open(rs.getString(13), DeliveryRows.CODE_CONTEXT), (Integer) rs.getObject(14), rs.getInt(15),
                        (Integer) rs.getObject(16)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        var d = row.get();
        // Locking the contact method serialises the rate-limit decision for it across workers and nodes.
        var method = jdbc.sql("select webhook_secret, private_target_allowed, verified_at, opted_out_at from contact_method"
                        + " where id = ? for update")
                .param(d.contactMethodId()).query((rs, n) -> new Method(rs.getString(1), rs.getBoolean(2),
                        rs.getTimestamp(3) != null, rs.getTimestamp(4) != null)).optional();
        if (method.isEmpty()) {
            return cancel(d.id(), "contact method deleted");
        }
        if (d.kind() != DeliveryKind.VERIFICATION && (!method.get().verified() || method.get().optedOut())) {
            return cancel(d.id(), method.get().optedOut() ? "recipient opted out" : "contact method not verified");
        }
        var kind = d.kind();
        var bundled = new ArrayList<OutgoingMessage.BundledPage>();
        var bundledIds = new ArrayList<UUID>();
        if (d.channel().telephony() && kind != DeliveryKind.VERIFICATION) {
            var limits = settings.getRateLimits();
            var policy = new RateLimitPolicy(limits.getWindow(), limits.perWindow(d.channel()), limits.getMinInterval());
            var recent = jdbc.sql("select claimed_at from notify_delivery where contact_method_id = ?"
                            + " and kind in ('PAGE', 'BUNDLE') and status in ('SENDING', 'SENT') and claimed_at > ?")
                    .params(d.contactMethodId(), ts(now.minus(limits.getWindow())))
                    .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
            var allowed = policy.nextAllowed(now, recent);
            if (allowed.isAfter(now)) {
                jdbc.sql("update notify_delivery set not_before = ? where id = ?").params(ts(allowed), d.id()).update();
                log.debug("Delivery {} held back by the {} rate limit until {}", d.id(), d.channel(), allowed);
                return Optional.empty();
            }
            var waiting = jdbc.sql("select id from notify_delivery where contact_method_id = ? and status = 'PENDING'"
                            + " and kind = 'PAGE' and not_before <= ? and id <> ? order by created_at for update skip locked")
                    .params(d.contactMethodId(), ts(now), d.id()).query(UUID.class).list();
            if (!waiting.isEmpty() || kind == DeliveryKind.BUNDLE) {
                for (var other : waiting) {
                    jdbc.sql("update notify_delivery set status = 'BUNDLED', bundle_id = ? where id = ?")
                            .params(d.id(), other).update();
                }
                bundled.add(new OutgoingMessage.BundledPage(d.subject(), d.replyRef()));
                jdbc.sql("select subject_type, subject_id, subject_key, severity, summary, link, reply_ref, id"
                                + " from notify_delivery where bundle_id = ? order by created_at")
                        .param(d.id()).query((rs, n) -> {
                            bundledIds.add(rs.getObject(8, UUID.class));
                            return new OutgoingMessage.BundledPage(subject(rs.getString(1), rs.getString(2),
                                    rs.getString(3), (Integer) rs.getObject(4), rs.getString(5), rs.getString(6)),
                                    (Integer) rs.getObject(7));
                        }).list().forEach(bundled::add);
                kind = DeliveryKind.BUNDLE;
                jdbc.sql("update notify_delivery set kind = 'BUNDLE', bundle_size = ? where id = ?")
                        .params(bundled.size(), d.id()).update();
            }
        }
        int attempt = d.attempts() + 1;
        jdbc.sql("update notify_delivery set status = 'SENDING', claimed_at = ?, attempts = ? where id = ?")
                .params(ts(now), attempt, d.id()).update();
        jdbc.sql("insert into notify_delivery_attempt (delivery_id, attempt, started_at, outcome) values (?, ?, ?, 'SENDING')")
                .params(d.id(), attempt, ts(now)).update();
        String ackUrl = null;
        String resolveUrl = null;
        if (kind == DeliveryKind.PAGE && d.subject() != null
                && (d.channel() == ContactMethodType.EMAIL || d.channel() == ContactMethodType.WEBHOOK
                        || d.channel() == ContactMethodType.PUSH || d.channel() == ContactMethodType.CHAT)) {
            var expires = now.plus(settings.getAnswerTokenTtl());
            ackUrl = urls.answerLink(tokens.issue(d.id(), d.userId(), d.subject(), AnswerAction.ACKNOWLEDGE, expires));
            resolveUrl = urls.answerLink(tokens.issue(d.id(), d.userId(), d.subject(), AnswerAction.RESOLVE, expires));
        }
        var user = identity.findUser(d.userId());
        var message = new OutgoingMessage(d.id(), kind, d.channel(), d.destination(), method.get().webhookSecret(),
                method.get().privateTargetAllowed(), user.map(u -> u.name()).orElse(""),
                user.map(u -> u.locale()).orElse(Locale.ENGLISH), user.map(u -> u.zone()).orElse(ZoneOffset.UTC),
                d.subject(), d.replyRef(), bundled, d.verificationCode(), ackUrl, resolveUrl,
                d.channel() == ContactMethodType.VOICE && kind != DeliveryKind.VERIFICATION ? urls.voiceGather(d.id()) : null);
        return Optional.of(new Claimed(d.id(), attempt, bundledIds, message));
    }

    private void send(Claimed claimed) {
        var channel = channels.get(claimed.message().channel());
        String providerId;
        try {
            if (channel == null) {
                throw new ChannelException("no " + claimed.message().channel() + " channel is available", false);
            }
            providerId = channel.send(claimed.message());
        } catch (ChannelException e) {
            failed(claimed, e.getMessage(), e.transientFailure(), e.retryAfter());
            return;
        } catch (RuntimeException e) {
            log.warn("Channel {} failed unexpectedly for delivery {}", claimed.message().channel(), claimed.id(), e);
            failed(claimed, e.getClass().getSimpleName() + ": " + e.getMessage(), true, null);
            return;
        }
        var now = clock.instant();
        tx.executeWithoutResult(s -> {
            int n = jdbc.sql("""
                    update notify_delivery set status = 'SENT', sent_at = ?, provider_id = ?, verification_code = null,
                    last_error = null where id = ? and status = 'SENDING' and attempts = ?""")
                    .params(ts(now), truncate(providerId, 200), claimed.id(), claimed.attempt()).update();
            if (n == 0) {
                log.warn("Delivery {} was sent, but meanwhile taken over after its lease: a duplicate may follow", claimed.id());
            }
            jdbc.sql("update notify_delivery set sent_at = ?, provider_id = ? where bundle_id = ?")
                    .params(ts(now), truncate(providerId, 200), claimed.id()).update();
            finishAttempt(claimed, now, "SENT", providerId, null);
            if (n > 0) {
                finished(claimed, DeliveryStatus.SENT, now);
            }
        });
    }

    private void failed(Claimed claimed, String error, boolean transientFailure, java.time.Duration retryAfter) {
        var now = clock.instant();
        var retries = RetryPolicy.forPages(settings);
        boolean retry = retries.retries(transientFailure, claimed.attempt());
        String message = truncate(error, 2000);
        tx.executeWithoutResult(s -> {
            if (retry) {
                var backoff = retries.backoff(claimed.attempt());
                // A provider's Retry-After is a floor: never sooner than it asked, never sooner than our backoff.
                var delay = retryAfter != null && retryAfter.compareTo(backoff) > 0 ? retryAfter : backoff;
                jdbc.sql("update notify_delivery set status = 'PENDING', not_before = ?, last_error = ?"
                                + " where id = ? and status = 'SENDING' and attempts = ?")
                        .params(ts(now.plus(delay)), message, claimed.id(), claimed.attempt()).update();
                log.info("Delivery {} attempt {} failed ({}); retrying in {}", claimed.id(), claimed.attempt(), error, delay);
            } else {
                jdbc.sql("update notify_delivery set status = 'FAILED', last_error = ?, verification_code = null"
                                + " where id = ? and status = 'SENDING' and attempts = ?")
                        .params(message, claimed.id(), claimed.attempt()).update();
                jdbc.sql("update notify_delivery set status = 'FAILED', last_error = ? where bundle_id = ?")
                        .params("bundle " + claimed.id() + " failed: " + message, claimed.id()).update();
                log.warn("Delivery {} failed for good after {} attempt(s): {}", claimed.id(), claimed.attempt(), error);
                finished(claimed, DeliveryStatus.FAILED, now);
            }
            finishAttempt(claimed, now, retry ? "RETRY" : "FAILED", null, message);
        });
    }

    /** Tells the counting modules (reports) how the delivery, and the pages it carried in a bundle, ended. */
    private void finished(Claimed claimed, DeliveryStatus status, Instant now) {
        events.publishEvent(new DeliveryEvents.Finished(claimed.id(), status, now));
        claimed.bundled().forEach(id -> events.publishEvent(new DeliveryEvents.Finished(id, status, now)));
    }

    private void finishAttempt(Claimed claimed, Instant now, String outcome, String providerId, String error) {
        jdbc.sql("update notify_delivery_attempt set finished_at = ?, outcome = ?, provider_id = ?, error = ?"
                        + " where delivery_id = ? and attempt = ? and outcome = 'SENDING'")
                .params(ts(now), outcome, truncate(providerId, 200), error, claimed.id(), claimed.attempt()).update();
    }

    private Optional<Claimed> cancel(UUID id, String reason) {
        jdbc.sql("update notify_delivery set status = 'CANCELLED', last_error = ? where id = ?").params(reason, id).update();
        log.info("Delivery {} cancelled: {}", id, reason);
        return Optional.empty();
    }

    private static Subject subject(String type, String id, String key, Integer severity, String summary, String link) {
        return type == null || id == null ? null : new Subject(SubjectType.of(type), id, key, severity,
                summary, link);
    }

    private record Row(UUID id, DeliveryKind kind, UUID userId, UUID contactMethodId, ContactMethodType channel,
            String destination, Subject subject, String verificationCode, Integer replyRef, int attempts,
            Integer bundleSize) {
    }

    private record Method(String webhookSecret, boolean privateTargetAllowed, boolean verified, boolean optedOut) {
    }
}
