package io.tocsin.incidents;

import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.TimerHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Fires the durable fatigue timers of {@link IncidentRoles}: one per responder and incident (R20). */
@Component
class FatigueWatch implements TimerHandler {

    // A provider, because DurableTimers needs every handler and IncidentRoles needs DurableTimers.
    private final ObjectProvider<IncidentRoles> roles;

    FatigueWatch(ObjectProvider<IncidentRoles> roles) {
        this.roles = roles;
    }

    @Override
    public String kind() {
        return IncidentRoles.FATIGUE_TIMER;
    }

    @Override
    public void fire(DurableTimers.Timer timer) {
        var ids = IncidentRoles.parseFatigueKey(timer.key());
        roles.getObject().fatigueDue(ids[0], ids[1]);
    }
}
