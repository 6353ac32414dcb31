package io.tocsin.incidents.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.incidents.AffectedScope;
import io.tocsin.incidents.ChangeCorrelation;
import io.tocsin.incidents.Impact;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.OtherFactor;
import io.tocsin.incidents.Priority;
import io.tocsin.incidents.Urgency;

/** The full incident as the REST API returns it. */
record IncidentView(UUID id, String key, String summary, String description, String reporterContact, int severity,
        String severityLabel, boolean major, Ref service, List<Ref> products, Urgency urgency, Impact impact,
        Priority priority, String category, IncidentStatus status, List<String> allowedActions,
        Ref incidentManager, String source, Instant declaredAt, Ref declaredBy, Instant assignedAt,
        Instant impactStartedAt, Instant detectedAt, Instant resolvedAt, Instant closedAt, Metrics metrics,
        AssessmentView assessment, long supportTicketCount, Instant updatedAt, long version, String url) {

    record Ref(UUID id, String name) {
    }

    /** Durations as ISO 8601 ({@code PT1H23M}) and in seconds for easy charting. */
    record Metrics(Duration timeToDetect, Long timeToDetectSeconds, Duration timeToRecover, Long timeToRecoverSeconds) {
    }

    record AssessmentView(String customerImpact, String customersSee, AffectedScope affectedScope,
            Integer affectedCount, Integer supportTicketCount, Set<OtherFactor> otherFactors, String otherFactorsNote,
            ChangeCorrelation changeCorrelation, String changeReference, Instant assessedAt) {
    }
}
