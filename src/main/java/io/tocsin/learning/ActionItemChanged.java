package io.tocsin.learning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An action item was created or changed (status, due date, owner), for modules that count them (reports, issue 16).
 * {@code overdueFrom} is the first instant it is overdue while open.
 */
public record ActionItemChanged(UUID itemId, UUID incidentId, UUID serviceId, UUID teamId, ActionItemStatus status,
        LocalDate dueOn, Instant overdueFrom, Instant createdAt, Instant doneAt, Instant at) {
}
