package io.tocsin.importer.internal;

import java.util.List;

import io.tocsin.escalation.PolicyImport;

/** A source escalation policy in Tocsin's terms, with the services the source assigned it to. */
public record MappedPolicy(String sourceId, PolicyImport.Definition definition, List<String> serviceSourceIds,
        Fidelity fidelity, List<String> reasons) {

    public MappedPolicy {
        serviceSourceIds = List.copyOf(serviceSourceIds);
        reasons = List.copyOf(reasons);
    }
}
