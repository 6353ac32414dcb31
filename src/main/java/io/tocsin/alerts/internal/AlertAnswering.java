package io.tocsin.alerts.internal;

import java.util.List;
import java.util.UUID;

import io.tocsin.alerts.AlertAnswers;
import io.tocsin.alerts.AlertStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link AlertAnswers}: the same transitions as the alert page's buttons, by the person who answered the page. */
@Component
@Transactional
class AlertAnswering implements AlertAnswers {

    private final AlertRepository alerts;
    private final AlertIngest ingest;

    AlertAnswering(AlertRepository alerts, AlertIngest ingest) {
        this.alerts = alerts;
        this.ingest = ingest;
    }

    @Override
    public Change acknowledge(UUID alertId, String by) {
        return alerts.lockById(alertId).map(a -> apply(a, by, true)).orElse(new Change(alertId, null, false, null));
    }

    @Override
    public Change resolve(UUID alertId, String by) {
        return alerts.lockById(alertId).map(a -> apply(a, by, false)).orElse(new Change(alertId, null, false, null));
    }

    @Override
    public List<Change> acknowledgeOfIncident(UUID incidentId, String by) {
        return ofIncident(incidentId, by, true);
    }

    @Override
    public List<Change> resolveOfIncident(UUID incidentId, String by) {
        return ofIncident(incidentId, by, false);
    }

    private List<Change> ofIncident(UUID incidentId, String by, boolean acknowledge) {
        // Locked one by one in id order, as concurrent resolves of one incident's alerts expect.
        return alerts.findByIncidentId(incidentId).stream()
                .filter(a -> acknowledge ? a.status() == AlertStatus.TRIGGERED : a.status() != AlertStatus.RESOLVED)
                .map(Alert::id).sorted().map(id -> acknowledge ? acknowledge(id, by) : resolve(id, by)).toList();
    }

    private Change apply(Alert alert, String by, boolean acknowledge) {
        if (acknowledge && alert.status() != AlertStatus.TRIGGERED || alert.status() == AlertStatus.RESOLVED) {
            return new Change(alert.id(), alert.status(), false, alert.incidentId());
        }
        var outcome = ingest.apply(alert, by, acknowledge);
        return new Change(alert.id(), outcome.status(), outcome.result() != AlertIngest.Result.UNCHANGED,
                alert.incidentId());
    }
}
