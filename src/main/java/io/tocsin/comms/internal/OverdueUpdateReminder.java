package io.tocsin.comms.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import io.tocsin.comms.CommsSettings;
import io.tocsin.comms.IncidentChannels;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateKind;
import io.tocsin.identity.Actor;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.BuiltInRole;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.RoleAssignment;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.MailRecipient;
import io.tocsin.shared.Timers;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * When the announced next update is late, reminds whoever writes updates: the communications managers, or the
 * incident managers when nobody has that role. The reminder is on the timeline and in their inbox, and repeats
 * every cadence interval until an update comes, the final message is out, or the incident is closed. The mail is
 * queued in notify's outbox with the timeline entry, once per reminder and person even if the timer fires again.
 */
@Component
class OverdueUpdateReminder {

    private final Incidents incidents;
    private final IncidentRoles roles;
    private final IncidentUpdates updates;
    private final IncidentChannels channels;
    private final Identity identity;
    private final Timeline timeline;
    private final CommsMailer mailer;
    private final CommsSettings settings;
    private final Timers timers;
    private final MessageSource messages;
    private final Clock clock;

    OverdueUpdateReminder(Incidents incidents, IncidentRoles roles, IncidentUpdates updates, IncidentChannels channels,
            Identity identity, Timeline timeline, CommsMailer mailer, CommsSettings settings, Timers timers,
            MessageSource messages, Clock clock) {
        this.incidents = incidents;
        this.roles = roles;
        this.updates = updates;
        this.channels = channels;
        this.identity = identity;
        this.timeline = timeline;
        this.mailer = mailer;
        this.settings = settings;
        this.timers = timers;
        this.messages = messages;
        this.clock = clock;
    }

    void remind(UUID incidentId, Instant dueAt) {
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null || incident.status() == IncidentStatus.CLOSED || updates.latest(incidentId,
                UpdateAudience.INTERNAL).filter(u -> u.kind() == UpdateKind.FINAL).isPresent()) {
            return;
        }
        var now = clock.instant();
        var people = identity.usersById(writers(incident.id(), incident.incidentManagerId())).values().stream()
                .filter(u -> u.active()).toList();
        var names = people.isEmpty() ? TimelineArg.code("comms.nobody")
                : TimelineArg.text(people.stream().map(u -> u.name()).collect(java.util.stream.Collectors.joining(", ")));
        timeline.recordSystem(incident.id(), incident.key(), "update-overdue", List.of(names, TimelineArg.at(dueAt)),
                Actor.SYSTEM, now);
        mailer.queue("comms:overdue:" + incident.id() + ":" + dueAt.toEpochMilli(), DeliveryKind.REMINDER,
                mailer.about(incident.id(), incident.key(), incident.severity(), incident.summary()),
                people.stream().map(u -> new MailRecipient(u.email(), u.locale())).toList(),
                locale -> new CommsMailer.Mail(
                        "[" + incident.key() + "] " + messages.getMessage("comms.mail.overdue.subject", null, locale),
                        messages.getMessage("comms.mail.overdue.body", new Object[] {incident.key(), incident.summary(),
                                IncidentUpdatesFormat.time(dueAt)}, locale),
                        channels.incidentUrl(incident.key())));
        timers.schedule(IncidentUpdates.CADENCE_TIMER, incident.id().toString(),
                now.plus(settings.cadence(incident.severity())), incident.key());
    }

    /** Communications managers first; without them the incident managers. */
    private List<UUID> writers(UUID incidentId, UUID incidentManagerId) {
        var comms = new LinkedHashSet<UUID>();
        var managers = new LinkedHashSet<UUID>();
        for (RoleAssignment a : roles.active(incidentId)) {
            BuiltInRole.byCode(a.roleCode()).ifPresent(r -> {
                if (r == BuiltInRole.COMMUNICATIONS_MANAGER || r == BuiltInRole.INTERNAL_COMMUNICATIONS_MANAGER) {
                    comms.add(a.userId());
                } else if (r == BuiltInRole.INCIDENT_MANAGER) {
                    managers.add(a.userId());
                }
            });
        }
        if (incidentManagerId != null) {
            managers.add(incidentManagerId);
        }
        return new ArrayList<>(comms.isEmpty() ? managers : comms);
    }
}
