package io.tocsin.comms;

/** Who an update is for: employees (internal status page, stakeholder e-mail) or customers (external page). */
public enum UpdateAudience {
    INTERNAL, EXTERNAL
}
