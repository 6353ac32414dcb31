/**
 * Reports (issue 16 points 3 and 4; R6, R20, R26, R30): incident counts and durations (MTTA, TTD, TTR,
 * customer impact) with their distributions, on-call load and fairness per person and team, notification delivery
 * per channel, and learning (postmortems on time, action items open and overdue), for a date range and filters by
 * team, service, severity and priority. Read from its own tables, which listeners keep up to date from the events of
 * incidents, alerts, notify, on-call and learning (after commit, through the event publication registry), plus a
 * rebuild from the source modules for data that existed before. The Reports page is a list of
 * {@link io.tocsin.reports.ReportSection} beans, so other modules (SLA compliance) add their own sections.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports")
package io.tocsin.reports;
