package io.tocsin.incidents;

/** Whether the start of the incident coincided with a change or deployment (R19). */
public enum ChangeCorrelation {
    UNKNOWN, YES, NO
}
