package io.tocsin.identity;

/**
 * What a person may do in one team (issue 15 point 2, R15). Organisation roles ({@link Role}) say what someone
 * may do everywhere; a team role adds what they may do with the team's own things.
 */
public enum TeamRole {
    /** Configures the team's schedules, escalation policies, services' alert rules, integrations, business hours
     * and maintenance; includes responder. */
    MANAGER,
    /** Works the team's incidents and alerts, takes shifts, overrides in the team's schedules. */
    RESPONDER,
    /** Reads the team's things. */
    OBSERVER;

    /**
     * Whether a policy that targets the team pages this member: managers and responders take the team's pages,
     * observers only read (issue 15 point 2).
     */
    public boolean paged() {
        return this != OBSERVER;
    }

    /** Whether this role includes the rights of {@code other}. */
    public boolean includes(TeamRole other) {
        return ordinal() <= other.ordinal();
    }
}
