package io.tocsin.incidents;

public enum CleanupTaskStatus {
    OPEN, IN_PROGRESS, DONE, CANCELLED
}
