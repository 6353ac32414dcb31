package io.tocsin.statuspage;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.notify.MailRecipient;
import io.tocsin.statuspage.internal.SubscriberMail;
import io.tocsin.statuspage.internal.SubscriberTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mail subscribers with double opt-in (issue 11 point 6): subscribing sends a confirmation link and nothing
 * else; only confirmed addresses get updates. The answer never says whether an address was already subscribed.
 */
@Component
@Transactional
public class Subscribers {

    static final String ALL = "*";

    public enum Outcome {
        CONFIRMED, UNSUBSCRIBED, INVALID
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatusPages pages;
    private final SubscriberMail mail;
    private final SubscriberTokens tokens;
    private final io.tocsin.identity.Identity identity;

    Subscribers(JdbcClient jdbc, Clock clock, StatusPages pages, SubscriberMail mail, SubscriberTokens tokens,
            io.tocsin.identity.Identity identity) {
        this.identity = identity;
        this.jdbc = jdbc;
        this.clock = clock;
        this.pages = pages;
        this.mail = mail;
        this.tokens = tokens;
    }

    /** Asks the address to confirm, for every component of the page. */
    public void subscribe(UUID pageId, String email, String language) {
        subscribe(pageId, email, language, List.of());
    }

    /**
     * Asks the address to confirm its subscription to the chosen components (none chosen: all of the page). The
     * same happens whether or not the address is known: a new address, one that has not confirmed yet and one
     * already subscribed each get a fresh confirmation link (the newest voids the older ones), and the choice
     * takes effect only when it is confirmed, so nobody learns from the answer or changes a stranger's choice.
     */
    public void subscribe(UUID pageId, String email, String language, List<UUID> components) {
        var page = pages.page(pageId);
        String address = email == null ? "" : email.strip();
        MailRecipient.problem(address).ifPresent(p -> {
            throw new SubscriptionRefused(List.of(new SubscriptionRefused.Refusal("email", address.isEmpty()
                    ? SubscriptionRefused.Reason.EMAIL_MISSING : SubscriptionRefused.Reason.EMAIL_INVALID, p)));
        });
        var chosen = new LinkedHashSet<UUID>(components == null ? List.of() : components);
        chosen.remove(null);
        if (!chosen.isEmpty()) {
            var known = new HashSet<>(jdbc.sql("select id from status_component where page_id = ?").param(pageId)
                    .query(UUID.class).list());
            if (!known.containsAll(chosen)) {
                throw new SubscriptionRefused(List.of(new SubscriptionRefused.Refusal("components",
                        SubscriptionRefused.Reason.COMPONENTS_UNKNOWN, "not components of this page")));
            }
        }
        String pending = chosen.isEmpty() ? ALL : chosen.stream().map(UUID::toString).collect(Collectors.joining(","));
        String lang = StatusPages.LANGUAGES.contains(language) ? language : page.language();
        String normalized = address.toLowerCase(Locale.ROOT);
        if (page.visibility() == Visibility.PRIVATE && !mayRead(page, normalized)) {
            // A private page's mails go only to addresses that could sign in and read it (issue 11 point 1): a
            // person of Tocsin, in the access list if there is one. Anyone else gets the same answer and no mail,
            // as the form never tells who is subscribed.
            return;
        }
        var existing = jdbc.sql("select id from status_subscriber where page_id = ? and email = ?")
                .params(pageId, normalized).query(UUID.class).optional();
        String token = tokens.newConfirmToken(pageId);
        UUID id;
        if (existing.isPresent()) {
            id = existing.get();
            jdbc.sql("update status_subscriber set confirm_hash = ?, pending_components = ?, language = ? where id = ?")
                    .params(SubscriberTokens.hash(token), pending, lang, id).update();
        } else {
            id = UUID.randomUUID();
            jdbc.sql("""
                    insert into status_subscriber (id, page_id, email, language, confirm_hash, pending_components, created_at)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, pageId, normalized, lang, SubscriberTokens.hash(token), pending,
                            Timestamp.from(clock.instant()))
                    .update();
        }
        mail.queueConfirmation(page, id, normalized, lang, token);
    }

    /** Whether the address is an active user's who may see the private page (its access list, if any). */
    private boolean mayRead(StatusPages.Page page, String address) {
        var user = identity.findByEmail(address).filter(io.tocsin.identity.User::active);
        return user.isPresent() && page.admits(address);
    }

    /**
     * Confirms the subscription the token was sent for, with the components asked for then; the token works once,
     * only on its page, only while {@link SubscriberTokens#CONFIRM_VALIDITY} lasts, and only if it is the newest.
     */
    public Outcome confirm(UUID pageId, String token) {
        if (!tokens.signedConfirmToken(pageId, token)) {
            return Outcome.INVALID;
        }
        String hash = SubscriberTokens.hash(token);
        var row = jdbc.sql("select id, pending_components from status_subscriber where page_id = ? and confirm_hash = ?")
                .params(pageId, hash).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)})
                .optional();
        if (row.isEmpty()) {
            return Outcome.INVALID;
        }
        UUID id = (UUID) row.get()[0];
        int changed = jdbc.sql("""
                update status_subscriber set confirmed_at = coalesce(confirmed_at, ?), confirm_hash = null,
                    pending_components = null where id = ? and confirm_hash = ?""")
                .params(Timestamp.from(clock.instant()), id, hash).update();
        if (changed != 1) {
            return Outcome.INVALID;
        }
        String pending = (String) row.get()[1];
        jdbc.sql("delete from status_subscriber_component where subscriber_id = ?").param(id).update();
        if (pending != null && !pending.equals(ALL)) {
            for (String c : pending.split(",")) {
                // A component deleted since the link was sent is left out.
                jdbc.sql("""
                        insert into status_subscriber_component (subscriber_id, component_id)
                        select ?, id from status_component where id = ? and page_id = ?""")
                        .params(id, UUID.fromString(c), pageId).update();
            }
        }
        return Outcome.CONFIRMED;
    }

    /** The components a subscription is limited to; empty: all of the page. */
    @Transactional(readOnly = true)
    public List<UUID> components(UUID subscriberId) {
        return jdbc.sql("select component_id from status_subscriber_component where subscriber_id = ? order by component_id")
                .param(subscriberId).query(UUID.class).list();
    }

    /** Ends a subscription with the signed link from any of its mails; a second use finds nothing. */
    public Outcome unsubscribe(UUID pageId, UUID subscriberId, String token) {
        if (subscriberId == null || token == null || token.length() > 100 || !tokens.validUnsubscribe(subscriberId, token)) {
            return Outcome.INVALID;
        }
        int deleted = jdbc.sql("delete from status_subscriber where id = ? and page_id = ?").params(subscriberId, pageId)
                .update();
        if (deleted == 0) {
            // The same signed link ends a webhook subscription (its bodies carry it as meta.unsubscribe).
            deleted = jdbc.sql("delete from status_webhook_subscriber where id = ? and page_id = ?")
                    .params(subscriberId, pageId).update();
        }
        return deleted == 1 ? Outcome.UNSUBSCRIBED : Outcome.INVALID;
    }

    @Transactional(readOnly = true)
    public long confirmedCount(UUID pageId) {
        return jdbc.sql("select count(*) from status_subscriber where page_id = ? and confirmed_at is not null")
                .param(pageId).query(Long.class).single();
    }
}
