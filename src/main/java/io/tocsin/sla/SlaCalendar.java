package io.tocsin.sla;

/** Which hours an SLA clock counts. */
public enum SlaCalendar {
    /** Every hour of every day. */
    ALWAYS,
    /**
     * Only the business hours of the incident's service (escalation's business hours and holidays, in their time
     * zone); a service without business hours is always open.
     */
    BUSINESS_HOURS
}
