package io.tocsin.incidents;

/** How much of the business is affected (ITIL). */
public enum Impact {
    HIGH, MEDIUM, LOW
}
