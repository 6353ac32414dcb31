package io.tocsin.statuspage;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.alerts.AlertMaintenance;
import io.tocsin.comms.CommsEvents;
import io.tocsin.comms.IncidentUpdates;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateDraft;
import io.tocsin.comms.UpdateKind;
import io.tocsin.identity.Actor;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineArg;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.Timers;
import io.tocsin.statuspage.internal.PageChanges;
import io.tocsin.statuspage.internal.SubscriberFanOut;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Public incidents and scheduled maintenances (issue 11 points 3 and 4): published from Tocsin incidents in one
 * step, with the external template's text as the draft; each update appends to it and moves the affected
 * components; every publication appears on the incidents' timelines. Only what is typed into the public text
 * reaches visitors: no internal field of an incident is copied.
 */
@Component
@Transactional
public class PublicIncidents {

    public static final int MAX_NAME = 500;
    public static final int MAX_BODY = 5000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StatusPages pages;
    private final Incidents incidents;
    private final IncidentUpdates updates;
    private final Timeline timeline;
    private final AuditLog audit;
    private final PageChanges changes;
    private final MessageSource messages;
    private final SubscriberFanOut fanOut;
    private final Timers timers;
    private final Duration reminderLead;
    private final MaintenanceAlertWindows alertWindows;

    PublicIncidents(JdbcClient jdbc, Clock clock, StatusPages pages, Incidents incidents, IncidentUpdates updates,
            Timeline timeline, AuditLog audit, PageChanges changes, MessageSource messages, SubscriberFanOut fanOut,
            Timers timers, @Value("${tocsin.statuspage.maintenance-reminder:PT24H}") Duration reminderLead,
            MaintenanceAlertWindows alertWindows) {
        this.timers = timers;
        this.alertWindows = alertWindows;
        this.reminderLead = reminderLead;
        this.jdbc = jdbc;
        this.clock = clock;
        this.pages = pages;
        this.incidents = incidents;
        this.updates = updates;
        this.timeline = timeline;
        this.audit = audit;
        this.changes = changes;
        this.messages = messages;
        this.fanOut = fanOut;
    }

    /** What a visitor reads about one incident or maintenance. */
    public record PublicIncident(UUID id, UUID pageId, String name, PublicIncidentStatus status, String impact,
            boolean maintenance, Instant scheduledFor, Instant scheduledUntil, Instant createdAt, Instant updatedAt,
            Instant monitoringAt, Instant resolvedAt, List<UUID> incidentIds, List<Update> updates,
            @Schema(description = "The alerts maintenance windows this maintenance owns (suppressAlerts), one per"
                    + " service its components follow; never shown to visitors") List<UUID> alertWindows) {
    }

    @Schema(name = "PublicIncidentUpdate")
    public record Update(UUID id, PublicIncidentStatus status, String body, Instant createdAt, Instant displayAt,
            List<Affected> affected) {
    }

    public record Affected(UUID componentId, ComponentStatus oldStatus, ComponentStatus newStatus) {
    }

    /**
     * A publication: the Tocsin incidents it is about (none for a maintenance), the public name and text, the
     * status, and the components it affects with their new states. {@code impact} null derives it from them.
     * {@code suppressAlerts} (maintenances only) also opens the alerts maintenance windows of the services the
     * components follow, owned by the maintenance: alerts page nobody during it (R14).
     */
    public record Publication(List<String> incidents, String name, PublicIncidentStatus status, String body,
            Map<UUID, ComponentStatus> components, String impact, Instant scheduledFor, Instant scheduledUntil,
            Boolean suppressAlerts) {
    }

    /** A maintenance's new window; its owned alerts windows move with it. */
    @Schema(name = "MaintenanceSchedule")
    public record Schedule(Instant scheduledFor, Instant scheduledUntil) {
    }

    public record UpdateDraftText(String name, String body) {
    }

    public record Next(PublicIncidentStatus status, String body, Map<UUID, ComponentStatus> components) {
    }

    /** The external template's text for this incident, as the first draft of the public text. */
    @Transactional(readOnly = true)
    public UpdateDraftText draft(String incidentRef, String language, boolean fin) {
        var locale = Locale.forLanguageTag(StatusPages.LANGUAGES.contains(language) ? language : "en");
        String summary = messages.getMessage(fin ? "statuspage.draft.final-summary" : "statuspage.draft.summary",
                null, locale);
        var preview = updates.preview(incidentRef, new UpdateDraft(UpdateAudience.EXTERNAL,
                fin ? UpdateKind.FINAL : UpdateKind.INITIAL, locale.getLanguage(), summary, null, null, null, null,
                List.of(), List.of(), null, null, List.of(), true));
        return new UpdateDraftText(preview.title(), preview.body());
    }

    public PublicIncident publish(UUID pageId, Publication p) {
        var page = pages.page(pageId);
        if (p == null) {
            throw new InvalidInputException("name", "must not be blank");
        }
        var v = new ArrayList<FieldViolation>();
        String name = StatusPages.collect(v, "name", p.name(), MAX_NAME, true);
        String body = StatusPages.collect(v, "body", p.body(), MAX_BODY, true);
        boolean maintenance = p.scheduledFor() != null || p.scheduledUntil() != null;
        var status = p.status() == null ? (maintenance ? PublicIncidentStatus.SCHEDULED : PublicIncidentStatus.INVESTIGATING)
                : p.status();
        if (status.maintenance() != maintenance) {
            v.add(new FieldViolation("status", maintenance ? "a maintenance is scheduled, in_progress, verifying or completed"
                    : "an incident is investigating, identified, monitoring or resolved (a maintenance needs scheduledFor and scheduledUntil)"));
        }
        if (maintenance && (p.scheduledFor() == null || p.scheduledUntil() == null
                || !p.scheduledUntil().isAfter(p.scheduledFor()))) {
            v.add(new FieldViolation("scheduledUntil", "a maintenance needs scheduledFor before scheduledUntil"));
        }
        var sources = new ArrayList<Incident>();
        var refs = p.incidents() == null ? List.<String>of() : p.incidents();
        for (int i = 0; i < refs.size(); i++) {
            var found = refs.get(i) == null ? Optional.<Incident>empty() : incidents.find(refs.get(i).strip());
            if (found.isEmpty()) {
                v.add(new FieldViolation("incidents[" + i + "]", "no such incident"));
            } else if (sources.stream().noneMatch(s -> s.id().equals(found.get().id()))) {
                sources.add(found.get());
            }
        }
        if (!maintenance && sources.isEmpty()) {
            v.add(new FieldViolation("incidents", "name at least one incident this is about"));
        }
        var components = components(pageId, p.components(), v);
        String impact = p.impact() == null ? (maintenance ? "maintenance" : impactOf(components.values())) : p.impact();
        if (!List.of("none", "minor", "major", "critical", "maintenance").contains(impact)) {
            v.add(new FieldViolation("impact", "one of none, minor, major, critical, maintenance"));
        }
        boolean suppress = Boolean.TRUE.equals(p.suppressAlerts());
        var services = List.<UUID>of();
        if (suppress && !maintenance) {
            v.add(new FieldViolation("suppressAlerts", "only a scheduled maintenance suppresses alerts"));
        } else if (suppress && v.isEmpty()) {
            services = alertWindows.services(pageId, components.keySet());
            if (services.isEmpty()) {
                v.add(new FieldViolation("suppressAlerts", "none of the maintenance's components follows a service"));
            }
            alertWindowLimits(v, p.scheduledFor(), p.scheduledUntil());
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        var now = clock.instant();
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into status_incident (id, page_id, name, status, impact, maintenance, scheduled_for,
                    scheduled_until, created_at, updated_at, monitoring_at, resolved_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, pageId, name, status.name(), impact, maintenance, ts(p.scheduledFor()),
                        ts(p.scheduledUntil()), Timestamp.from(now), Timestamp.from(now),
                        status == PublicIncidentStatus.MONITORING ? Timestamp.from(now) : null,
                        status.ends() ? Timestamp.from(now) : null)
                .update();
        for (var s : sources) {
            jdbc.sql("insert into status_incident_source (status_incident_id, incident_id) values (?, ?)")
                    .params(id, s.id()).update();
        }
        var actor = CurrentActor.get();
        var updateId = appendUpdate(id, status, body, components, now);
        for (var s : sources) {
            timeline.recordSystem(s.id(), s.key(), "statuspage-published", List.of(TimelineArg.text(page.name()),
                    TimelineArg.text(name), TimelineArg.code("statuspage.status." + status.wire())), actor, now);
        }
        if (maintenance && !status.ends()) {
            scheduleMaintenance(id, status, p.scheduledFor(), p.scheduledUntil(), now);
            if (suppress) {
                alertWindows.open(id, name, services, status == PublicIncidentStatus.SCHEDULED ? p.scheduledFor()
                        : min(now, p.scheduledFor()), p.scheduledUntil());
            }
        }
        audit.record(actor, "statuspage.incident-published", "status-incident", id, page.slug() + " " + name);
        changes.changed();
        fanOut.update(pageId, updateId);
        return get(id);
    }

    /** Appends an update; resolving puts every component it moved back to operational (or to its services). */
    public PublicIncident update(UUID pageId, UUID publicIncidentId, Next next) {
        var current = get(publicIncidentId);
        if (!current.pageId().equals(pageId)) {
            throw new NotFoundException("public incident", publicIncidentId);
        }
        return append(current, next, CurrentActor.get());
    }

    private PublicIncident append(PublicIncident current, Next next, Actor actor) {
        if (next == null) {
            throw new InvalidInputException("body", "must not be blank");
        }
        if (current.status().ends()) {
            throw new ConflictException("incident-resolved", "this public incident is over; publish a new one");
        }
        var v = new ArrayList<FieldViolation>();
        String body = StatusPages.collect(v, "body", next.body(), MAX_BODY, true);
        var status = next.status() == null ? current.status() : next.status();
        if (status.maintenance() != current.maintenance()) {
            v.add(new FieldViolation("status", current.maintenance() ? "one of scheduled, in_progress, verifying, completed"
                    : "one of investigating, identified, monitoring, resolved"));
        }
        var components = components(current.pageId(), next.components(), v);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        if (status.ends()) {
            // Whatever this incident moved goes back, unless this last update says otherwise.
            current.updates().stream().flatMap(u -> u.affected().stream()).map(Affected::componentId).distinct()
                    .forEach(c -> components.putIfAbsent(c, ComponentStatus.OPERATIONAL));
        } else if (status == PublicIncidentStatus.IN_PROGRESS && current.maintenance()) {
            current.updates().stream().flatMap(u -> u.affected().stream()).map(Affected::componentId).distinct()
                    .forEach(c -> components.putIfAbsent(c, ComponentStatus.UNDER_MAINTENANCE));
        }
        var now = clock.instant();
        if (current.maintenance() && status.ends()) {
            alertWindows.end(current.id());
        } else if (current.maintenance() && status == PublicIncidentStatus.IN_PROGRESS
                && current.status() == PublicIncidentStatus.SCHEDULED && now.isBefore(current.scheduledFor())) {
            // Work started early: the pager goes quiet now, not at the planned start.
            alertWindows.move(current.id(), now, current.scheduledUntil());
        }
        var updateId = appendUpdate(current.id(), status, body, components, now);
        jdbc.sql("""
                update status_incident set status = ?, updated_at = ?,
                    monitoring_at = coalesce(monitoring_at, ?), resolved_at = ? where id = ?""")
                .params(status.name(), Timestamp.from(now),
                        status == PublicIncidentStatus.MONITORING ? Timestamp.from(now) : null,
                        status.ends() ? Timestamp.from(now) : null, current.id())
                .update();
        var page = pages.page(current.pageId());
        for (var incidentId : current.incidentIds()) {
            incidents.find(incidentId).ifPresent(i -> timeline.recordSystem(i.id(), i.key(), "statuspage-updated",
                    List.of(TimelineArg.text(page.name()), TimelineArg.text(current.name()),
                            TimelineArg.code("statuspage.status." + status.wire())), actor, now));
        }
        audit.record(actor, "statuspage.incident-updated", "status-incident", current.id(), status.wire());
        changes.changed();
        fanOut.update(page.id(), updateId);
        return get(current.id());
    }

    /**
     * Moves a maintenance that is not over to a new window: its timers (reminder, start, end) and the alerts windows
     * it owns move with it (issue 11 point 4).
     */
    public PublicIncident reschedule(UUID pageId, UUID publicIncidentId, Schedule schedule) {
        var current = openMaintenance(pageId, publicIncidentId);
        var v = new ArrayList<FieldViolation>();
        if (schedule == null || schedule.scheduledFor() == null || schedule.scheduledUntil() == null
                || !schedule.scheduledUntil().isAfter(schedule.scheduledFor())) {
            throw new InvalidInputException("scheduledUntil", "a maintenance needs scheduledFor before scheduledUntil");
        }
        var now = clock.instant();
        if (!schedule.scheduledUntil().isAfter(now)) {
            v.add(new FieldViolation("scheduledUntil", "must be in the future"));
        }
        if (!current.alertWindows().isEmpty()) {
            alertWindowLimits(v, schedule.scheduledFor(), schedule.scheduledUntil());
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        jdbc.sql("update status_incident set scheduled_for = ?, scheduled_until = ?, updated_at = ? where id = ?")
                .params(ts(schedule.scheduledFor()), ts(schedule.scheduledUntil()), Timestamp.from(now), current.id())
                .update();
        cancelMaintenanceTimers(current.id());
        scheduleMaintenance(current.id(), current.status(), schedule.scheduledFor(), schedule.scheduledUntil(), now);
        alertWindows.move(current.id(), current.status() == PublicIncidentStatus.SCHEDULED ? schedule.scheduledFor()
                : min(now, schedule.scheduledFor()), schedule.scheduledUntil());
        audit.record(CurrentActor.get(), "statuspage.maintenance-moved", "status-incident", current.id(),
                schedule.scheduledFor() + " - " + schedule.scheduledUntil());
        changes.changed();
        return get(current.id());
    }

    /**
     * Calls a maintenance off: completed with {@code body} (or the page language's standard text), its components
     * back, its timers gone and the alerts windows it owns ended, so paging resumes at once.
     */
    public PublicIncident cancel(UUID pageId, UUID publicIncidentId, String body) {
        var current = openMaintenance(pageId, publicIncidentId);
        String text = body == null || body.isBlank() ? messages.getMessage("statuspage.maintenance.cancelled", null,
                Locale.forLanguageTag(pages.page(pageId).language())) : body;
        var done = append(current, new Next(PublicIncidentStatus.COMPLETED, text, new LinkedHashMap<>()),
                CurrentActor.get());
        cancelMaintenanceTimers(current.id());
        return done;
    }

    private PublicIncident openMaintenance(UUID pageId, UUID publicIncidentId) {
        var current = get(publicIncidentId);
        if (!current.pageId().equals(pageId)) {
            throw new NotFoundException("public incident", publicIncidentId);
        }
        if (!current.maintenance()) {
            throw new ConflictException("not-a-maintenance", "only a scheduled maintenance is moved or cancelled");
        }
        if (current.status().ends()) {
            throw new ConflictException("maintenance-completed", "this maintenance is over");
        }
        return current;
    }

    /** The alerts module's limits on the windows a maintenance owns, under this API's field names. */
    private void alertWindowLimits(List<FieldViolation> v, Instant from, Instant until) {
        if (until != null && !until.isAfter(clock.instant())) {
            v.add(new FieldViolation("scheduledUntil", "must be in the future to suppress alerts"));
        }
        if (from != null && until != null && Duration.between(from, until).compareTo(AlertMaintenance.MAX_LENGTH) > 0) {
            v.add(new FieldViolation("scheduledUntil", "a maintenance that suppresses alerts lasts at most 31 days"));
        }
    }

    private void cancelMaintenanceTimers(UUID id) {
        for (var step : List.of("reminder", "start", "end")) {
            timers.cancel(MaintenanceTimers.KIND, id + ":" + step);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private UUID appendUpdate(UUID publicIncidentId, PublicIncidentStatus status, String body,
            Map<UUID, ComponentStatus> components, Instant now) {
        var updateId = UUID.randomUUID();
        jdbc.sql("""
                insert into status_incident_update (id, status_incident_id, status, body, created_at, display_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(updateId, publicIncidentId, status.name(), body, Timestamp.from(now), Timestamp.from(now))
                .update();
        var name = jdbc.sql("select name from status_incident where id = ?").param(publicIncidentId)
                .query(String.class).single();
        for (var entry : components.entrySet()) {
            var pageId = jdbc.sql("select page_id from status_incident where id = ?").param(publicIncidentId)
                    .query(UUID.class).single();
            var component = pages.component(pageId, entry.getKey());
            jdbc.sql("""
                    insert into status_incident_component (update_id, component_id, old_status, new_status)
                    values (?, ?, ?, ?)""")
                    .params(updateId, component.id(), component.status().name(), entry.getValue().name()).update();
            pages.apply(component, entry.getValue(), (status.maintenance() ? "maintenance: " : "incident: ") + name);
        }
        return updateId;
    }

    private Map<UUID, ComponentStatus> components(UUID pageId, Map<UUID, ComponentStatus> given, List<FieldViolation> v) {
        var result = new LinkedHashMap<UUID, ComponentStatus>();
        if (given == null) {
            return result;
        }
        var known = new LinkedHashSet<UUID>();
        pages.components(pageId).forEach(c -> known.add(c.id()));
        for (var e : given.entrySet()) {
            if (e.getKey() == null || !known.contains(e.getKey())) {
                v.add(new FieldViolation("components", "no such component on this page: " + e.getKey()));
            } else if (e.getValue() == null) {
                v.add(new FieldViolation("components", "a state for each component"));
            } else {
                result.put(e.getKey(), e.getValue());
            }
        }
        return result;
    }

    /** Statuspage's impact from the worst state the incident gives its components. */
    static String impactOf(java.util.Collection<ComponentStatus> states) {
        var worst = states.stream().reduce(ComponentStatus.OPERATIONAL, ComponentStatus::worse);
        return switch (worst) {
            case MAJOR_OUTAGE -> "critical";
            case PARTIAL_OUTAGE -> "major";
            case DEGRADED_PERFORMANCE -> "minor";
            case OPERATIONAL, UNDER_MAINTENANCE -> "none";
        };
    }

    @Transactional(readOnly = true)
    public PublicIncident get(UUID id) {
        return list("i.id = ?", id).stream().findFirst().orElseThrow(() -> new NotFoundException("public incident", id));
    }

    @Transactional(readOnly = true)
    public List<PublicIncident> ofPage(UUID pageId) {
        pages.page(pageId);
        return list("i.page_id = ?", pageId);
    }

    /** The unresolved public incidents a Tocsin incident feeds. */
    @Transactional(readOnly = true)
    public List<PublicIncident> ofIncident(UUID incidentId) {
        return list("i.id in (select status_incident_id from status_incident_source where incident_id = ?)", incidentId);
    }

    /**
     * A maintenance's durable timers (issue 11 point 4): the subscribers' reminder {@code tocsin.statuspage
     * .maintenance-reminder} (24 hours) before the window (none when the window is nearer than that: the
     * publication's own mail just told them), its start (in progress, components under maintenance) and its end
     * (completed, components back). Each fires once across nodes and after a restart, and does nothing if people
     * moved the maintenance on by hand before.
     */
    private void scheduleMaintenance(UUID id, PublicIncidentStatus status, Instant from, Instant until, Instant now) {
        var remindAt = from.minus(reminderLead);
        if (status == PublicIncidentStatus.SCHEDULED && remindAt.isAfter(now)) {
            timers.schedule(MaintenanceTimers.KIND, id + ":reminder", remindAt, null);
        }
        if (status == PublicIncidentStatus.SCHEDULED) {
            timers.schedule(MaintenanceTimers.KIND, id + ":start", from, null);
        }
        timers.schedule(MaintenanceTimers.KIND, id + ":end", until, null);
    }

    /** A maintenance timer fired: remind, start or complete, unless the maintenance is already past that step. */
    void maintenanceDue(UUID id, String step) {
        var found = list("i.id = ?", id).stream().findFirst();
        if (found.isEmpty() || !found.get().maintenance() || found.get().status().ends()) {
            return;
        }
        var m = found.get();
        var page = pages.page(m.pageId());
        var locale = Locale.forLanguageTag(page.language());
        switch (step) {
            case "reminder" -> {
                if (m.status() == PublicIncidentStatus.SCHEDULED) {
                    fanOut.reminder(page.id(), m.id());
                }
            }
            case "start" -> {
                if (m.status() == PublicIncidentStatus.SCHEDULED) {
                    append(m, new Next(PublicIncidentStatus.IN_PROGRESS,
                            messages.getMessage("statuspage.maintenance.started", null, locale), new LinkedHashMap<>()),
                            Actor.SYSTEM);
                }
            }
            case "end" -> append(m, new Next(PublicIncidentStatus.COMPLETED,
                    messages.getMessage("statuspage.maintenance.completed", null, locale), new LinkedHashMap<>()),
                    Actor.SYSTEM);
            default -> throw new IllegalArgumentException("unknown maintenance step " + step);
        }
    }

    /** Every public incident and maintenance of every page since the instant, or still open: for the snapshot. */
    @Transactional(readOnly = true)
    public List<PublicIncident> since(Instant since) {
        return list("(i.created_at >= ? or i.resolved_at is null)", Timestamp.from(since));
    }

    private List<PublicIncident> list(String where, Object param) {
        var heads = jdbc.sql("""
                select i.id, i.page_id, i.name, i.status, i.impact, i.maintenance, i.scheduled_for, i.scheduled_until,
                       i.created_at, i.updated_at, i.monitoring_at, i.resolved_at from status_incident i""" + " where " + where
                        + " order by i.created_at desc")
                .param(param).query((rs, n) -> new PublicIncident(rs.getObject("id", UUID.class),
                        rs.getObject("page_id", UUID.class), rs.getString("name"),
                        PublicIncidentStatus.valueOf(rs.getString("status")), rs.getString("impact"),
                        rs.getBoolean("maintenance"), instant(rs.getTimestamp("scheduled_for")),
                        instant(rs.getTimestamp("scheduled_until")), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("updated_at")), instant(rs.getTimestamp("monitoring_at")),
                        instant(rs.getTimestamp("resolved_at")), List.of(), List.of(), List.of()))
                .list();
        if (heads.isEmpty()) {
            return heads;
        }
        var sub = "select id from status_incident i where " + where;
        var sources = new LinkedHashMap<UUID, List<UUID>>();
        jdbc.sql("select status_incident_id, incident_id from status_incident_source where status_incident_id in (" + sub + ")")
                .param(param).query((rs, n) -> {
                    sources.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                    return null;
                }).list();
        var windows = new LinkedHashMap<UUID, List<UUID>>();
        jdbc.sql("select status_incident_id, window_id from status_maintenance_window where status_incident_id in ("
                        + sub + ") order by service_id")
                .param(param).query((rs, n) -> {
                    windows.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
                    return null;
                }).list();
        var affected = new LinkedHashMap<UUID, List<Affected>>();
        jdbc.sql("""
                select c.update_id, c.component_id, c.old_status, c.new_status from status_incident_component c
                join status_incident_update u on u.id = c.update_id""" + " where u.status_incident_id in (" + sub + ")")
                .param(param).query((rs, n) -> {
                    affected.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new Affected(
                            rs.getObject(2, UUID.class), ComponentStatus.valueOf(rs.getString(3)),
                            ComponentStatus.valueOf(rs.getString(4))));
                    return null;
                }).list();
        var updatesById = new LinkedHashMap<UUID, List<Update>>();
        jdbc.sql("select id, status_incident_id, status, body, created_at, display_at from status_incident_update"
                        + " where status_incident_id in (" + sub + ") order by display_at desc, seq desc")
                .param(param).query((rs, n) -> {
                    var uid = rs.getObject("id", UUID.class);
                    updatesById.computeIfAbsent(rs.getObject("status_incident_id", UUID.class), k -> new ArrayList<>())
                            .add(new Update(uid, PublicIncidentStatus.valueOf(rs.getString("status")), rs.getString("body"),
                                    instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("display_at")),
                                    affected.getOrDefault(uid, List.of())));
                    return null;
                }).list();
        return heads.stream().map(h -> new PublicIncident(h.id(), h.pageId(), h.name(), h.status(), h.impact(),
                h.maintenance(), h.scheduledFor(), h.scheduledUntil(), h.createdAt(), h.updatedAt(), h.monitoringAt(),
                h.resolvedAt(), sources.getOrDefault(h.id(), List.of()), updatesById.getOrDefault(h.id(), List.of()),
                windows.getOrDefault(h.id(), List.of()))).toList();
    }

    /**
     * A later external update posted through the incident's communication appends to every open public incident
     * the incident feeds (issue 11 point 3); a final message resolves them.
     */
    @ApplicationModuleListener
    void on(CommsEvents.UpdatePosted e) {
        if (e.audience() != UpdateAudience.EXTERNAL) {
            return;
        }
        var posted = updates.of(e.incidentId()).stream().filter(u -> u.id().equals(e.updateId())).findFirst();
        if (posted.isEmpty()) {
            return;
        }
        for (var open : ofIncident(e.incidentId())) {
            if (open.status().ends()) {
                continue;
            }
            var status = e.kind() == UpdateKind.FINAL ? (open.maintenance() ? PublicIncidentStatus.COMPLETED
                    : PublicIncidentStatus.RESOLVED) : open.status();
            String body = posted.get().body();
            append(open, new Next(status, body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body, Map.of()),
                    new Actor(null, posted.get().postedByName() == null ? "Tocsin" : posted.get().postedByName()));
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
