package io.tocsin.oncall.internal;

import java.time.Instant;
import java.util.UUID;

import io.tocsin.oncall.planning.OverrideSpec;

/** A person on call instead of whoever the layers say; who made it and why is kept with it. */
public record Override(UUID id, UUID scheduleId, UUID userId, Instant start, Instant end, String reason,
        UUID coverRequestId, Instant createdAt, UUID createdBy, String createdByName) {

    public OverrideSpec spec() {
        return new OverrideSpec(id, userId, start, end);
    }
}
