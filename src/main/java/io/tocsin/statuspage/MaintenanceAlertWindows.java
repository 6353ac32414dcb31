package io.tocsin.statuspage;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.alerts.AlertMaintenance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alerts maintenance windows a scheduled maintenance owns (issue 11 point 4, R14): one per service that its
 * components follow, opened, moved and ended with it through {@link AlertMaintenance}, so the maintenance on the
 * page and the quiet pager are one object with one place to edit. Alerts asks here before it lets its own API end
 * a window.
 */
@Component
@Transactional
class MaintenanceAlertWindows implements AlertMaintenance.Owner {

    private final JdbcClient jdbc;
    private final AlertMaintenance alerts;
    private final StatusPages pages;

    MaintenanceAlertWindows(JdbcClient jdbc, AlertMaintenance alerts, StatusPages pages) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.pages = pages;
    }

    /** The services the maintenance's components follow, on its page. */
    List<UUID> services(UUID pageId, Collection<UUID> componentIds) {
        var services = new LinkedHashSet<UUID>();
        for (var id : componentIds) {
            services.addAll(pages.component(pageId, id).serviceIds());
        }
        return List.copyOf(services);
    }

    void open(UUID maintenanceId, String name, Collection<UUID> serviceIds, Instant from, Instant until) {
        var windows = alerts.open(serviceIds, from, until, "Status page maintenance: " + name);
        windows.forEach((service, window) -> jdbc.sql(
                "insert into status_maintenance_window (status_incident_id, window_id, service_id) values (?, ?, ?)")
                .params(maintenanceId, window, service).update());
    }

    void move(UUID maintenanceId, Instant from, Instant until) {
        var windows = of(maintenanceId);
        if (!windows.isEmpty()) {
            alerts.move(windows, from, until);
        }
    }

    void end(UUID maintenanceId) {
        var windows = of(maintenanceId);
        if (!windows.isEmpty()) {
            alerts.end(windows);
        }
    }

    @Transactional(readOnly = true)
    List<UUID> of(UUID maintenanceId) {
        return jdbc.sql("select window_id from status_maintenance_window where status_incident_id = ? order by service_id")
                .param(maintenanceId).query(UUID.class).list();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> ownerOf(UUID windowId) {
        return jdbc.sql("""
                select p.name, i.name from status_maintenance_window w join status_incident i on i.id = w.status_incident_id
                join status_page p on p.id = i.page_id where w.window_id = ?""").param(windowId)
                .query((rs, n) -> "the maintenance '" + rs.getString(2) + "' on status page '" + rs.getString(1) + "'")
                .optional();
    }
}
