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
    private final io.tocsin.catalog.Catalog catalog;

    TimelineRecorder(Timeline timeline, io.tocsin.catalog.Catalog catalog) {
        this.timeline = timeline;
        this.catalog = catalog;
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

    /**
     * Each changed field with its label code (issue 13: rendered for humans): recorded times become instants, shown
     * in the reader's zone; enumerated values become codes, shown in the reader's language; a service or product id
     * becomes its name as it was at the change.
     */
    private TimelineArg describe(List<FieldChange> changes) {
        return new TimelineArg.Changes(changes.stream()
                .map(c -> new TimelineArg.Change(c.field(), value(c.field(), c.from()), value(c.field(), c.to())))
                .toList());
    }

    private TimelineArg value(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        switch (field) {
            case "affectedScope" -> {
                return code("assessment.scope." + value);
            }
            case "changeCorrelation" -> {
                return code("assessment.change." + value);
            }
            case "urgency", "impact" -> {
                return code("level." + value);
            }
            case "serviceId" -> {
                return text(name(value, true));
            }
            case "productIds" -> {
                var names = java.util.Arrays.stream(value.replaceAll("[\\[\\]]", "").split(",")).map(String::strip)
                        .filter(v -> !v.isEmpty()).map(v -> name(v, false)).toList();
                return names.isEmpty() ? null : text(String.join(", ", names));
            }
            default -> {
                // a free text, a number or a time: below
            }
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

    private String name(String id, boolean service) {
        try {
            var uuid = java.util.UUID.fromString(id);
            return service ? catalog.findService(uuid).map(io.tocsin.catalog.Service::name).orElse(id)
                    : java.util.Optional.ofNullable(catalog.productsById(List.of(uuid)).get(uuid))
                            .map(io.tocsin.catalog.Product::name).orElse(id);
        } catch (IllegalArgumentException notAnId) {
            return id;
        }
    }
}
