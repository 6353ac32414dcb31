package io.tocsin.incidents;

import java.util.List;

/** What people can do to move an incident through its workflow, and from which status. */
public enum WorkflowAction {
    /** Take (or hand over) the incident as incident manager; from New it moves the incident to Fixing. */
    ASSIGN,
    RESOLVE,
    REOPEN,
    CLOSE;

    public static List<WorkflowAction> allowedIn(IncidentStatus status) {
        return switch (status) {
            case NEW -> List.of(ASSIGN);
            case FIXING -> List.of(ASSIGN, RESOLVE);
            case RESOLVED -> List.of(ASSIGN, REOPEN, CLOSE);
            case CLOSED -> List.of();
        };
    }

    public String slug() {
        return name().toLowerCase();
    }
}
