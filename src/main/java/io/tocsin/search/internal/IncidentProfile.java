package io.tocsin.search.internal;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What similarity compares for one incident: its text (summary, description, people's timeline entries, alert
 * summaries, postmortem), its service and alert sources (integration ids). {@code past} when resolved or closed.
 */
record IncidentProfile(UUID incidentId, String key, String summary, String status, boolean past, UUID serviceId,
        Set<String> alertSources, String text, String resolution, Instant declaredAt, Instant resolvedAt) {

    /** What is embedded: the summary twice (it is the densest statement) and the start of the rest. */
    String embeddingText() {
        var rest = text.length() > 1200 ? text.substring(0, 1200) : text;
        return summary + ". " + rest;
    }
}
