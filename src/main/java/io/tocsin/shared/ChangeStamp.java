package io.tocsin.shared;

import java.time.Instant;
import java.util.UUID;

/**
 * Who created an aggregate and who changed it last, and when; embedded in every aggregate so each write records
 * its author. A null user id means Tocsin itself.
 */
public record ChangeStamp(Instant createdAt, UUID createdBy, Instant updatedAt, UUID updatedBy) {

    public static ChangeStamp created(UUID by, Instant at) {
        return new ChangeStamp(at, by, at, by);
    }

    public ChangeStamp touched(UUID by, Instant at) {
        return new ChangeStamp(createdAt, createdBy, at, by);
    }
}
