package io.tocsin.importer.internal;

import java.util.List;

import io.tocsin.escalation.PolicyImport;

/**
 * A source escalation policy in Tocsin's terms, with the services the source assigned it to, and the source's own
 * rules as its people see them ({@code sourceSteps}, {@code sourceRepeats}), to show next to Tocsin's preview.
 */
public record MappedPolicy(String sourceId, PolicyImport.Definition definition, List<String> serviceSourceIds,
        Fidelity fidelity, List<String> reasons, List<SourceStep> sourceSteps, long sourceRepeats) {

    public MappedPolicy {
        serviceSourceIds = List.copyOf(serviceSourceIds);
        reasons = List.copyOf(reasons);
        sourceSteps = List.copyOf(sourceSteps);
    }

    /**
     * One rule of the source policy: it starts {@code startsAfterMinutes} after the alert (PagerDuty: the sum of
     * the earlier rules' delays; Opsgenie: its own delay) and notifies {@code targets}, as the source names them.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ImportSourceRule")
    public record SourceStep(int rule, long startsAfterMinutes, List<String> targets) {

        public SourceStep {
            targets = List.copyOf(targets);
        }
    }
}
