package io.tocsin.statuspage;

import io.swagger.v3.oas.annotations.media.Schema;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.SecretBox;
import io.tocsin.notify.DeliveryEvents;
import io.tocsin.notify.DeliveryStatus;
import io.tocsin.notify.HttpTargets;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.Notifications;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.statuspage.internal.WebhookMessages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscribers of a status page (issue 11 point 6). Anyone may register an https endpoint and an owner's
 * address; the answer shows the signing secret once (it is kept sealed). The endpoint gets a signed test ping
 * first and must answer it with 2xx and the ping's challenge in its body: until then it gets nothing, so a
 * stranger's URL cannot be made a target by registering it. Every publication, update, resolution and
 * maintenance step then goes to it as a signed Statuspage-shaped body through notify's outbox (retries, backoff,
 * Retry-After, a delivery log); after {@link WebhookSettings#disableAfter} failed deliveries in a row it is
 * disabled and its owner told by mail.
 */
@Component
@Transactional
public class WebhookSubscribers {

    /** Idempotency-key prefixes of the deliveries, so their outcomes find their subscriber again. */
    public static final String PING = "statuspage:webhook-ping:";
    public static final String EVENT = "statuspage:webhook:";

    public enum State {
        PENDING, ACTIVE, DISABLED
    }

    @Schema(name = "StatusPageWebhookRegistration")
    public record Registered(UUID id, String url, State state, String secret) {
    }

    @Schema(name = "StatusPageWebhookSubscriber")
    public record Subscriber(UUID id, UUID pageId, String url, String ownerEmail, String language, State state,
            int consecutiveFailures, String lastError, Instant createdAt, Instant confirmedAt, Instant disabledAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The context the signing secrets are sealed under ({@link SecretBox}). */
    public static final String SECRET_CONTEXT = "status_webhook_subscriber.secret";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatusPages pages;
    private final WebhookSettings settings;
    private final SecretBox box;
    private final Notifications notifications;
    private final WebhookMessages messages;

    WebhookSubscribers(JdbcClient jdbc, Clock clock, StatusPages pages, WebhookSettings settings, SecretBox box,
            Notifications notifications, WebhookMessages messages) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pages = pages;
        this.settings = settings;
        this.box = box;
        this.notifications = notifications;
        this.messages = messages;
    }

    /** Registers the endpoint (pending) and queues its test ping; the secret is in the answer and nowhere else. */
    public Registered register(UUID pageId, String url, String ownerEmail, String language) {
        var page = pages.page(pageId);
        var v = new ArrayList<FieldViolation>();
        String target = url == null ? "" : url.strip();
        HttpTargets.problem(target, settings.allowHttp(), settings.allowPrivateTargets())
                .ifPresent(p -> v.add(new FieldViolation("url", p)));
        String owner = ownerEmail == null ? "" : ownerEmail.strip().toLowerCase(Locale.ROOT);
        MailRecipient.problem(owner).ifPresent(p -> v.add(new FieldViolation("email", p)));
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        String lang = language != null && StatusPages.LANGUAGES.contains(language) ? language : page.language();
        var id = UUID.randomUUID();
        String secret = "whsec_" + random(32);
        String challenge = random(24);
        jdbc.sql("""
                insert into status_webhook_subscriber (id, page_id, url, owner_email, language, secret, state, challenge,
                    created_at) values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(id, pageId, target, owner, lang, box.seal(secret, SECRET_CONTEXT), challenge,
                        Timestamp.from(clock.instant()))
                .update();
        messages.queuePing(page, id, target, secret, challenge, settings.allowPrivateTargets());
        return new Registered(id, target, State.PENDING, secret);
    }

    @Transactional(readOnly = true)
    public List<Subscriber> list(UUID pageId) {
        pages.page(pageId);
        return jdbc.sql("select * from status_webhook_subscriber where page_id = ? order by created_at, id")
                .param(pageId).query((rs, n) -> new Subscriber(rs.getObject("id", UUID.class),
                        rs.getObject("page_id", UUID.class), rs.getString("url"), rs.getString("owner_email"),
                        rs.getString("language"), State.valueOf(rs.getString("state")), rs.getInt("consecutive_failures"),
                        rs.getString("last_error"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("disabled_at"))))
                .list();
    }

    @Transactional(readOnly = true)
    public Subscriber get(UUID pageId, UUID id) {
        return list(pageId).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("webhook subscriber", id));
    }

    public void delete(UUID pageId, UUID id) {
        get(pageId, id);
        jdbc.sql("delete from status_webhook_subscriber where id = ?").param(id).update();
    }

    /** Puts a disabled (or never confirmed) endpoint back on trial: a new ping, and it is active once answered. */
    public Subscriber retry(UUID pageId, UUID id) {
        var s = get(pageId, id);
        String challenge = random(24);
        jdbc.sql("""
                update status_webhook_subscriber set state = 'PENDING', challenge = ?, consecutive_failures = 0,
                    disabled_at = null where id = ?""").params(challenge, id).update();
        messages.queuePing(pages.page(pageId), id, s.url(), secret(id), challenge, settings.allowPrivateTargets());
        return get(pageId, id);
    }

    /** The plain secret, for signing in the fan-out. */
    @Transactional(readOnly = true)
    public String secret(UUID id) {
        return box.open(jdbc.sql("select secret from status_webhook_subscriber where id = ?").param(id)
                .query(String.class).single(), SECRET_CONTEXT);
    }

    /**
     * How a delivery to a subscriber ended: a ping answered with its challenge activates it (an older ping's answer
     * does nothing); a delivered event clears its failure count; a failed one adds to it, and the
     * {@link WebhookSettings#disableAfter}th in a row disables it and mails its owner.
     */
    @ApplicationModuleListener
    void on(DeliveryEvents.HttpFinished e) {
        boolean ping = e.idempotencyKey().startsWith(PING);
        if (!ping && !e.idempotencyKey().startsWith(EVENT)) {
            return;
        }
        String rest = e.idempotencyKey().substring((ping ? PING : EVENT).length());
        var id = UUID.fromString(rest.substring(0, 36));
        var now = Timestamp.from(e.at());
        String error = e.error() == null ? null : e.error().length() > 2000 ? e.error().substring(0, 2000) : e.error();
        if (ping) {
            String challenge = rest.substring(37);
            if (e.status() == DeliveryStatus.SENT) {
                jdbc.sql("""
                        update status_webhook_subscriber set state = 'ACTIVE', confirmed_at = ?, last_error = null,
                            consecutive_failures = 0 where id = ? and state = 'PENDING' and challenge = ?""")
                        .params(now, id, challenge).update();
            } else {
                jdbc.sql("update status_webhook_subscriber set last_error = ? where id = ? and challenge = ?")
                        .params("test ping: " + error, id, challenge).update();
            }
            return;
        }
        if (e.status() == DeliveryStatus.SENT) {
            jdbc.sql("update status_webhook_subscriber set consecutive_failures = 0, last_error = null where id = ?")
                    .param(id).update();
            return;
        }
        jdbc.sql("update status_webhook_subscriber set consecutive_failures = consecutive_failures + 1, last_error = ?"
                + " where id = ?").params(error, id).update();
        int disabled = jdbc.sql("""
                update status_webhook_subscriber set state = 'DISABLED', disabled_at = ?
                where id = ? and state = 'ACTIVE' and consecutive_failures >= ?""")
                .params(now, id, settings.disableAfter()).update();
        if (disabled == 1) {
            var s = jdbc.sql("select page_id, url, owner_email, language from status_webhook_subscriber where id = ?")
                    .param(id).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)}).single();
            messages.queueDisabledNotice(pages.page(UUID.fromString(s[0])), id, s[1], s[2], s[3],
                    settings.disableAfter(), error);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
