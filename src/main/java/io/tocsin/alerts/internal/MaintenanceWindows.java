package io.tocsin.alerts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.alerts.AlertMaintenance;
import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maintenance windows per service: alerts inside one are recorded and marked, open no incident, page nobody. Other
 * modules open windows they own through {@link AlertMaintenance} (a status page maintenance); those are changed only
 * through their owner.
 */
@Component
@Transactional
public class MaintenanceWindows implements AlertMaintenance {

    /** The longest window, in minutes (a constant, so request bodies can be validated against it). */
    public static final long MAX_MINUTES = 31L * 24 * 60;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Catalog catalog;
    private final AuditLog audit;
    private final ObjectProvider<AlertMaintenance.Owner> owners;

    MaintenanceWindows(JdbcClient jdbc, Clock clock, Catalog catalog, AuditLog audit,
            ObjectProvider<AlertMaintenance.Owner> owners) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.catalog = catalog;
        this.audit = audit;
        this.owners = owners;
    }

    public record Window(UUID id, UUID serviceId, Instant startsAt, Instant endsAt, String reason, String createdBy,
            Instant cancelledAt) {
        public boolean activeAt(Instant at) {
            return cancelledAt == null && !at.isBefore(startsAt) && at.isBefore(endsAt);
        }
    }

    /** Scheduled ahead ({@code startsAt} given) or starting now; the end is {@code endsAt} or start + duration. */
    public Window create(UUID serviceId, Instant startsAt, Instant endsAt, Duration duration, String reason) {
        catalog.findService(serviceId).orElseThrow(() -> new InvalidInputException("serviceId",
                "no service with id " + serviceId));
        catalog.configurable(serviceId);
        var now = clock.instant();
        var start = startsAt == null ? now : startsAt;
        if (endsAt == null && duration == null) {
            throw new InvalidInputException("endsAt", "give an end time or a duration");
        }
        var end = endsAt != null ? endsAt : start.plus(duration);
        if (!end.isAfter(start)) {
            throw new InvalidInputException("endsAt", "must be after the start");
        }
        if (!end.isAfter(now)) {
            throw new InvalidInputException("endsAt", "must be in the future");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw new InvalidInputException("endsAt", "a window lasts at most 31 days");
        }
        if (reason != null && reason.length() > 1000) {
            throw new InvalidInputException("reason", "must be at most 1000 characters");
        }
        var id = UUID.randomUUID();
        var actor = CurrentActor.get();
        jdbc.sql("insert into maintenance_window (id, service_id, starts_at, ends_at, reason, created_at, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, serviceId, Timestamp.from(start), Timestamp.from(end), reason, Timestamp.from(now),
                        actor.name())
                .update();
        audit.record(actor, "maintenance.created", "service", serviceId, io.tocsin.identity.Changes.of()
                .field("window", null, start + " - " + end).field("reason", null, reason).toString());
        return get(id);
    }

    /** Ends a window now (or cancels a future one), unless another module owns it. */
    public Window end(UUID id) {
        var window = get(id);
        catalog.configurable(window.serviceId());
        for (var owner : owners) {
            owner.ownerOf(id).ifPresent(name -> {
                throw new ConflictException("maintenance-window-owned",
                        "this window belongs to " + name + "; move or cancel it there");
            });
        }
        return endNow(window);
    }

    private Window endNow(Window window) {
        var id = window.id();
        var now = clock.instant();
        if (window.cancelledAt() == null && window.endsAt().isAfter(now)) {
            jdbc.sql("update maintenance_window set cancelled_at = ? where id = ?").params(Timestamp.from(now), id)
                    .update();
            audit.record(CurrentActor.get(), "maintenance.ended", "service", window.serviceId(), io.tocsin.identity
                    .Changes.of().field("endsAt", window.endsAt(), now).toString());
        }
        return get(id);
    }

    @Override
    public Map<UUID, UUID> open(Collection<UUID> serviceIds, Instant startsAt, Instant endsAt, String reason) {
        var ids = new LinkedHashMap<UUID, UUID>();
        for (var serviceId : new LinkedHashSet<>(serviceIds)) {
            ids.put(serviceId, create(serviceId, startsAt, endsAt, null,
                    reason != null && reason.length() > 1000 ? reason.substring(0, 1000) : reason).id());
        }
        return ids;
    }

    @Override
    public void move(Collection<UUID> windowIds, Instant startsAt, Instant endsAt) {
        if (!endsAt.isAfter(startsAt) || Duration.between(startsAt, endsAt).compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a window starts before it ends and lasts at most 31 days");
        }
        for (var id : windowIds) {
            var window = get(id);
            if (window.cancelledAt() == null) {
                jdbc.sql("update maintenance_window set starts_at = ?, ends_at = ? where id = ?")
                        .params(Timestamp.from(startsAt), Timestamp.from(endsAt), id).update();
                audit.record(CurrentActor.get(), "maintenance.moved", "service", window.serviceId(),
                        startsAt + " - " + endsAt);
            }
        }
    }

    @Override
    public void end(Collection<UUID> windowIds) {
        windowIds.forEach(id -> endNow(get(id)));
    }

    @Transactional(readOnly = true)
    public Window get(UUID id) {
        return jdbc.sql("select * from maintenance_window where id = ?").param(id).query(MaintenanceWindows::map)
                .optional().orElseThrow(() -> new NotFoundException("maintenance window", id));
    }

    /** Current and future windows, optionally of one service. */
    @Transactional(readOnly = true)
    public List<Window> upcoming(UUID serviceId) {
        var now = Timestamp.from(clock.instant());
        if (serviceId == null) {
            return jdbc.sql("select * from maintenance_window where ends_at > ? and cancelled_at is null"
                    + " order by starts_at").param(now).query(MaintenanceWindows::map).list();
        }
        return jdbc.sql("select * from maintenance_window where service_id = ? and ends_at > ? and cancelled_at is null"
                + " order by starts_at").params(serviceId, now).query(MaintenanceWindows::map).list();
    }

    @Transactional(readOnly = true)
    public boolean active(UUID serviceId, Instant at) {
        var ts = Timestamp.from(at);
        return jdbc.sql("select count(*) from maintenance_window where service_id = ? and ends_at > ? and starts_at <= ?"
                + " and cancelled_at is null").params(serviceId, ts, ts).query(Long.class).single() > 0;
    }

    /** Which team owns a window (its service's), for the API's security chain (issue 15 point 2). */
    @org.springframework.context.annotation.Bean
    static io.tocsin.identity.TeamOwned maintenanceWindowOwner(JdbcClient jdbc, Catalog catalog) {
        return io.tocsin.identity.TeamOwned.of("maintenance-window", id -> jdbc.sql("select service_id from"
                + " maintenance_window where id = ?").param(id).query(UUID.class).optional()
                .map(service -> new io.tocsin.identity.TeamOwned.Owner(catalog.owningTeamOf(service).orElse(null))));
    }

    private static Window map(ResultSet rs, int n) throws SQLException {
        var cancelled = rs.getTimestamp("cancelled_at");
        return new Window(rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                rs.getString("reason"), rs.getString("created_by"), cancelled == null ? null : cancelled.toInstant());
    }
}
