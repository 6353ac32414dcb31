package io.tocsin.incidents;

import java.time.Instant;
import java.util.UUID;

import io.tocsin.identity.Actor;

/** Something that happened to an incident. Other modules react to these after the change has committed. */
public sealed interface IncidentEvent permits IncidentEvents.Declared, IncidentEvents.ManagerAssigned,
        IncidentEvents.StatusChanged, IncidentEvents.SeverityChanged, IncidentEvents.Updated,
        IncidentEvents.Assessed, IncidentEvents.TimesCorrected, IncidentEvents.TimelineEntryAdded {

    UUID incidentId();

    String key();

    Actor actor();

    Instant at();
}
