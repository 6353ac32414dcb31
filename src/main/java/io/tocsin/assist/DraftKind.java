package io.tocsin.assist;

/** What the assistant drafts (R32): each is logged and counted as its own kind. */
public enum DraftKind {
    CATCH_UP, UPDATE_DRAFT, POSTMORTEM_DRAFT, SEVERITY
}
