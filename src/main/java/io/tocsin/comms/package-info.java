/**
 * Incident communication (R17, R20 prompts, R22 internal side, R23, R24, R25): chat room, video link and status
 * document per incident; internal and external updates from editable templates with the handbook's completeness
 * checklist; update cadence with reminders; stakeholder distribution lists and service subscriptions; the
 * internal status page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Communication")
package io.tocsin.comms;
