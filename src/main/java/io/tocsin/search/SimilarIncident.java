package io.tocsin.search;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A past incident like the one at hand, with why it is similar, what helped then and who helped (issue 18 point 2).
 * {@code score} orders the list (hybrid ranking; larger is closer) and has no meaning across queries.
 */
@Schema(name = "SimilarIncident")
public record SimilarIncident(UUID incidentId, String key, String summary, String status, Instant declaredAt,
        Instant resolvedAt, double score, Set<SimilarityReason> reasons, String resolution, List<KnownFix> fixes,
        List<Helper> helpers) {

    /** A problem or known error linked to the past incident, with its workaround where one is written down. */
    @Schema(name = "SimilarIncidentFix")
    public record KnownFix(String problemKey, String title, String status, boolean knownError, String workaround) {
    }

    /** Someone who worked the past incident: who resolved it, its incident manager, role holders. */
    @Schema(name = "SimilarIncidentHelper")
    public record Helper(UUID userId, String name, List<String> did) {
    }
}
