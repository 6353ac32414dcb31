package io.tocsin.learning;

/**
 * How an action item stands with the external tracker: not linked, linked by hand (a key and URL), being created,
 * created and read back ({@code SYNCED}), or the tracker failed (answered an error or did not answer in time); the
 * item is kept either way and can be sent again.
 */
public enum SyncState {
    NONE, LINKED, PENDING, SYNCED, FAILED
}
