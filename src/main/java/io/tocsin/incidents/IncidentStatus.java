package io.tocsin.incidents;

/**
 * The response workflow (R15): New until someone takes it as incident manager, Fixing while the team works,
 * Resolved when the business impact is gone, Closed when post-incident work is done.
 */
public enum IncidentStatus {
    NEW, FIXING, RESOLVED, CLOSED;

    public boolean open() {
        return this == NEW || this == FIXING;
    }
}
