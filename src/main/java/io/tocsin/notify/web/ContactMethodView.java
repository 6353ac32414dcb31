package io.tocsin.notify.web;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tocsin.notify.ContactMethod;
import io.tocsin.notify.ContactMethodType;

/** A contact method as the API shows it; the webhook secret only once, in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ContactMethodView(UUID id, UUID userId, ContactMethodType type, String name, String destination,
        boolean verified, Instant verifiedAt, boolean optedOut, boolean privateTargetAllowed, Instant codeSentAt,
        Instant createdAt, String webhookSecret) {

    static ContactMethodView of(ContactMethod m) {
        return of(m, null);
    }

    static ContactMethodView of(ContactMethod m, String secret) {
        return new ContactMethodView(m.id(), m.userId(), m.type(), m.name(), m.destination(), m.verified(),
                m.verifiedAt(), m.optedOut(), m.privateTargetAllowed(), m.codeSentAt(), m.createdAt(), secret);
    }
}
