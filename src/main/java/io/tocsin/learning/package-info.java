/**
 * Learning from incidents (R28, R29; issue 12): blameless postmortems drafted when a significant incident
 * resolves, with their own editable copy of the timeline, template sections in English and German, key moments,
 * key figures, a review workflow and published revisions; tracked action items with reminders and an optional
 * Jira issue; ITIL problem and known-error records linking several incidents to one root cause. Reacts to
 * {@link io.tocsin.incidents.IncidentEvents}; mail goes through notify's outbox.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Learning")
package io.tocsin.learning;
