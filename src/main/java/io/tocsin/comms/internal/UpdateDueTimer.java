package io.tocsin.comms.internal;

import java.util.UUID;

import io.tocsin.comms.IncidentUpdates;
import io.tocsin.shared.Timer;
import io.tocsin.shared.TimerHandler;
import org.springframework.stereotype.Component;

/** Fires the cadence timer of an incident: the next update is overdue. */
@Component
class UpdateDueTimer implements TimerHandler {

    private final OverdueUpdateReminder reminder;

    UpdateDueTimer(OverdueUpdateReminder reminder) {
        this.reminder = reminder;
    }

    @Override
    public String kind() {
        return IncidentUpdates.CADENCE_TIMER;
    }

    @Override
    public void fire(Timer timer) {
        reminder.remind(UUID.fromString(timer.key()), timer.dueAt());
    }
}
