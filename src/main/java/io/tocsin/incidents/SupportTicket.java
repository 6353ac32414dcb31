package io.tocsin.incidents;

import java.time.Instant;
import java.util.UUID;

/** A customer support ticket linked to an incident by its key (R7), to count and later contact the customers. */
public record SupportTicket(UUID id, UUID incidentId, String system, String externalId, String customer, String url,
        Instant linkedAt, String linkedByName) {
}
