package io.tocsin.incidents;

/** ITIL priority from urgency and impact; P1 is handled first. */
public enum Priority {
    P1, P2, P3, P4, P5
}
