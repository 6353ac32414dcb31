package io.tocsin.learning.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.tocsin.identity.User;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailAttachment;
import io.tocsin.notify.MailContent;
import io.tocsin.notify.MailRecipient;
import io.tocsin.notify.MailRequest;
import io.tocsin.notify.Notifications;
import io.tocsin.notify.Subject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Queues the learning module's mail (review requests, meeting invitations, due reminders) in notify's outbox,
 * in each recipient's language and inside the caller's transaction; {@code what} makes each mail go out once per
 * recipient however often it is queued.
 */
@Component
public class LearningMailer {

    private static final Logger log = LoggerFactory.getLogger(LearningMailer.class);

    private final Notifications notifications;
    private final String baseUrl;

    LearningMailer(Notifications notifications, @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.notifications = notifications;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public record Mail(String subject, String text, List<MailAttachment> attachments) {
    }

    public String postmortemUrl(String incidentKey) {
        return baseUrl + "/incidents/" + incidentKey + "/postmortem";
    }

    public String actionItemsUrl() {
        return baseUrl + "/action-items";
    }

    public Subject about(String incidentId, String key, Integer severity, String summary, String link) {
        return new Subject("incident", incidentId, key, severity, summary, link);
    }

    public Subject about(String type, String id, String key, Integer severity, String summary, String link) {
        return new Subject(type, id, key, severity, summary, link);
    }

    public int queue(String what, DeliveryKind kind, Subject about, Collection<User> people,
            Function<Locale, Mail> content) {
        var requests = people.stream().filter(u -> {
            var problem = MailRecipient.problem(u.email());
            problem.ifPresent(p -> log.warn("Not mailing {} about {}: {}", u.email(), about.label(), p));
            return problem.isEmpty();
        }).map(u -> {
            var mail = content.apply(u.locale());
            return MailRequest.now(what, kind, about, new MailRecipient(u.email(), u.locale()),
                    MailContent.of(mail.subject(), mail.text(), null).withAttachments(mail.attachments()));
        }).toList();
        return requests.isEmpty() ? 0 : notifications.enqueueMails(requests);
    }
}
