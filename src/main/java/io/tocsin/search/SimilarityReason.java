package io.tocsin.search;

/** Why a past incident counts as similar (issue 18 point 2). */
public enum SimilarityReason {
    /** Both incidents are on the same service. */
    SHARED_SERVICE,
    /** Their summaries, descriptions, timelines and alerts say similar things (words or meaning). */
    SIMILAR_TEXT,
    /** Alerts of both came from the same integration. */
    SAME_ALERT_SOURCE
}
