package io.tocsin.incidents;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The answers to the assessment questions (R18). The question "when did it start" is the incident's
 * impact-start time and lives there, so that TTD and TTR follow the assessment.
 */
public record Assessment(String customerImpact, String customersSee, AffectedScope affectedScope,
        Integer affectedCount, Integer supportTicketCount, String otherFactors, String otherFactorsNote,
        ChangeCorrelation changeCorrelation, String changeReference, Instant assessedAt, UUID assessedBy) {

    public static Assessment empty() {
        return new Assessment(null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean done() {
        return assessedAt != null;
    }

    public Set<OtherFactor> factors() {
        if (otherFactors == null || otherFactors.isBlank()) {
            return EnumSet.noneOf(OtherFactor.class);
        }
        return Arrays.stream(otherFactors.split(",")).map(String::strip).map(OtherFactor::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(OtherFactor.class)));
    }

    static String encode(Set<OtherFactor> factors) {
        return factors == null || factors.isEmpty() ? null
                : factors.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }
}
