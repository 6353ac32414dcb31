package io.tocsin.incidents;

/** How fast the business needs a fix (ITIL). */
public enum Urgency {
    HIGH, MEDIUM, LOW
}
