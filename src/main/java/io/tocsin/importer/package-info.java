/**
 * Import from Opsgenie and PagerDuty (issue 20, R9, R10): people matched by e-mail, teams, schedules with
 * rotations, restrictions and overrides, and escalation policies, each mapped exactly or approximately (with the
 * reason), written in one transaction, tagged with its source id so a second import updates instead of
 * duplicating; then an equivalence check of who is on call, source against Tocsin, every 15 minutes for 8 weeks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Importer")
package io.tocsin.importer;
