package io.tocsin.comms.internal;

import java.util.UUID;

import io.tocsin.comms.IncidentUpdates;
import io.tocsin.shared.DurableTimers;
import io.tocsin.shared.TimerHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Fires the cadence timer of an incident: the next update is overdue. */
@Component
class UpdateDueTimer implements TimerHandler {

    // A provider, because DurableTimers needs every handler and the reminder needs DurableTimers.
    private final ObjectProvider<OverdueUpdateReminder> reminder;

    UpdateDueTimer(ObjectProvider<OverdueUpdateReminder> reminder) {
        this.reminder = reminder;
    }

    @Override
    public String kind() {
        return IncidentUpdates.CADENCE_TIMER;
    }

    @Override
    public void fire(DurableTimers.Timer timer) {
        reminder.getObject().remind(UUID.fromString(timer.key()), timer.dueAt());
    }
}
