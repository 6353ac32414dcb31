/**
 * Assistance drafts (issue 18 points 3 and 4, R32): a catch-up summary for someone joining, an update draft in the
 * handbook's shape, a postmortem draft of each section and a suggested severity with its reasons, through an
 * OpenAI-compatible chat-completions endpoint the organisation configures, or (catch-up only) an extractive
 * fallback without a model. Drafts land in the normal composers; nothing is ever sent by the assistant itself.
 * Off by default; everything that leaves passes the {@link io.tocsin.assist.Redactor}; every call is logged and
 * counted against a per-hour budget.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assistance drafts")
package io.tocsin.assist;
