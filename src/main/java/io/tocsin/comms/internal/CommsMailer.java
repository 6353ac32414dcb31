package io.tocsin.comms.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.tocsin.comms.IncidentChannels;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailContent;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.MailRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import io.tocsin.notify.SubjectType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes comms e-mail (stakeholder updates, subscriptions, overdue reminders, role notices) as text and HTML in
 * each recipient's language, and queues one mail per recipient in notify's outbox, inside the caller's
 * transaction: nothing goes out if it rolls back, nobody waits for the SMTP server, and notify's delivery worker
 * sends, retries and logs each mail. Every mail is about its incident, so the incident's delivery log lists it.
 */
@Component
public class CommsMailer {

    private static final Logger log = LoggerFactory.getLogger(CommsMailer.class);

    private final Notifications notifications;
    private final IncidentChannels channels;
    private final ITemplateEngine html;

    CommsMailer(Notifications notifications, IncidentChannels channels, ITemplateEngine html) {
        this.notifications = notifications;
        this.channels = channels;
        this.html = html;
    }

    /** One message: {@code subject} already carries the incident key; {@code link} is shown under the text. */
    public record Mail(String subject, String text, String link) {
    }

    /** What comms mail is about: the incident, as its delivery log knows it. */
    public Subject about(UUID incidentId, String key, int severity, String summary) {
        return new Subject(SubjectType.INCIDENT, incidentId.toString(), key, severity, summary, channels.incidentUrl(key));
    }

    /**
     * Queues the mail for everyone, rendered once per language; {@code what} names the message, so each recipient
     * gets it once however often it is queued. Callers that must refuse bad addresses check them first
     * ({@link MailRecipient#problem(String)}); here an address notify would refuse is skipped and logged, so a
     * person with an odd address on file cannot undo a role change or a reminder. Returns how many were queued.
     */
    public int queue(String what, DeliveryKind kind, Subject about, Collection<MailRecipient> recipients,
            Function<Locale, Mail> content) {
        var rendered = new HashMap<String, MailContent>();
        var requests = recipients.stream().filter(r -> {
            var problem = r.problem();
            problem.ifPresent(p -> log.warn("Not mailing {} about {}: {}", r.address(), about.label(), p));
            return problem.isEmpty();
        }).map(r -> MailRequest.now(what, kind, about, r, rendered.computeIfAbsent(r.locale().getLanguage(),
                language -> render(r.locale(), content.apply(r.locale()))))).toList();
        return notifications.enqueueMails(requests);
    }

    private MailContent render(Locale locale, Mail mail) {
        var context = new Context(locale, Map.of("subject", mail.subject(), "lines", List.of(mail.text().split("\n", -1)),
                "link", mail.link() == null ? "" : mail.link()));
        return MailContent.of(mail.subject(), mail.text() + (mail.link() == null ? "" : "\n\n" + mail.link()),
                html.process("comms/mail", context));
    }
}
