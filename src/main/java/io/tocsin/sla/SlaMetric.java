package io.tocsin.sla;

/** What an SLA target measures: from the incident's declaration to its acknowledgement or its resolution. */
public enum SlaMetric {
    /** Until someone takes the incident as incident manager (R15's acknowledgement of an incident). */
    ACKNOWLEDGE,
    /** Until the incident is resolved. */
    RESOLVE
}
