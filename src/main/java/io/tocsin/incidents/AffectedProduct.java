package io.tocsin.incidents;

import java.util.UUID;

/** A product an incident affects; part of the {@link Incident} aggregate. */
@org.springframework.data.relational.core.mapping.Table("incident_product")
record AffectedProduct(UUID productId) {
}
