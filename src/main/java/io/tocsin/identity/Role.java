package io.tocsin.identity;

/** What a person may do. Each role includes the rights of the ones below it. */
public enum Role {
    /** Manages users, teams, the catalog and configuration. */
    ADMIN,
    /** Works incidents: declares, takes, updates, resolves. */
    RESPONDER,
    /** Reads everything and may declare an incident (anyone can raise the alarm, R3); changes nothing else. */
    STAKEHOLDER;

    public String authority() {
        return "ROLE_" + name();
    }
}
