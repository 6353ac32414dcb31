package io.tocsin.statuspage.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailContent;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.MailRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.statuspage.PublicIncidentStatus;
import io.tocsin.statuspage.StatusPages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mails subscribers get (issue 11 point 6): the confirmation of a new subscription and every public update,
 * each with an unsubscribe link, all queued in notify's outbox in the publishing transaction and sent after it
 * commits, so a slow or failing mail server never holds up a publication.
 */
@Component
public class SubscriberMail {

    private final Notifications notifications;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final SubscriberTokens tokens;
    private final String baseUrl;

    SubscriberMail(Notifications notifications, JdbcClient jdbc, MessageSource messages, SubscriberTokens tokens,
            @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.tokens = tokens;
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.messages = messages;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String pageUrl(StatusPages.Page page) {
        return baseUrl + "/status/" + page.slug();
    }

    public void queueConfirmation(StatusPages.Page page, UUID subscriberId, String email, String language,
            String confirmToken) {
        var locale = Locale.forLanguageTag(language);
        String link = pageUrl(page) + "/subscriptions/confirm?token=" + confirmToken;
        String text = messages.getMessage("statuspage.mail.confirm.body", new Object[] {page.name(), link}, locale);
        var content = MailContent.of(messages.getMessage("statuspage.mail.confirm.subject", new Object[] {page.name()},
                locale), text, null);
        notifications.enqueueMail(MailRequest.now("statuspage:confirm:" + subscriberId + ":"
                + SubscriberTokens.hash(confirmToken).substring(0, 16), DeliveryKind.NOTICE,
                subject(page), new MailRecipient(email, locale), content));
    }

    /** One mail per confirmed subscriber of the page, in each one's language. */
    public void queueUpdate(StatusPages.Page page, UUID updateId, String name, PublicIncidentStatus status,
            String body) {
        record Row(UUID id, String email, String language) {
        }
        var rows = jdbc.sql("select id, email, language from status_subscriber where page_id = ? and confirmed_at is not null")
                .param(page.id()).query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("language"))).list();
        if (rows.isEmpty()) {
            return;
        }
        var requests = new ArrayList<MailRequest>();
        String what = "statuspage:update:" + updateId;
        for (var r : rows) {
            var locale = Locale.forLanguageTag(r.language());
            String statusLabel = messages.getMessage("statuspage.status." + status.wire(), null, locale);
            String unsubscribe = pageUrl(page) + "/subscriptions/" + r.id() + "/unsubscribe?token="
                    + tokens.unsubscribeToken(r.id());
            String text = body + "\n\n" + messages.getMessage("statuspage.mail.update.footer",
                    new Object[] {pageUrl(page), unsubscribe}, locale);
            var content = MailContent.of("[" + page.name() + "] " + statusLabel + ": " + name, text, null);
            if (unsubscribe.startsWith("https:")) {
                content = content.withUnsubscribe(MailContent.Unsubscribe.oneClick(URI.create(unsubscribe)));
            } else {
                content = content.withUnsubscribe(new MailContent.Unsubscribe(java.util.List.of(URI.create(unsubscribe)), false));
            }
            requests.add(MailRequest.now(what, DeliveryKind.UPDATE, subject(page), new MailRecipient(r.email(), locale),
                    content));
        }
        notifications.enqueueMails(requests);
    }

    private Subject subject(StatusPages.Page page) {
        return new Subject(SubjectType.STATUS_PAGE, page.id().toString(), page.slug(), null, page.name(), pageUrl(page));
    }
}
