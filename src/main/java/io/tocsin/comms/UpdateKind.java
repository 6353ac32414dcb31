package io.tocsin.comms;

/** The handbook's three kinds of message (R23, R25): the first one, follow-ups, and the last one. */
public enum UpdateKind {
    INITIAL, FOLLOW_UP, FINAL
}
