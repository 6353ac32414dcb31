package io.tocsin.learning;

/** What an action item does against the next incident: prevent it, detect it sooner, soften it, or fix a process. */
public enum ActionItemKind {
    PREVENT, DETECT, MITIGATE, PROCESS
}
