package io.tocsin.oncall.planning;

import java.time.Instant;
import java.util.UUID;

/** Someone on call instead of whoever the layers say, for {@code [start, end)}. Later overrides win. */
public record OverrideSpec(UUID id, UUID userId, Instant start, Instant end) {
}
