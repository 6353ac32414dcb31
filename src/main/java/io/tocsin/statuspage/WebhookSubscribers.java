package io.tocsin.statuspage;

import io.swagger.v3.oas.annotations.media.Schema;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.SecretBox;
import io.tocsin.notify.DeliveryEvents;
import io.tocsin.notify.DeliveryStatus;
import io.tocsin.notify.HttpTargets;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.Notifications;
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
            int consecutiveFailures, String lastError, Instant createdAt, Instant confirmedAt, Instant disabledAt,
            List<UUID> components) {
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

    /** Registers the endpoint for every component of the page. */
    public Registered register(UUID pageId, String url, String ownerEmail, String language) {
        return register(pageId, url, ownerEmail, language, List.of());
    }

    /**
     * Registers the endpoint (pending) for the chosen components (none chosen: all of the page) and queues its test
     * ping; the secret is in the answer and nowhere else.
     */
    public Registered register(UUID pageId, String url, String ownerEmail, String language, List<UUID> components) {
        var page = pages.page(pageId);
        var v = new ArrayList<SubscriptionRefused.Refusal>();
        String target = url == null ? "" : url.strip();
        HttpTargets.problem(target, settings.allowHttp(), settings.allowPrivateTargets())
                .ifPresent(p -> v.add(new SubscriptionRefused.Refusal("url", urlReason(target), p)));
        String owner = ownerEmail == null ? "" : ownerEmail.strip().toLowerCase(Locale.ROOT);
        MailRecipient.problem(owner).ifPresent(p -> v.add(new SubscriptionRefused.Refusal("email", owner.isEmpty()
                ? SubscriptionRefused.Reason.EMAIL_MISSING : SubscriptionRefused.Reason.EMAIL_INVALID, p)));
        var chosen = new LinkedHashSet<UUID>(components == null ? List.of() : components);
        chosen.remove(null);
        if (!chosen.isEmpty() && !new HashSet<>(jdbc.sql("select id from status_component where page_id = ?")
                .param(pageId).query(UUID.class).list()).containsAll(chosen)) {
            v.add(new SubscriptionRefused.Refusal("components", SubscriptionRefused.Reason.COMPONENTS_UNKNOWN,
                    "not components of this page"));
        }
        if (!v.isEmpty()) {
            throw new SubscriptionRefused(v);
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
        for (var component : chosen) {
            jdbc.sql("insert into status_webhook_subscriber_component (subscriber_id, component_id) values (?, ?)")
                    .params(id, component).update();
        }
        messages.queuePing(page, id, target, secret, challenge, settings.allowPrivateTargets());
        return new Registered(id, target, State.PENDING, secret);
    }

    @Transactional(readOnly = true)
    public List<Subscriber> list(UUID pageId) {
        pages.page(pageId);
        var chosen = new HashMap<UUID, List<UUID>>();
        jdbc.sql("""
                select c.subscriber_id, c.component_id from status_webhook_subscriber_component c
                join status_webhook_subscriber s on s.id = c.subscriber_id where s.page_id = ?
                order by c.subscriber_id, c.component_id""").param(pageId).query(rs -> {
                    chosen.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getObject(2, UUID.class));
                });
        return jdbc.sql("select * from status_webhook_subscriber where page_id = ? order by created_at, id")
                .param(pageId).query((rs, n) -> new Subscriber(rs.getObject("id", UUID.class),
                        rs.getObject("page_id", UUID.class), rs.getString("url"), rs.getString("owner_email"),
                        rs.getString("language"), State.valueOf(rs.getString("state")), rs.getInt("consecutive_failures"),
                        rs.getString("last_error"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("confirmed_at")), instant(rs.getTimestamp("disabled_at")),
                        List.copyOf(chosen.getOrDefault(rs.getObject("id", UUID.class), List.of()))))
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

    /**
     * Why a refused URL was refused, for the visitor's language: missing, not https, a target the SSRF guard
     * refuses (it is a well-formed URL that passes once private targets are allowed), or not a usable URL.
     */
    private SubscriptionRefused.Reason urlReason(String target) {
        if (target.isEmpty()) {
            return SubscriptionRefused.Reason.URL_MISSING;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (!settings.allowHttp() && lower.startsWith("http:")) {
            return SubscriptionRefused.Reason.URL_NOT_HTTPS;
        }
        return !settings.allowPrivateTargets() && HttpTargets.problem(target, settings.allowHttp(), true).isEmpty()
                ? SubscriptionRefused.Reason.URL_UNSAFE : SubscriptionRefused.Reason.URL_INVALID;
    }
}
