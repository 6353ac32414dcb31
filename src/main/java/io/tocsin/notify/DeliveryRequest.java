package io.tocsin.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * One message to one contact method. {@code idempotencyKey} names what, to whom and which attempt (e.g.
 * {@code esc:<run>:L1:A2:<contactMethod>}); enqueueing the same key twice, from a retry or from a second node,
 * yields one delivery. {@code notBefore} null means now.
 */
public record DeliveryRequest(String idempotencyKey, UUID contactMethodId, DeliveryKind kind, Subject subject,
        Instant notBefore) {

    public static final int MAX_KEY = 300;

    public DeliveryRequest {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY) {
            throw new IllegalArgumentException("an idempotency key of 1 to " + MAX_KEY + " characters is required");
        }
        if (contactMethodId == null || kind == null) {
            throw new IllegalArgumentException("a contact method and a kind are required");
        }
        if (kind.mail()) {
            throw new IllegalArgumentException(kind + " is a mail to an address: queue it as a MailRequest");
        }
        if (kind == DeliveryKind.PAGE && subject == null) {
            throw new IllegalArgumentException("a page needs a subject");
        }
    }

    public static DeliveryRequest page(String idempotencyKey, UUID contactMethodId, Subject subject) {
        return new DeliveryRequest(idempotencyKey, contactMethodId, DeliveryKind.PAGE, subject, null);
    }
}
