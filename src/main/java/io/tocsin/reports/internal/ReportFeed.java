package io.tocsin.reports.internal;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tocsin.alerts.AlertEvents;
import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentEvent;
import io.tocsin.incidents.Incidents;
import io.tocsin.learning.ActionItemChanged;
import io.tocsin.learning.ActionItems;
import io.tocsin.learning.PostmortemEvents;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.DeliveryEvents;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.NotificationAnswered;
import io.tocsin.notify.SubjectType;
import io.tocsin.reports.PageTime;
import io.tocsin.reports.internal.ReportStore.Attributes;
import io.tocsin.shared.TransactionBuffer;
import io.tocsin.shared.TransactionMemo;
import org.springframework.context.event.EventListener;
import io.tocsin.shared.BackgroundListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the report tables up to date from the other modules' events, after their transaction committed and through
 * the event publication registry (a crash in between loses nothing; a redelivered event writes the same row).
 * Alert events are the exception: they are written inside the alert's transaction (see below).
 */
@Component
public class ReportFeed {

    private final ReportStore store;
    private final Incidents incidents;
    private final Catalog catalog;
    private final Identity identity;
    private final ActionItems actionItems;

    ReportFeed(ReportStore store, Incidents incidents, Catalog catalog, Identity identity, ActionItems actionItems) {
        this.actionItems = actionItems;
        this.store = store;
        this.incidents = incidents;
        this.catalog = catalog;
        this.identity = identity;
    }

    // A timeline entry changes nothing in the incident's report row, yet an incident gets several in the
    // transaction that declares it (on the path to the first page): no stored publication for those. The event
    // publication registry evaluates the condition before it stores one.
    @BackgroundListener(condition = "!(#root.args[0] instanceof T(io.tocsin.incidents.IncidentEvents$TimelineEntryAdded))")
    void on(IncidentEvent event) {
        apply(event);
    }

    public void apply(IncidentEvent event) {
        incidents.find(event.incidentId()).ifPresent(this::record);
    }

    /** The incident's report row as it stands now (also used by the rebuild). */
    public void record(Incident i) {
        store.putIncident(new ReportStore.IncidentRow(i.id(), i.key(), i.serviceId(), teamOf(i.serviceId()),
                i.severity(), i.priority() == null ? null : i.priority().name(), i.declaredAt(), i.assignedAt(),
                i.impactStartedAt(), i.detectedAt(), i.resolvedAt()));
    }

    // Alert events are written in the alert's own transaction, batched, rather than after it through the event
    // publication registry: an ingest batch raises one event per alert, and a stored publication per alert and
    // listener cost more than the report row itself. The row now commits (or rolls back) with its alert.
    @EventListener
    void on(AlertEvents.AlertTriggered event) {
        TransactionBuffer.beforeCommit(this, event, this::applyAlerts);
    }

    @EventListener
    void on(AlertEvents.AlertLinkedToIncident event) {
        TransactionBuffer.beforeCommit(this, event, this::applyAlerts);
    }

    /** Triggered alerts first, then the links, each kind in one batched statement. */
    public void applyAlerts(List<?> events) {
        var triggered = new ArrayList<ReportStore.AlertRow>();
        var linked = new ArrayList<ReportStore.AlertRow>();
        for (var event : events) {
            if (event instanceof AlertEvents.AlertTriggered t) {
                triggered.add(new ReportStore.AlertRow(t.alertId(), t.serviceId(),
                        TransactionMemo.get("reports.team-of", t.serviceId(), () -> teamOf(t.serviceId())),
                        t.incidentId(), t.at()));
            } else if (event instanceof AlertEvents.AlertLinkedToIncident l) {
                linked.add(new ReportStore.AlertRow(l.alertId(), null, null, l.incidentId(), null));
            }
        }
        store.putAlerts(triggered);
        store.linkAlerts(linked);
    }

    @BackgroundListener
    void on(DeliveryEvents.Queued event) {
        apply(event);
    }

    public void apply(DeliveryEvents.Queued event) {
        if (event.userId() == null) {
            return;
        }
        String type = event.subjectType() == null ? null : event.subjectType().code();
        var attributes = store.attributesOf(type, event.subjectId());
        store.addDelivery(event.deliveryId(), event.userId(), event.channel().name(), event.kind().name(), type,
                event.subjectId(), attributes, event.at());
        if (event.kind() == DeliveryKind.PAGE
                && (event.subjectType() == SubjectType.ALERT || event.subjectType() == SubjectType.INCIDENT)) {
            var zone = identity.findUser(event.userId()).map(u -> u.zone()).orElse(ZoneOffset.UTC);
            store.addPage(event.userId(), type, event.subjectId(), attributes, event.at(),
                    PageTime.atNight(event.at(), zone), PageTime.onWeekend(event.at(), zone));
        }
    }

    @BackgroundListener
    void on(DeliveryEvents.Finished event) {
        apply(event);
    }

    public void apply(DeliveryEvents.Finished event) {
        store.deliveryFinished(event.deliveryId(), event.status().name(), event.at());
    }

    @BackgroundListener
    void on(DeliveryEvents.ReceiptRecorded event) {
        apply(event);
    }

    public void apply(DeliveryEvents.ReceiptRecorded event) {
        store.receipt(event.deliveryId(), event.delivered());
    }

    @BackgroundListener
    void on(NotificationAnswered event) {
        apply(event);
    }

    public void apply(NotificationAnswered event) {
        var a = event.answer();
        if (a.deliveryId() != null) {
            store.answered(a.deliveryId(), a.at());
        }
        if (a.action() == AnswerAction.ACKNOWLEDGE && a.userId() != null) {
            store.acknowledged(a.userId(), a.subjectType().code(), a.subjectId(), a.at());
        }
    }

    @BackgroundListener
    void on(PostmortemEvents.Drafted event) {
        apply(event);
    }

    public void apply(PostmortemEvents.Drafted event) {
        var attributes = store.incidentAttributes(event.incidentId()).orElse(Attributes.NONE);
        store.postmortemDrafted(event.postmortemId(), event.incidentId(), attributes, event.at(), event.dueOn(),
                event.dueOn() == null ? null : overdueFrom(event.dueOn()));
    }

    @BackgroundListener
    void on(PostmortemEvents.Published event) {
        apply(event);
    }

    public void apply(PostmortemEvents.Published event) {
        store.postmortemPublished(event.postmortemId(), event.at());
    }

    @BackgroundListener
    void on(ActionItemChanged event) {
        apply(event);
    }

    public void apply(ActionItemChanged event) {
        var attributes = store.incidentAttributes(event.incidentId())
                .orElse(new Attributes(event.serviceId(), event.teamId() != null ? event.teamId()
                        : teamOf(event.serviceId()), null, null));
        store.putActionItem(event.itemId(), event.incidentId(), attributes, event.status().name(), event.createdAt(),
                event.overdueFrom(), event.doneAt());
    }

    private java.time.Instant overdueFrom(java.time.LocalDate dueOn) {
        return actionItems.overdueFrom(dueOn);
    }

    UUID teamOf(UUID serviceId) {
        return serviceId == null ? null : catalog.owningTeamOf(serviceId).orElse(null);
    }
}
