package io.tocsin.statuspage.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.statuspage.PublicIncidentStatus;
import io.tocsin.statuspage.PublicIncidents.PublicIncident;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Statuspage public API v2 documents (issue 11 point 7) from a page model: Atlassian's field names and value
 * sets, so an existing Statuspage reader works by changing its base URL. Times are ISO 8601 with milliseconds in
 * the page's time zone, as Statuspage writes them.
 */
public final class StatuspageJson {

    public static final List<String> DOCUMENTS = List.of("summary.json", "status.json", "components.json",
            "incidents.json", "incidents/unresolved.json", "scheduled-maintenances.json",
            "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final PageModel m;

    public StatuspageJson(PageModel model) {
        this.m = model;
    }

    /** The document at a path below {@code api/v2/}, e.g. {@code incidents/unresolved.json}. */
    public byte[] document(String name) {
        var doc = new LinkedHashMap<String, Object>();
        doc.put("page", page());
        switch (name) {
            case "summary.json" -> {
                doc.put("components", components());
                doc.put("incidents", m.unresolved().stream().map(this::incident).toList());
                doc.put("scheduled_maintenances", m.maintenances().stream()
                        .filter(i -> i.status() == PublicIncidentStatus.SCHEDULED || active(i)).map(this::incident).toList());
                doc.put("status", status());
            }
            case "status.json" -> doc.put("status", status());
            case "components.json" -> doc.put("components", components());
            case "incidents.json" -> doc.put("incidents", m.incidents().stream().filter(i -> !i.maintenance()).limit(50)
                    .map(this::incident).toList());
            case "incidents/unresolved.json" -> doc.put("incidents", m.unresolved().stream().map(this::incident).toList());
            case "scheduled-maintenances.json" -> doc.put("scheduled_maintenances", m.maintenances().stream().limit(50)
                    .map(this::incident).toList());
            case "scheduled-maintenances/upcoming.json" -> doc.put("scheduled_maintenances", m.maintenances().stream()
                    .filter(i -> i.status() == PublicIncidentStatus.SCHEDULED).map(this::incident).toList());
            case "scheduled-maintenances/active.json" -> doc.put("scheduled_maintenances", m.maintenances().stream()
                    .filter(StatuspageJson::active).map(this::incident).toList());
            default -> throw new IllegalArgumentException("no document " + name);
        }
        return JSON.writeValueAsBytes(doc);
    }

    /**
     * The body of a webhook about one incident or maintenance (issue 11 point 6), shaped as Statuspage's incident
     * webhooks are: {@code page} with {@code status_indicator} and {@code status_description}, and the
     * {@code incident} as the JSON API gives it, its updates newest first. The caller adds {@code meta}.
     */
    public Map<String, Object> webhook(UUID incidentId) {
        var body = new LinkedHashMap<String, Object>();
        var page = new LinkedHashMap<String, Object>();
        page.put("id", m.page().id().toString());
        page.put("status_indicator", m.indicator().indicator());
        page.put("status_description", m.indicator().description());
        body.put("page", page);
        body.put("incident", m.incidents().stream().filter(i -> i.id().equals(incidentId)).findFirst()
                .map(this::incident).orElseThrow());
        return body;
    }

    private static boolean active(PublicIncident i) {
        return i.status() == PublicIncidentStatus.IN_PROGRESS || i.status() == PublicIncidentStatus.VERIFYING;
    }

    private Map<String, Object> page() {
        var p = new LinkedHashMap<String, Object>();
        p.put("id", m.page().id().toString());
        p.put("name", m.page().name());
        p.put("url", m.url());
        p.put("time_zone", m.page().timeZone());
        p.put("updated_at", time(m.updatedAt()));
        return p;
    }

    private Map<String, Object> status() {
        var s = new LinkedHashMap<String, Object>();
        s.put("indicator", m.indicator().indicator());
        s.put("description", m.indicator().description());
        return s;
    }

    private List<Map<String, Object>> components() {
        var list = new ArrayList<Map<String, Object>>();
        for (var g : m.groups()) {
            var members = m.components().stream().filter(c -> g.id().equals(c.component().groupId())).toList();
            var worst = members.stream().map(c -> c.component().status())
                    .reduce(io.tocsin.statuspage.ComponentStatus.OPERATIONAL, io.tocsin.statuspage.ComponentStatus::worse);
            var o = new LinkedHashMap<String, Object>();
            o.put("id", g.id().toString());
            o.put("name", g.name());
            o.put("status", worst.wire());
            o.put("created_at", time(m.page().createdAt()));
            o.put("updated_at", time(m.updatedAt()));
            o.put("position", g.position());
            o.put("description", null);
            o.put("showcase", false);
            o.put("start_date", null);
            o.put("group_id", null);
            o.put("page_id", m.page().id().toString());
            o.put("group", true);
            o.put("only_show_if_degraded", false);
            o.put("components", members.stream().map(c -> c.component().id().toString()).toList());
            list.add(o);
        }
        m.components().forEach(view -> list.add(component(view.component())));
        return list;
    }

    private Map<String, Object> incident(PublicIncident i) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", i.id().toString());
        o.put("name", i.name());
        o.put("status", i.status().wire());
        o.put("created_at", time(i.createdAt()));
        o.put("updated_at", time(i.updatedAt()));
        o.put("monitoring_at", time(i.monitoringAt()));
        o.put("resolved_at", time(i.resolvedAt()));
        o.put("impact", i.impact());
        o.put("shortlink", m.url() + "#incident-" + i.id());
        o.put("started_at", time(i.createdAt()));
        o.put("page_id", m.page().id().toString());
        if (i.maintenance()) {
            o.put("scheduled_for", time(i.scheduledFor()));
            o.put("scheduled_until", time(i.scheduledUntil()));
        }
        var updates = new ArrayList<Map<String, Object>>();
        var affected = new LinkedHashMap<String, Map<String, Object>>();
        for (var u : i.updates()) {
            var uo = new LinkedHashMap<String, Object>();
            uo.put("id", u.id().toString());
            uo.put("status", u.status().wire());
            uo.put("body", u.body());
            uo.put("incident_id", i.id().toString());
            uo.put("created_at", time(u.createdAt()));
            uo.put("updated_at", time(u.createdAt()));
            uo.put("display_at", time(u.displayAt()));
            uo.put("affected_components", u.affected().isEmpty() ? null : u.affected().stream().map(a -> {
                var ao = new LinkedHashMap<String, Object>();
                ao.put("code", a.componentId().toString());
                ao.put("name", m.componentName(a.componentId()));
                ao.put("old_status", a.oldStatus().wire());
                ao.put("new_status", a.newStatus().wire());
                return ao;
            }).toList());
            uo.put("deliver_notifications", true);
            uo.put("custom_tweet", null);
            uo.put("tweet_id", null);
            updates.add(uo);
            u.affected().forEach(a -> affected.putIfAbsent(a.componentId().toString(), null));
        }
        o.put("incident_updates", updates);
        o.put("components", m.components().stream().filter(c -> affected.containsKey(c.component().id().toString()))
                .map(c -> component(c.component())).toList());
        return o;
    }

    private Map<String, Object> component(io.tocsin.statuspage.StatusPages.Component c) {
        var o = new LinkedHashMap<String, Object>();
        o.put("id", c.id().toString());
        o.put("name", c.name());
        o.put("status", c.status().wire());
        o.put("created_at", time(c.createdAt()));
        o.put("updated_at", time(c.updatedAt()));
        o.put("position", c.position());
        o.put("description", c.description());
        o.put("showcase", true);
        o.put("start_date", c.createdAt().atZone(m.zone()).toLocalDate().toString());
        o.put("group_id", c.groupId() == null ? null : c.groupId().toString());
        o.put("page_id", m.page().id().toString());
        o.put("group", false);
        o.put("only_show_if_degraded", c.onlyShowIfDegraded());
        return o;
    }

    private String time(Instant at) {
        return at == null ? null : TIME.format(at.atZone(m.zone()));
    }
}
