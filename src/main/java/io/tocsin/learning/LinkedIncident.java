package io.tocsin.learning;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.relational.core.mapping.Table;

/** An incident a problem explains; several incidents share one problem. */
@Table("problem_incident")
public record LinkedIncident(UUID incidentId, String incidentKey, UUID serviceId, Instant linkedAt) {
}
