package io.tocsin.statuspage;

import java.util.UUID;

import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import org.springframework.stereotype.Component;

/**
 * Fires the durable timers of a published maintenance (issue 11 point 4, R13/R14 context): the subscribers'
 * reminder before the window, its start and its end. Keys are {@code <public incident id>:<step>}.
 */
@Component
class MaintenanceTimers implements TimerHandler {

    static final String KIND = "statuspage.maintenance";

    private final PublicIncidents incidents;

    MaintenanceTimers(PublicIncidents incidents) {
        this.incidents = incidents;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void fire(Timer timer) {
        int colon = timer.key().indexOf(':');
        incidents.maintenanceDue(UUID.fromString(timer.key().substring(0, colon)), timer.key().substring(colon + 1));
    }
}
