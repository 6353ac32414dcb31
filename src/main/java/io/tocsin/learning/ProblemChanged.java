package io.tocsin.learning;

import java.util.List;
import java.util.UUID;

/**
 * A problem was opened or changed, or an incident was linked to it: for modules that show problems next to their
 * incidents, such as search (a new known error is found at once, not at the next reconciliation).
 */
public record ProblemChanged(UUID problemId, String key, List<UUID> incidentIds) {
}
