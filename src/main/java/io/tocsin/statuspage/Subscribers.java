package io.tocsin.statuspage;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.notify.MailRecipient;
import io.tocsin.shared.InvalidInputException;
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

    public enum Outcome {
        CONFIRMED, UNSUBSCRIBED, INVALID
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatusPages pages;
    private final SubscriberMail mail;
    private final SubscriberTokens tokens;

    Subscribers(JdbcClient jdbc, Clock clock, StatusPages pages, SubscriberMail mail, SubscriberTokens tokens) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pages = pages;
        this.mail = mail;
        this.tokens = tokens;
    }

    /** Asks the address to confirm; an address already confirmed is left alone, silently. */
    public void subscribe(UUID pageId, String email, String language) {
        var page = pages.page(pageId);
        String address = email == null ? "" : email.strip();
        MailRecipient.problem(address).ifPresent(p -> {
            throw new InvalidInputException("email", p);
        });
        String lang = StatusPages.LANGUAGES.contains(language) ? language : page.language();
        String normalized = address.toLowerCase(Locale.ROOT);
        var existing = jdbc.sql("select id, confirmed_at from status_subscriber where page_id = ? and email = ?")
                .params(pageId, normalized).query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getTimestamp(2)})
                .optional();
        String token = SubscriberTokens.newConfirmToken();
        UUID id;
        if (existing.isPresent()) {
            if (existing.get()[1] != null) {
                return;
            }
            id = (UUID) existing.get()[0];
            jdbc.sql("update status_subscriber set confirm_hash = ?, language = ? where id = ?")
                    .params(SubscriberTokens.hash(token), lang, id).update();
        } else {
            id = UUID.randomUUID();
            jdbc.sql("""
                    insert into status_subscriber (id, page_id, email, language, confirm_hash, created_at)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(id, pageId, normalized, lang, SubscriberTokens.hash(token), Timestamp.from(clock.instant()))
                    .update();
        }
        mail.queueConfirmation(page, id, normalized, lang, token);
    }

    /** Confirms the subscription the token was sent for; the token works once. */
    public Outcome confirm(UUID pageId, String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Outcome.INVALID;
        }
        int changed = jdbc.sql("update status_subscriber set confirmed_at = ?, confirm_hash = null"
                        + " where page_id = ? and confirm_hash = ?")
                .params(Timestamp.from(clock.instant()), pageId, SubscriberTokens.hash(token)).update();
        return changed == 1 ? Outcome.CONFIRMED : Outcome.INVALID;
    }

    /** Ends a subscription with the signed link from any of its mails; a second use finds nothing. */
    public Outcome unsubscribe(UUID pageId, UUID subscriberId, String token) {
        if (subscriberId == null || token == null || token.length() > 100 || !tokens.validUnsubscribe(subscriberId, token)) {
            return Outcome.INVALID;
        }
        int deleted = jdbc.sql("delete from status_subscriber where id = ? and page_id = ?").params(subscriberId, pageId)
                .update();
        return deleted == 1 ? Outcome.UNSUBSCRIBED : Outcome.INVALID;
    }

    @Transactional(readOnly = true)
    public long confirmedCount(UUID pageId) {
        return jdbc.sql("select count(*) from status_subscriber where page_id = ? and confirmed_at is not null")
                .param(pageId).query(Long.class).single();
    }
}
