package io.tocsin.notify;

/** What came of an answer, as the person who answered is told. */
public enum AnswerOutcome {
    /** The acknowledgement or resolution took effect. */
    APPLIED,
    /**
     * Resolve was asked and paging stopped, but the subject is not resolved: the alert's incident stays open (it
     * has other open alerts, or its service's rule does not resolve incidents with their alerts).
     */
    PAGING_STOPPED,
    /** Someone (maybe the same person) had already acknowledged or resolved it. */
    ALREADY_DONE,
    /** Nothing is waiting for an answer: no handler, or the subject is unknown to it. */
    NOTHING_TO_ANSWER
}
