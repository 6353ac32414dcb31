package io.tocsin.notify;

/** Why a message goes out. Only pages are rate limited and bundled; verification codes always go out. */
public enum DeliveryKind {
    /** Someone must act on a subject. */
    PAGE,
    /** A code that proves a contact method reaches its owner. */
    VERIFICATION,
    /** One message that stands for several held-back pages ("3 new alerts"). */
    BUNDLE
}
