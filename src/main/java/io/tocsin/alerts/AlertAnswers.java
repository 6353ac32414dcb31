package io.tocsin.alerts;

import java.util.List;
import java.util.UUID;

/**
 * Acknowledging and resolving alerts on a person's behalf from outside the alert pages (issue 10): an answer to
 * a page by SMS, voice or e-mail link is an answer to the alert itself, so the alert, its incident and the
 * escalation run never disagree. Joins the caller's transaction; resolving the incident's last open alert resolves
 * the incident when the service's rule allows it.
 */
public interface AlertAnswers {

    /** Acknowledges the alert unless it is already acknowledged or resolved. */
    Change acknowledge(UUID alertId, String by);

    /** Resolves the alert unless it is already resolved. */
    Change resolve(UUID alertId, String by);

    /** Acknowledges every triggered alert of the incident. */
    List<Change> acknowledgeOfIncident(UUID incidentId, String by);

    /** Resolves every open alert of the incident. */
    List<Change> resolveOfIncident(UUID incidentId, String by);

    /**
     * What came of it for one alert: its status afterwards and whether this call changed it.
     *
     * @param incidentId the incident the alert belongs to, or null
     */
    record Change(UUID alertId, AlertStatus status, boolean changed, UUID incidentId) {
    }
}
