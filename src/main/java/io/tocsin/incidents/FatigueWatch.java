package io.tocsin.incidents;

import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import org.springframework.stereotype.Component;

/** Fires the durable fatigue timers of {@link IncidentRoles}: one per responder and incident (R20). */
@Component
class FatigueWatch implements TimerHandler {

    private final IncidentRoles roles;

    FatigueWatch(IncidentRoles roles) {
        this.roles = roles;
    }

    @Override
    public String kind() {
        return IncidentRoles.FATIGUE_TIMER;
    }

    @Override
    public void fire(Timer timer) {
        var ids = IncidentRoles.parseFatigueKey(timer.key());
        roles.fatigueDue(ids[0], ids[1]);
    }
}
