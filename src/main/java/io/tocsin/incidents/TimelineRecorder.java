package io.tocsin.incidents;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes a system timeline entry for every change of an incident (R19), in the transaction of the change itself,
 * so the timeline can never miss one.
 */
@Component
class TimelineRecorder {

    private final Timeline timeline;

    TimelineRecorder(Timeline timeline) {
        this.timeline = timeline;
    }

    @EventListener
    void on(IncidentEvents.Declared e) {
        record(e, "declared", List.of(String.valueOf(e.severity()), e.summary(), e.source()));
    }

    @EventListener
    void on(IncidentEvents.ManagerAssigned e) {
        record(e, e.previousManagerId() == null ? "manager-assigned" : "manager-handed-over", List.of(e.managerName()));
    }

    @EventListener
    void on(IncidentEvents.StatusChanged e) {
        record(e, "status-changed", List.of(Timeline.MESSAGE_ARG + "status." + e.from().name(),
                Timeline.MESSAGE_ARG + "status." + e.to().name(), e.reason() == null ? "" : e.reason()));
    }

    @EventListener
    void on(IncidentEvents.SeverityChanged e) {
        record(e, "severity-changed", List.of(String.valueOf(e.from()), String.valueOf(e.to()),
                e.reason() == null ? "" : e.reason()));
    }

    @EventListener
    void on(IncidentEvents.Updated e) {
        record(e, "updated", List.of(describe(e.changes())));
    }

    @EventListener
    void on(IncidentEvents.Assessed e) {
        record(e, "assessed", List.of(describe(e.changes())));
    }

    @EventListener
    void on(IncidentEvents.TimesCorrected e) {
        record(e, "times-corrected", List.of(describe(e.changes()), e.reason()));
    }

    private void record(IncidentEvent e, String event, List<String> args) {
        timeline.recordSystem(e.incidentId(), e.key(), event, args, e.actor(), e.at());
    }

    private static String describe(List<FieldChange> changes) {
        if (changes.isEmpty()) {
            return "-";
        }
        return changes.stream()
                .map(c -> c.field() + ": " + (c.from() == null ? "-" : c.from()) + " → " + (c.to() == null ? "-" : c.to()))
                .collect(Collectors.joining("; "));
    }
}
