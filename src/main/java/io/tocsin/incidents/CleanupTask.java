package io.tocsin.incidents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Work left after the impact is gone, linked to the incident (R27). */
public record CleanupTask(UUID id, UUID incidentId, String title, UUID ownerId, LocalDate dueDate,
        CleanupTaskStatus status, Instant createdAt, Instant updatedAt, long version) {
}
