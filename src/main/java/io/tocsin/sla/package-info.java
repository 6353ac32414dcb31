/**
 * SLAs (issue 16 points 1-3, R6, R20, R26, R30): policies with time-to-acknowledge and time-to-resolve targets per
 * priority, optionally per service or product, on a 24x7 or the service's business-hours calendar; live clocks per
 * open incident (elapsed, remaining, paused) on durable timers that remind the incident manager at the warning
 * threshold and escalate at breach; pauses while waiting on the customer or a supplier; and the compliance figures
 * ({@link io.tocsin.sla.SlaCompliance}) that reports read.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SLA")
package io.tocsin.sla;
