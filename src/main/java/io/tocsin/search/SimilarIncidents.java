package io.tocsin.search;

import java.util.List;
import java.util.UUID;

/**
 * The most similar past (resolved or closed) incidents to an incident, best first (issue 18 point 2, R32). For
 * other modules, e.g. assist's drafts; the incident page's panel and {@code GET /api/v1/incidents/{ref}/similar}
 * use it too. Answers from this node's index; an incident changed a moment ago may not be reflected yet.
 */
public interface SimilarIncidents {

    List<SimilarIncident> findFor(UUID incidentId, int limit);
}
