package io.tocsin.learning;

/** What a reviewer says about a postmortem in review. */
public enum ReviewDecision {
    APPROVE, REQUEST_CHANGES
}
