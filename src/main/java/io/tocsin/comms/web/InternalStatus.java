package io.tocsin.comms.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.catalog.Catalog;
import io.tocsin.comms.IncidentChannels;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.incidents.IncidentFilter;
import io.tocsin.incidents.IncidentStatus;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.SeverityScale;
import org.springframework.stereotype.Component;

/**
 * The internal status page (R22, seed 003): every ongoing incident for every employee, with the key to find the
 * chat room, and the latest internal update. Major incidents first, then the longest running.
 */
@Component
class InternalStatus {

    private final Incidents incidents;
    private final Catalog catalog;
    private final IncidentUpdates updates;
    private final SeverityScale severities;

    InternalStatus(Incidents incidents, Catalog catalog, IncidentUpdates updates, SeverityScale severities) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.updates = updates;
        this.severities = severities;
    }

    record Latest(String title, String body, Instant postedAt, String postedBy) {
    }

    @Schema(name = "InternalStatusRow")
    record Row(String key, String summary, int severity, String severityLabel, boolean major, IncidentStatus status,
            UUID serviceId, String service, List<String> products, String room, Latest latestUpdate,
            Instant nextUpdateDueAt, Instant declaredAt) {
    }

    List<Row> rows(Locale locale) {
        var open = incidents.list(new IncidentFilter(Set.of(IncidentStatus.NEW, IncidentStatus.FIXING), Set.of(), null,
                null, null, null, 500, 0));
        var services = catalog.servicesById(open.stream().map(i -> i.serviceId()).toList());
        return open.stream().map(i -> {
            var incident = incidents.find(i.id()).orElseThrow();
            var products = catalog.productsById(incident.productIds()).values().stream().map(p -> p.name()).sorted().toList();
            var latest = updates.latest(i.id(), UpdateAudience.INTERNAL)
                    .map(u -> new Latest(u.title(), u.body(), u.postedAt(), u.postedByName())).orElse(null);
            var service = services.get(i.serviceId());
            return new Row(i.key(), i.summary(), i.severity(), severities.label(i.severity(), locale), i.major(),
                    i.status(), i.serviceId(), service == null ? "?" : service.name(), products,
                    IncidentChannels.room(i.key()), latest, updates.nextDue(i.id()).orElse(null), i.declaredAt());
        }).toList();
    }
}
