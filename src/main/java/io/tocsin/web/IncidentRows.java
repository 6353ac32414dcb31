package io.tocsin.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.incidents.IncidentSummary;
import org.springframework.stereotype.Component;

/** Incident list rows with the names a person reads (service, incident manager) resolved in two queries. */
@Component
class IncidentRows {

    private final Catalog catalog;
    private final Identity identity;

    IncidentRows(Catalog catalog, Identity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    record Row(IncidentSummary incident, String serviceName, UUID serviceId, String managerName) {
    }

    List<Row> of(List<IncidentSummary> incidents) {
        Map<UUID, Service> services = catalog.servicesById(incidents.stream().map(IncidentSummary::serviceId).toList());
        Map<UUID, User> users = identity.usersById(incidents.stream().map(IncidentSummary::incidentManagerId)
                .flatMap(id -> Stream.ofNullable(id)).toList());
        return incidents.stream().map(i -> new Row(i,
                services.containsKey(i.serviceId()) ? services.get(i.serviceId()).name() : "?", i.serviceId(),
                i.incidentManagerId() == null ? null
                        : users.containsKey(i.incidentManagerId()) ? users.get(i.incidentManagerId()).name() : "?"))
                .toList();
    }
}
