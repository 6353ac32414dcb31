package io.tocsin.incidents.web;

import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentLinks;
import io.tocsin.incidents.SeverityScale;
import io.tocsin.incidents.WorkflowAction;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Builds {@link IncidentView}s, resolving names of services, products and people. */
@Component
class IncidentViews {

    private final Catalog catalog;
    private final Identity identity;
    private final IncidentLinks links;
    private final SeverityScale severities;
    private final String baseUrl;

    IncidentViews(Catalog catalog, Identity identity, IncidentLinks links, SeverityScale severities,
            @Value("${tocsin.base-url}") String baseUrl) {
        this.catalog = catalog;
        this.identity = identity;
        this.links = links;
        this.severities = severities;
        this.baseUrl = baseUrl;
    }

    IncidentView of(Incident i, Locale locale) {
        var service = catalog.findService(i.serviceId());
        var products = catalog.productsById(i.productIds()).values().stream()
                .map(p -> new IncidentView.Ref(p.id(), p.name()))
                .sorted(Comparator.comparing(IncidentView.Ref::name)).toList();
        var manager = identity.findUser(i.incidentManagerId()).map(u -> new IncidentView.Ref(u.id(), u.name()))
                .orElse(null);
        var times = i.times();
        var ttd = times.timeToDetect().orElse(null);
        var ttr = times.timeToRecover().orElse(null);
        var a = i.assessment();
        return new IncidentView(i.id(), i.key(), i.summary(), i.description(), i.reporterContact(), i.severity(),
                severities.label(i.severity(), locale), i.major(),
                new IncidentView.Ref(i.serviceId(), service.map(s -> s.name()).orElse(null)), products,
                i.urgency(), i.impact(), i.priority(), i.category(), i.status(),
                i.allowedActions().stream().map(WorkflowAction::slug).toList(), manager, i.source(), i.declaredAt(),
                i.declaredBy() == null ? null : new IncidentView.Ref(i.declaredBy(), i.declaredByName()),
                i.assignedAt(), i.impactStartedAt(), i.detectedAt(), i.resolvedAt(), i.closedAt(),
                new IncidentView.Metrics(ttd, seconds(ttd), ttr, seconds(ttr)),
                new IncidentView.AssessmentView(a.customerImpact(), a.customersSee(), a.affectedScope(),
                        a.affectedCount(), a.supportTicketCount(), a.factors(), a.otherFactorsNote(),
                        a.changeCorrelation(), a.changeReference(), a.assessedAt()),
                links.ticketCount(i.id()), i.updatedAt(), i.version(), baseUrl + "/incidents/" + i.key());
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
