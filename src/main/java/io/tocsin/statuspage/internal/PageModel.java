package io.tocsin.statuspage.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.tocsin.statuspage.PublicIncidents.PublicIncident;
import io.tocsin.statuspage.StatusPages;

/**
 * Everything one page shows, as the snapshot holds it: only public fields. The HTML, the JSON and the badge are
 * all rendered from this.
 */
public record PageModel(StatusPages.Page page, String url, List<StatusPages.Group> groups,
        List<ComponentView> components, List<PublicIncident> incidents, Indicator indicator, Instant updatedAt,
        Instant builtAt) {

    public record ComponentView(StatusPages.Component component, List<UptimeBars.Day> days, double uptime) {
    }

    public ZoneId zone() {
        return ZoneId.of(page.timeZone());
    }

    public String componentName(UUID id) {
        return components.stream().filter(c -> c.component().id().equals(id)).map(c -> c.component().name())
                .findFirst().orElse("?");
    }

    public List<PublicIncident> unresolved() {
        return incidents.stream().filter(i -> !i.maintenance() && !i.status().ends()).toList();
    }

    public List<PublicIncident> maintenances() {
        return incidents.stream().filter(PublicIncident::maintenance).toList();
    }
}
