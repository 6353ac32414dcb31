package io.tocsin.reports.internal;

import java.time.ZoneOffset;
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
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the report tables up to date from the other modules' events, after their transaction committed and through
 * the event publication registry (a crash in between loses nothing; a redelivered event writes the same row).
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

    @ApplicationModuleListener
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

    @ApplicationModuleListener
    void on(AlertEvents.AlertTriggered event) {
        apply(event);
    }

    public void apply(AlertEvents.AlertTriggered event) {
        store.putAlert(event.alertId(), event.serviceId(), teamOf(event.serviceId()), event.incidentId(), event.at());
    }

    @ApplicationModuleListener
    void on(AlertEvents.AlertLinkedToIncident event) {
        apply(event);
    }

    public void apply(AlertEvents.AlertLinkedToIncident event) {
        store.linkAlert(event.alertId(), event.incidentId());
    }

    @ApplicationModuleListener
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

    @ApplicationModuleListener
    void on(DeliveryEvents.Finished event) {
        apply(event);
    }

    public void apply(DeliveryEvents.Finished event) {
        store.deliveryFinished(event.deliveryId(), event.status().name(), event.at());
    }

    @ApplicationModuleListener
    void on(DeliveryEvents.ReceiptRecorded event) {
        apply(event);
    }

    public void apply(DeliveryEvents.ReceiptRecorded event) {
        store.receipt(event.deliveryId(), event.delivered());
    }

    @ApplicationModuleListener
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

    @ApplicationModuleListener
    void on(PostmortemEvents.Drafted event) {
        apply(event);
    }

    public void apply(PostmortemEvents.Drafted event) {
        var attributes = store.incidentAttributes(event.incidentId()).orElse(Attributes.NONE);
        store.postmortemDrafted(event.postmortemId(), event.incidentId(), attributes, event.at(), event.dueOn(),
                event.dueOn() == null ? null : overdueFrom(event.dueOn()));
    }

    @ApplicationModuleListener
    void on(PostmortemEvents.Published event) {
        apply(event);
    }

    public void apply(PostmortemEvents.Published event) {
        store.postmortemPublished(event.postmortemId(), event.at());
    }

    @ApplicationModuleListener
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
