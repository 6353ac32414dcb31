package io.tocsin.notify;

/**
 * Why a message goes out. Pages, verification codes and bundles reach a person through one of their verified
 * contact methods; only pages are rate limited and bundled, verification codes always go out. The other kinds are
 * e-mails to an address ({@link MailRequest}): what the delivery log shows and filters them by.
 */
public enum DeliveryKind {
    /** Someone must act on a subject. */
    PAGE,
    /** A code that proves a contact method reaches its owner. */
    VERIFICATION,
    /** One message that stands for several held-back pages ("3 new alerts"). */
    BUNDLE,
    /** News about a subject for people who asked to hear it: stakeholder lists, subscribers. */
    UPDATE,
    /** Asks someone to do something that is due (an incident update is overdue). */
    REMINDER,
    /** Tells someone that something changed for them (a role was given to them, a handover is due). */
    NOTICE,
    /** Invites to a meeting, usually with an iCalendar attachment (a postmortem review). */
    INVITATION;

    /** An e-mail to an address rather than a message through a person's contact method. */
    public boolean mail() {
        return switch (this) {
            case PAGE, VERIFICATION, BUNDLE -> false;
            case UPDATE, REMINDER, NOTICE, INVITATION -> true;
        };
    }
}
