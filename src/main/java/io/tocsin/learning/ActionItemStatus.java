package io.tocsin.learning;

/** Where an action item is. {@code DONE} and {@code WONT_DO} end it. */
public enum ActionItemStatus {
    OPEN, IN_PROGRESS, DONE, WONT_DO;

    public boolean finished() {
        return this == DONE || this == WONT_DO;
    }
}
