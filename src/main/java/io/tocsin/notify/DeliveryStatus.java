package io.tocsin.notify;

/** Where a delivery stands. {@code PENDING -> SENDING -> SENT | PENDING (retry) | FAILED}. */
public enum DeliveryStatus {
    /** Waiting for its time ({@code notBefore}), a retry, or a rate-limit slot. */
    PENDING,
    /** Claimed by a worker; the provider call is under way (or the node died during it). */
    SENDING,
    SENT,
    /** Gave up: a permanent error or too many transient ones. */
    FAILED,
    /** Withdrawn before it went out (e.g. someone acknowledged). */
    CANCELLED,
    /** Went out as part of another delivery's bundle message ({@code bundleId}). */
    BUNDLED;

    public boolean open() {
        return this == PENDING || this == SENDING;
    }
}
