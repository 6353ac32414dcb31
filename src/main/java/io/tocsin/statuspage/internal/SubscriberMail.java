package io.tocsin.statuspage.internal;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

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
 * each with an unsubscribe link, queued in notify's outbox and sent by its worker, so a slow or failing mail server
 * never holds up a publication. Updates and reminders are queued a {@link Window} of subscribers at a time by
 * {@link SubscriberFanOut}, after the publication has committed.
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
        // The link names the subscriber's language, so the page it opens speaks it too (issue 11 point 1).
        String link = pageUrl(page) + "/subscriptions/confirm?token=" + confirmToken + "&lang=" + language;
        String text = messages.getMessage("statuspage.mail.confirm.body", new Object[] {page.name(), link}, locale);
        var content = MailContent.of(messages.getMessage("statuspage.mail.confirm.subject", new Object[] {page.name()},
                locale), text, null);
        notifications.enqueueMail(MailRequest.now("statuspage:confirm:" + subscriberId + ":"
                + SubscriberTokens.hash(confirmToken).substring(0, 16), DeliveryKind.NOTICE,
                subject(page), new MailRecipient(email, locale), content));
    }

    /**
     * One chunk of a fan-out: the subscribers confirmed by {@code confirmedBy}, after {@code after} in id order
     * (null: from the start), at most {@code size} of them.
     */
    public record Window(Instant confirmedBy, UUID after, int size) {
    }

    /**
     * One mail per confirmed subscriber of the window, in each one's language: to those who chose none of the
     * components, or one the incident affects ({@code components}; an incident that names none reaches everyone).
     * Returns the last subscriber of a full window (more may follow), or null when the window was the last.
     */
    public UUID queueUpdate(StatusPages.Page page, UUID updateId, String name, PublicIncidentStatus status,
            String body, Collection<UUID> components, Window window) {
        return queue(page, "statuspage:update:" + updateId, DeliveryKind.UPDATE, components, window, locale -> new String[] {
                "[" + page.name() + "] " + messages.getMessage("statuspage.status." + status.wire(), null, locale)
                        + ": " + name, body});
    }

    /** The reminder before a maintenance window starts (issue 11 point 4), to the subscribers of its components. */
    public UUID queueReminder(StatusPages.Page page, UUID maintenanceId, String name, Instant from, Instant until,
            Collection<UUID> components, Window window) {
        var zone = ZoneId.of(page.timeZone());
        return queue(page, "statuspage:reminder:" + maintenanceId, DeliveryKind.REMINDER, components, window, locale -> {
            var format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale);
            return new String[] {
                    messages.getMessage("statuspage.mail.reminder.subject", new Object[] {page.name(), name}, locale),
                    messages.getMessage("statuspage.mail.reminder.body", new Object[] {name,
                            format.format(from.atZone(zone)), format.format(until.atZone(zone)), zone.getId()}, locale)};
        });
    }

    /**
     * One mail per confirmed subscriber of the page, in each one's language, with its unsubscribe link: to those
     * who chose none of the components, or one of {@code components} (none named: everyone).
     */
    private UUID queue(StatusPages.Page page, String what, DeliveryKind kind, Collection<UUID> components,
            Window window, Function<Locale, String[]> subjectAndText) {
        record Row(UUID id, String email, String language) {
        }
        String sql = "select s.id, s.email, s.language from status_subscriber s where s.page_id = :page"
                + " and s.confirmed_at is not null and s.confirmed_at <= :confirmedBy"
                + (window.after() == null ? "" : " and s.id > :after")
                + (components.isEmpty() ? "" : " and (not exists (select 1 from status_subscriber_component c"
                        + " where c.subscriber_id = s.id) or exists (select 1 from status_subscriber_component c"
                        + " where c.subscriber_id = s.id and c.component_id in (:components)))")
                + " order by s.id limit :size";
        var query = jdbc.sql(sql).param("page", page.id()).param("confirmedBy", Timestamp.from(window.confirmedBy()))
                .param("size", window.size());
        if (window.after() != null) {
            query = query.param("after", window.after());
        }
        if (!components.isEmpty()) {
            query = query.param("components", List.copyOf(components));
        }
        var rows = query.query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("email"),
                rs.getString("language"))).list();
        if (rows.isEmpty()) {
            return null;
        }
        var requests = new ArrayList<MailRequest>();
        var byLanguage = new java.util.HashMap<String, String[]>();
        for (var r : rows) {
            var locale = Locale.forLanguageTag(r.language());
            String[] subjectText = byLanguage.computeIfAbsent(r.language(), l -> subjectAndText.apply(locale));
            String unsubscribe = pageUrl(page) + "/subscriptions/" + r.id() + "/unsubscribe?token="
                    + tokens.unsubscribeToken(r.id()) + "&lang=" + r.language();
            String text = subjectText[1] + "\n\n" + messages.getMessage("statuspage.mail.update.footer",
                    new Object[] {pageUrl(page), unsubscribe}, locale);
            var content = MailContent.of(subjectText[0], text, null);
            if (unsubscribe.startsWith("https:")) {
                content = content.withUnsubscribe(MailContent.Unsubscribe.oneClick(URI.create(unsubscribe)));
            } else {
                content = content.withUnsubscribe(new MailContent.Unsubscribe(List.of(URI.create(unsubscribe)), false));
            }
            requests.add(MailRequest.now(what, kind, subject(page), new MailRecipient(r.email(), locale), content));
        }
        notifications.enqueueMails(requests);
        return rows.size() < window.size() ? null : rows.getLast().id();
    }

    private Subject subject(StatusPages.Page page) {
        return new Subject(SubjectType.STATUS_PAGE, page.id().toString(), page.slug(), null, page.name(), pageUrl(page));
    }
}
