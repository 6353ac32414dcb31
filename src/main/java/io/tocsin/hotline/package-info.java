/**
 * The phone hotline (R3, issue 19 point 4): a number at the telephony provider answers with a short menu; a caller
 * reports a new problem (their number and recorded description become an incident, severity 3 by default, the
 * caller as reporter contact) or hears who is on call and is connected. Built on notify's Twilio webhook checks,
 * incidents and on-call.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Hotline")
package io.tocsin.hotline;
