package io.tocsin.incidents;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The instants of R26 and what follows from them (Atlassian's definitions in seed 003). TTD is impact start to
 * detection, reported only where both are known: a guessed time would drag every median towards zero. TTR is impact
 * start to resolution; where the start is unknown it counts from detection, else from the declaration (as PagerDuty
 * counts its MTTR from the incident's creation), so a resolved incident always has a TTR.
 */
public record IncidentTimes(Instant impactStartedAt, Instant detectedAt, Instant resolvedAt, Instant declaredAt) {

    public Optional<Duration> timeToDetect() {
        if (impactStartedAt == null || detectedAt == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(impactStartedAt, detectedAt));
    }

    public Optional<Duration> timeToRecover() {
        var from = recoveryCountedFrom();
        if (from == null || resolvedAt == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(from, resolvedAt));
    }

    /** Where TTR starts: the impact start, else detection, else the declaration. */
    public Instant recoveryCountedFrom() {
        return impactStartedAt != null ? impactStartedAt : detectedAt != null ? detectedAt : declaredAt;
    }
}
