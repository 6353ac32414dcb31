/**
 * On-call schedules: teams' rotations in layers with restrictions (follow-the-sun), overrides and cover
 * requests, the primary/secondary link, the incident manager on call (IMOC), who-is-on-call queries and
 * iCalendar feeds. Other modules ask {@link io.tocsin.oncall.OnCall}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "On-call")
package io.tocsin.oncall;
