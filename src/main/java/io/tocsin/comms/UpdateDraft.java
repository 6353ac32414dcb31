package io.tocsin.comms;

import java.time.Instant;
import java.util.List;

/**
 * What someone writes for an update (R23, R25). {@code summary} is the one-to-two-sentence summary of the current
 * state and impact; {@code currentStatus} and {@code nextSteps} are the 2-4 bullets; {@code nextUpdateAt} defaults
 * to the cadence of the incident's severity; {@code language} (en, de) defaults to the poster's. Gaps of the
 * completeness checklist are refused unless {@code acknowledgeGaps} says the poster saw them.
 */
public record UpdateDraft(UpdateAudience audience, UpdateKind kind, String language, String summary,
        String customerImpact, String affected, String rootCause, String expectedRecovery, List<String> currentStatus,
        List<String> nextSteps, Instant nextUpdateAt, String keyFigures, List<String> additionalRecipients,
        Boolean acknowledgeGaps) {

    public UpdateDraft {
        currentStatus = clean(currentStatus);
        nextSteps = clean(nextSteps);
        additionalRecipients = clean(additionalRecipients);
        acknowledgeGaps = Boolean.TRUE.equals(acknowledgeGaps);
    }

    private static List<String> clean(List<String> lines) {
        return lines == null ? List.of() : lines.stream().filter(l -> l != null && !l.isBlank()).map(String::strip).toList();
    }
}
