package io.tocsin.statuspage.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.SecretBox;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailContent;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.MailRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.SignedHttpRequest;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import io.tocsin.statuspage.PublicIncidents;
import io.tocsin.statuspage.StatusPages;
import io.tocsin.statuspage.WebhookSettings;
import io.tocsin.statuspage.WebhookSubscribers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What webhook subscribers are sent (issue 11 point 6), all as signed HTTP bodies through notify's outbox: the test
 * ping with its challenge, and one body per active subscriber for every update of a public incident or
 * maintenance, a chunk of subscribers at a time ({@link SubscriberFanOut}); and the mail that tells an owner their
 * endpoint was disabled. Bodies follow Statuspage's incident webhooks ({@code meta}, {@code page}, {@code incident});
 * the {@code X-Tocsin-Event} header says {@code ping}, or {@code incident.<status>} / {@code maintenance.<status>}.
 */
@Component
public class WebhookMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Notifications notifications;
    private final JdbcClient jdbc;
    private final SecretBox box;
    private final MessageSource messages;
    private final SubscriberTokens tokens;
    private final SubscriberMail mail;
    private final WebhookSettings settings;
    private final ObjectProvider<PublicIncidents> incidents;
    private final ObjectProvider<Snapshots> snapshots;

    WebhookMessages(Notifications notifications, JdbcClient jdbc, SecretBox box, MessageSource messages,
            SubscriberTokens tokens, SubscriberMail mail, WebhookSettings settings,
            ObjectProvider<PublicIncidents> incidents, ObjectProvider<Snapshots> snapshots) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        this.box = box;
        this.messages = messages;
        this.tokens = tokens;
        this.mail = mail;
        this.settings = settings;
        this.incidents = incidents;
        this.snapshots = snapshots;
    }

    public void queuePing(StatusPages.Page page, UUID subscriberId, String url, String secret, String challenge,
            boolean privateAllowed) {
        var body = new LinkedHashMap<String, Object>();
        body.put("meta", meta(page, subscriberId));
        body.put("page", Map.of("id", page.id().toString(), "name", page.name(), "url", mail.pageUrl(page)));
        body.put("ping", Map.of("challenge", challenge, "text", "Answer with HTTP 2xx and this challenge in the"
                + " response body to confirm the subscription."));
        notifications.enqueueSignedHttp(java.util.List.of(new SignedHttpRequest(WebhookSubscribers.PING + subscriberId
                + ":" + challenge, DeliveryKind.VERIFICATION, subject(page), url, "ping", JSON.writeValueAsString(body),
                secret, privateAllowed, challenge)));
    }

    /**
     * One signed body per active webhook subscriber of the window about the public incident the update belongs to;
     * returns the last subscriber of a full window, or null when the window was the last.
     */
    UUID queueEvent(StatusPages.Page page, UUID updateId, SubscriberMail.Window window) {
        var incidentId = jdbc.sql("select status_incident_id from status_incident_update where id = ?").param(updateId)
                .query(UUID.class).optional();
        if (incidentId.isEmpty()) {
            return null;
        }
        record Row(UUID id, String url, String secret) {
        }
        var query = jdbc.sql("select id, url, secret from status_webhook_subscriber where page_id = :page"
                        + " and state = 'ACTIVE' and confirmed_at <= :confirmedBy"
                        + (window.after() == null ? "" : " and id > :after") + " order by id limit :size")
                .param("page", page.id()).param("confirmedBy", Timestamp.from(window.confirmedBy()))
                .param("size", window.size());
        if (window.after() != null) {
            query = query.param("after", window.after());
        }
        var rows = query.query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3))).list();
        if (rows.isEmpty()) {
            return null;
        }
        var all = incidents.getObject();
        var incident = all.get(incidentId.get());
        var pageIncidents = new ArrayList<PublicIncidents.PublicIncident>();
        pageIncidents.add(incident);
        // The page indicator counts every open incident of the page, as the page itself shows it.
        all.since(incident.createdAt()).stream().filter(i -> i.pageId().equals(page.id()) && !i.id().equals(incident.id()))
                .forEach(pageIncidents::add);
        var model = snapshots.getObject().model(page, pageIncidents, window.confirmedBy());
        var shape = new StatuspageJson(model).webhook(incident.id());
        String event = (incident.maintenance() ? "maintenance." : "incident.") + jdbc.sql(
                "select status from status_incident_update where id = ?").param(updateId).query(String.class).single()
                .toLowerCase(Locale.ROOT);
        var requests = new ArrayList<SignedHttpRequest>();
        for (var r : rows) {
            var body = new LinkedHashMap<String, Object>();
            body.put("meta", meta(page, r.id()));
            body.putAll(shape);
            requests.add(new SignedHttpRequest(WebhookSubscribers.EVENT + r.id() + ":" + updateId, DeliveryKind.UPDATE,
                    subject(page), r.url(), event, JSON.writeValueAsString(body),
                    box.open(r.secret(), WebhookSubscribers.SECRET_CONTEXT), settings.allowPrivateTargets(), null));
        }
        notifications.enqueueSignedHttp(requests);
        return rows.size() < window.size() ? null : rows.getLast().id();
    }

    /** Tells the owner that their endpoint was disabled, why, and how to subscribe again. */
    public void queueDisabledNotice(StatusPages.Page page, UUID subscriberId, String url, String owner, String language,
            int failures, String lastError) {
        var locale = Locale.forLanguageTag(language);
        var content = MailContent.of(messages.getMessage("statuspage.webhook.disabled.subject",
                new Object[] {page.name()}, locale), messages.getMessage("statuspage.webhook.disabled.body",
                new Object[] {page.name(), url, failures, lastError == null ? "-" : lastError, mail.pageUrl(page)},
                locale), null);
        notifications.enqueueMail(MailRequest.now("statuspage:webhook-disabled:" + subscriberId, DeliveryKind.NOTICE,
                subject(page), new MailRecipient(owner, locale), content));
    }

    private Map<String, Object> meta(StatusPages.Page page, UUID subscriberId) {
        var meta = new LinkedHashMap<String, Object>();
        meta.put("unsubscribe", mail.pageUrl(page) + "/subscriptions/" + subscriberId + "/unsubscribe?token="
                + tokens.unsubscribeToken(subscriberId));
        // Statuspage links its help here; ours is the operator's own documentation, shipped as docs/statuspage.md.
        meta.put("documentation", "docs/statuspage.md#webhook-subscribers");
        return meta;
    }

    private Subject subject(StatusPages.Page page) {
        return new Subject(SubjectType.STATUS_PAGE, page.id().toString(), page.slug(), null, page.name(),
                mail.pageUrl(page));
    }
}
