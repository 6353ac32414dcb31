package io.tocsin.learning;

/** ITIL problem states (R29): a known error has its root cause and a workaround documented. */
public enum ProblemStatus {
    NEW, INVESTIGATING, KNOWN_ERROR, RESOLVED, CLOSED;

    /** Still open: its workaround is shown on new incidents of the service. */
    public boolean open() {
        return this != RESOLVED && this != CLOSED;
    }
}
