package io.tocsin.learning;

/** The moments of an incident's story a postmortem tags on its timeline (after Jeli's narrative tagging). */
public enum KeyMoment {
    IMPACT_START, DETECTION, DIAGNOSIS, REPAIR, KEY_DECISION
}
