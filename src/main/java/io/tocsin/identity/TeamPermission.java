package io.tocsin.identity;

/**
 * What acting on a team's own configuration needs (issue 15 point 2, R15, R16): the name a 403 carries and the
 * least team role that holds it.
 */
public enum TeamPermission {
    /** Change the team's schedules, escalation policies, services' alert rules, integrations, heartbeats, business
     * hours, policy assignment and maintenance windows. */
    CONFIGURE("team:configure", TeamRole.MANAGER),
    /** Take shifts, add and remove overrides, ask for and accept cover in the team's schedules. */
    RESPOND("team:respond", TeamRole.RESPONDER);

    private final String code;
    private final TeamRole least;

    TeamPermission(String code, TeamRole least) {
        this.code = code;
        this.least = least;
    }

    /** The name in a 403's {@code permission} and in docs/permissions.md. */
    public String code() {
        return code;
    }

    public TeamRole least() {
        return least;
    }
}
