package io.tocsin.comms.internal;

import java.util.List;
import java.util.Objects;

import io.tocsin.comms.IncidentChannels;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.BuiltInRole;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.RoleEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells people by e-mail when someone else gives them a role (R16), and the incident managers when a responder is
 * due for a handover (R20). Sent after the change committed; a failed mail is logged and does not undo the change.
 */
@Component
class RoleNotices {

    private static final Logger log = LoggerFactory.getLogger(RoleNotices.class);

    private final Identity identity;
    private final Incidents incidents;
    private final IncidentChannels channels;
    private final CommsMailer mailer;
    private final MessageSource messages;

    RoleNotices(Identity identity, Incidents incidents, IncidentChannels channels, CommsMailer mailer,
            MessageSource messages) {
        this.identity = identity;
        this.incidents = incidents;
        this.channels = channels;
        this.mailer = mailer;
        this.messages = messages;
    }

    @EventListener
    void on(RoleEvents.RoleAssigned e) {
        if (Objects.equals(e.userId(), e.actor().userId())) {
            return;
        }
        var user = identity.findUser(e.userId()).orElse(null);
        var incident = incidents.find(e.incidentId()).orElse(null);
        if (user == null || incident == null) {
            return;
        }
        var builtIn = BuiltInRole.byCode(e.roleCode());
        send(List.of(new CommsMailer.Recipient(user.email(), user.locale())), locale -> {
            String role = builtIn.map(r -> messages.getMessage(r.nameKey(), null, locale)).orElse(e.roleName());
            String help = builtIn.map(r -> messages.getMessage(r.helpKey(), null, locale)).orElse("");
            return new CommsMailer.Mail("[" + e.key() + "] " + messages.getMessage("comms.mail.role.subject",
                    new Object[] {role}, locale), messages.getMessage("comms.mail.role.body", new Object[] {
                            e.actor().name(), role, e.key(), incident.summary(), help, IncidentChannels.room(e.key()),
                            channels.videoUrl(e.key())}, locale), channels.incidentUrl(e.key()));
        });
    }

    @EventListener
    void on(RoleEvents.HandoverDue e) {
        var managers = identity.usersById(e.incidentManagerIds()).values().stream().filter(u -> u.active())
                .map(u -> new CommsMailer.Recipient(u.email(), u.locale())).toList();
        long hours = e.activeFor().toHours();
        send(managers, locale -> new CommsMailer.Mail("[" + e.key() + "] " + messages.getMessage(
                "comms.mail.handover.subject", new Object[] {e.userName()}, locale), messages.getMessage(
                        "comms.mail.handover.body", new Object[] {e.userName(), hours, e.key()}, locale),
                channels.incidentUrl(e.key())));
    }

    /** After the commit (a rolled-back assignment tells nobody); a failed mail is logged, the change stays. */
    private void send(List<CommsMailer.Recipient> to, java.util.function.Function<java.util.Locale, CommsMailer.Mail> mail) {
        Runnable sending = () -> {
            try {
                mailer.send(to, mail);
            } catch (RuntimeException ex) {
                log.warn("Could not send a role notice to {}", to, ex);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sending.run();
                }
            });
        } else {
            sending.run();
        }
    }
}
