/**
 * The incident: its key, fields, severity and priority, the response workflow (R15), assessment (R18), the
 * timeline (R19), linked support tickets and clean-up tasks (R7, R27), and impact/detection/resolution times
 * with TTD and TTR (R26).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package io.tocsin.incidents;
