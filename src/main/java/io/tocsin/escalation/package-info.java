/**
 * Escalation (R8, R10, R11, R13): who is paged when. Reusable policies of ordered levels (people, schedules, teams)
 * assigned to services; runs started by paging alerts and new major incidents (and the incident manager on call
 * until one is assigned); repeats every minute and escalation after three unanswered attempts or the level
 * timeout; severity 3 waits for the service's business hours; the first answer from any channel stops every
 * pending page. All timing runs on {@link io.tocsin.shared.Timers}; all sending goes through notify's outbox.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Escalation")
package io.tocsin.escalation;
