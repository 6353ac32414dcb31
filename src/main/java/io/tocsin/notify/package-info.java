/**
 * Reaches people and takes their answers (R12): per-user contact methods (e-mail, SMS, voice, webhook), each
 * verified before use; notification rules (which method after how many minutes); a delivery outbox with
 * idempotency keys, retries and a delivery log, which also carries other modules' e-mail to plain addresses
 * ({@link io.tocsin.notify.MailRequest}: stakeholders, subscribers, invitations with attachments); channels behind
 * an SPI (SMTP, Twilio, signed webhooks); rate limits that bundle an alert storm into one message; and two-way
 * answers (e-mail links, SMS replies, keypresses)
 * handed to an {@link io.tocsin.notify.AnswerHandler}. Notify never decides who is paged or when to stop: that is
 * the escalation module's job, built on {@link io.tocsin.notify.Notifications} and
 * {@link io.tocsin.notify.ContactMethods}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notify")
package io.tocsin.notify;
