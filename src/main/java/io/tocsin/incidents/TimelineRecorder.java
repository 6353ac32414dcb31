package io.tocsin.incidents;

import static io.tocsin.incidents.TimelineArg.code;
import static io.tocsin.incidents.TimelineArg.text;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

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
        record(e, "declared", List.of(text(String.valueOf(e.severity())), text(e.summary()), text(e.source())));
    }

    @EventListener
    void on(IncidentEvents.ManagerAssigned e) {
        record(e, e.previousManagerId() == null ? "manager-assigned" : "manager-handed-over", List.of(text(e.managerName())));
    }

    @EventListener
    void on(IncidentEvents.StatusChanged e) {
        record(e, "status-changed", List.of(code("status." + e.from().name()), code("status." + e.to().name()),
                text(e.reason())));
    }

    @EventListener
    void on(IncidentEvents.SeverityChanged e) {
        record(e, "severity-changed", List.of(text(String.valueOf(e.from())), text(String.valueOf(e.to())),
                text(e.reason())));
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
        record(e, "times-corrected", List.of(describe(e.changes()), text(e.reason())));
    }

    private void record(IncidentEvent e, String event, List<TimelineArg> args) {
        timeline.recordSystem(e.incidentId(), e.key(), event, args, e.actor(), e.at());
    }

    /** Each changed field with its label code; recorded times become instants, shown in the reader's zone. */
    private static TimelineArg describe(List<FieldChange> changes) {
        return new TimelineArg.Changes(changes.stream()
                .map(c -> new TimelineArg.Change(c.field(), value(c.field(), c.from()), value(c.field(), c.to())))
                .toList());
    }

    private static TimelineArg value(String field, String value) {
        if (value == null) {
            return null;
        }
        if (field.endsWith("At")) {
            try {
                return TimelineArg.at(Instant.parse(value));
            } catch (DateTimeParseException notAnInstant) {
                return text(value);
            }
        }
        return text(value);
    }
}
