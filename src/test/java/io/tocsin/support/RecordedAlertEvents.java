package io.tocsin.support;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tocsin.alerts.AlertEvents;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records the alert events other modules (escalation) page from, so tests can assert what was published. */
@Component
public class RecordedAlertEvents {

    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AlertEvents.AlertTriggered e) {
        events.add(e);
    }

    @EventListener
    void on(AlertEvents.AlertResolved e) {
        events.add(e);
    }

    public List<AlertEvents.AlertTriggered> triggered(UUID serviceId) {
        return events.stream().filter(e -> e instanceof AlertEvents.AlertTriggered t && t.serviceId().equals(serviceId))
                .map(AlertEvents.AlertTriggered.class::cast).toList();
    }
}
