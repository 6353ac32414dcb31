package io.tocsin.incidents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.identity.Actor;

/** The domain events of the incident aggregate and its timeline. */
public final class IncidentEvents {

    private IncidentEvents() {
    }

    /** A new incident exists; {@code major} is severity 1 or 2 (R5). */
    public record Declared(UUID incidentId, String key, int severity, boolean major, UUID serviceId, String summary,
            String source, Actor actor, Instant at) implements IncidentEvent {
    }

    public record ManagerAssigned(UUID incidentId, String key, UUID managerId, String managerName,
            UUID previousManagerId, Actor actor, Instant at) implements IncidentEvent {
    }

    public record StatusChanged(UUID incidentId, String key, IncidentStatus from, IncidentStatus to, String reason,
            Actor actor, Instant at) implements IncidentEvent {
    }

    public record SeverityChanged(UUID incidentId, String key, int from, int to, String reason, Actor actor,
            Instant at) implements IncidentEvent {

        public boolean becameMajor() {
            return from > 2 && to <= 2;
        }
    }

    public record Updated(UUID incidentId, String key, List<FieldChange> changes, Actor actor, Instant at)
            implements IncidentEvent {
    }

    public record Assessed(UUID incidentId, String key, List<FieldChange> changes, Actor actor, Instant at)
            implements IncidentEvent {
    }

    public record TimesCorrected(UUID incidentId, String key, List<FieldChange> changes, String reason, Actor actor,
            Instant at) implements IncidentEvent {
    }

    /** Any entry on the timeline, typed by people or recorded automatically. */
    public record TimelineEntryAdded(UUID incidentId, String key, long entryId, TimelineEntryKind kind,
            Actor actor, Instant at) implements IncidentEvent {
    }
}
