package io.tocsin.incidents;

import java.util.Map;

import io.tocsin.shared.ConflictException;

/** An action the incident's current status does not allow; names the actions that are allowed. */
public class IllegalTransitionException extends ConflictException {

    public IllegalTransitionException(String key, IncidentStatus status, WorkflowAction attempted) {
        super("illegal-transition", message(key, status, attempted), Map.of(
                "currentStatus", status.name(),
                "attempted", attempted.slug(),
                "allowed", WorkflowAction.allowedIn(status).stream().map(WorkflowAction::slug).toList()));
    }

    private static String message(String key, IncidentStatus status, WorkflowAction attempted) {
        var allowed = WorkflowAction.allowedIn(status);
        return "Cannot " + attempted.slug() + " " + key + " while it is " + status.name() + "; allowed now: "
                + (allowed.isEmpty() ? "nothing (the incident is closed)"
                        : String.join(", ", allowed.stream().map(WorkflowAction::slug).toList()));
    }
}
