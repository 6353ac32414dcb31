package io.tocsin.comms.internal;

import java.util.List;
import java.util.Objects;

import io.tocsin.comms.IncidentChannels;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.BuiltInRole;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.RoleEvents;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailRecipient;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells people by e-mail when someone else gives them a role (R16), and the incident managers when a responder is
 * due for a handover (R20). The mail is queued in notify's outbox in the same transaction as the change: a
 * rolled-back assignment tells nobody, and an SMTP outage delays the notice without touching the change.
 */
@Component
class RoleNotices {

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
        mailer.queue("comms:role:" + e.incidentId() + ":" + e.roleCode() + ":" + e.userId() + ":" + e.at().toEpochMilli(),
                DeliveryKind.NOTICE, mailer.about(incident.id(), incident.key(), incident.severity(), incident.summary()),
                List.of(new MailRecipient(user.email(), user.locale())), locale -> {
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
        var incident = incidents.find(e.incidentId()).orElse(null);
        if (incident == null) {
            return;
        }
        var managers = identity.usersById(e.incidentManagerIds()).values().stream().filter(u -> u.active())
                .map(u -> new MailRecipient(u.email(), u.locale())).toList();
        long hours = e.activeFor().toHours();
        mailer.queue("comms:handover:" + e.incidentId() + ":" + e.userId() + ":" + e.at().toEpochMilli(),
                DeliveryKind.NOTICE, mailer.about(incident.id(), incident.key(), incident.severity(), incident.summary()),
                managers, locale -> new CommsMailer.Mail("[" + e.key() + "] " + messages.getMessage(
                        "comms.mail.handover.subject", new Object[] {e.userName()}, locale), messages.getMessage(
                                "comms.mail.handover.body", new Object[] {e.userName(), hours, e.key()}, locale),
                        channels.incidentUrl(e.key())));
    }
}
