package io.tocsin.oncall;

import java.time.ZoneId;
import java.util.UUID;

/** A schedule as other modules see it; {@code secondaryOf} names the primary schedule when this is a secondary. */
public record ScheduleRef(UUID id, String name, UUID teamId, ZoneId zone, UUID secondaryOf) {
}
