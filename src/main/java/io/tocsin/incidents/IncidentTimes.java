package io.tocsin.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The three instants of R26 and what follows from them: TTD is impact start to detection, TTR is impact start to
 * resolution (Atlassian's definitions in seed 003).
 */
public record IncidentTimes(Instant impactStartedAt, Instant detectedAt, Instant resolvedAt) {

    public Optional<Duration> timeToDetect() {
        if (impactStartedAt == null || detectedAt == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(impactStartedAt, detectedAt));
    }

    public Optional<Duration> timeToRecover() {
        if (impactStartedAt == null || resolvedAt == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(impactStartedAt, resolvedAt));
    }
}
