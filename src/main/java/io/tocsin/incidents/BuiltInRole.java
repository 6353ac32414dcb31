package io.tocsin.incidents;

import java.util.Arrays;
import java.util.Optional;

/**
 * The roles of the handbook (seed 000, 003; R16). Names and help texts come from the message bundles
 * ({@code role.<code>.name}, {@code role.<code>.help}); the incident manager adds custom roles per incident.
 */
public enum BuiltInRole {
    INCIDENT_MANAGER("incident-manager"),
    TECHNICAL_LEAD("technical-lead"),
    COMMUNICATIONS_MANAGER("communications-manager"),
    INTERNAL_COMMUNICATIONS_MANAGER("internal-communications-manager"),
    EXTERNAL_COMMUNICATIONS_MANAGER("external-communications-manager"),
    CUSTOMER_SUPPORT_LEAD("customer-support-lead"),
    SUBJECT_MATTER_EXPERT("subject-matter-expert"),
    SOCIAL_MEDIA_LEAD("social-media-lead"),
    SCRIBE("scribe"),
    PROBLEM_MANAGER("problem-manager");

    private final String code;

    BuiltInRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String nameKey() {
        return "role." + code + ".name";
    }

    public String helpKey() {
        return "role." + code + ".help";
    }

    /** Whoever writes updates: the (internal or external) communications manager. */
    public boolean communicates() {
        return this == COMMUNICATIONS_MANAGER || this == INTERNAL_COMMUNICATIONS_MANAGER
                || this == EXTERNAL_COMMUNICATIONS_MANAGER;
    }

    public static Optional<BuiltInRole> byCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }
}
