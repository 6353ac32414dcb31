package io.tocsin.incidents;

/** What a timeline entry is (R19). SYSTEM entries are written by Tocsin for every change. */
public enum TimelineEntryKind {
    SYSTEM, OBSERVATION, THEORY, EXPERIMENT, DECISION, CHANGE, NOTE;

    public boolean typedByPeople() {
        return this != SYSTEM;
    }
}
