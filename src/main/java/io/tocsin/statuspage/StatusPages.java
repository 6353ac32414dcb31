package io.tocsin.statuspage;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.StorableText;
import io.tocsin.statuspage.internal.PageChanges;
import io.tocsin.statuspage.internal.SubscriberFanOut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status pages, their component groups and components (issue 11 points 1 and 2). Every write is checked whole
 * before anything is stored, bumps the pages' version so every node rebuilds its snapshot, and is audited.
 */
@Component
@Transactional
public class StatusPages {

    public static final Set<String> LANGUAGES = Set.of("en", "de");
    /** Slugs the application itself uses under /status/. */
    public static final Set<String> RESERVED_SLUGS = Set.of("internal", "api", "assets", "static", "admin");
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?");
    static final Pattern HOST = Pattern.compile("(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");
    static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Catalog catalog;
    private final AuditLog audit;
    private final PageChanges changes;
    private final ObjectProvider<SubscriberFanOut> fanOut;

    StatusPages(JdbcClient jdbc, Clock clock, Catalog catalog, AuditLog audit, PageChanges changes,
            ObjectProvider<SubscriberFanOut> fanOut) {
        this.fanOut = fanOut;
        this.jdbc = jdbc;
        this.clock = clock;
        this.catalog = catalog;
        this.audit = audit;
        this.changes = changes;
    }

    @Schema(name = "StatusPage")
    public record Page(UUID id, String slug, String name, Visibility visibility, List<String> allowedDomains,
            String logoUrl, String accentColor, String headerText, String footerText, String supportUrl,
            String language, String timeZone, String customHost, Instant createdAt, Instant updatedAt) {

        /** Whether the page's access list lets this address read it: any address when the list is empty. */
        public boolean admits(String email) {
            String address = email == null ? "" : email.toLowerCase(java.util.Locale.ROOT);
            return allowedDomains.isEmpty() || allowedDomains.stream()
                    .anyMatch(d -> address.endsWith("@" + d.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** What a page is made of; null language, zone and visibility take the defaults (en, UTC, public). */
    public record PageDraft(String slug, String name, Visibility visibility, List<String> allowedDomains,
            String logoUrl, String accentColor, String headerText, String footerText, String supportUrl,
            String language, String timeZone, String customHost) {
    }

    public record Group(UUID id, UUID pageId, String name, int position) {
    }

    public record GroupDraft(String name, Integer position) {
    }

    public record Component(UUID id, UUID pageId, UUID groupId, String name, String description, int position,
            ComponentStatus status, boolean automatic, boolean onlyShowIfDegraded, List<UUID> serviceIds,
            Instant createdAt, Instant updatedAt) {
    }

    public record ComponentDraft(String name, String description, UUID groupId, Integer position,
            List<UUID> serviceIds, Boolean onlyShowIfDegraded) {
    }

    /** One recorded change of a component's state. */
    public record Change(UUID componentId, ComponentStatus status, Instant at, String cause) {
    }

    // ---- pages

    @Transactional(readOnly = true)
    public List<Page> pages() {
        return jdbc.sql(PAGE_SELECT + " order by name, slug").query(StatusPages::page).list();
    }

    @Transactional(readOnly = true)
    public Page page(UUID id) {
        return jdbc.sql(PAGE_SELECT + " where id = ?").param(id).query(StatusPages::page).optional()
                .orElseThrow(() -> new NotFoundException("status page", id));
    }

    public Page create(PageDraft draft) {
        var d = normalize(draft);
        validate(d);
        var id = UUID.randomUUID();
        unique(d, id);
        var now = clock.instant();
        try {
            jdbc.sql("""
                    insert into status_page (id, slug, name, visibility, allowed_domains, logo_url, accent_color,
                        header_text, footer_text, support_url, language, time_zone, custom_host, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, d.slug(), d.name(), d.visibility().name(), domains(d), d.logoUrl(), d.accentColor(),
                            d.headerText(), d.footerText(), d.supportUrl(), d.language(), d.timeZone(), d.customHost(),
                            Timestamp.from(now), Timestamp.from(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(d);
        }
        audit.record(CurrentActor.get(), "statuspage.page-created", "status-page", id, d.slug());
        changes.changed();
        return page(id);
    }

    public Page update(UUID id, PageDraft draft) {
        page(id);
        var d = normalize(draft);
        validate(d);
        unique(d, id);
        try {
            jdbc.sql("""
                    update status_page set slug = ?, name = ?, visibility = ?, allowed_domains = ?, logo_url = ?,
                        accent_color = ?, header_text = ?, footer_text = ?, support_url = ?, language = ?,
                        time_zone = ?, custom_host = ?, updated_at = ? where id = ?""")
                    .params(d.slug(), d.name(), d.visibility().name(), domains(d), d.logoUrl(), d.accentColor(),
                            d.headerText(), d.footerText(), d.supportUrl(), d.language(), d.timeZone(), d.customHost(),
                            Timestamp.from(clock.instant()), id)
                    .update();
        } catch (DuplicateKeyException e) {
            throw duplicate(d);
        }
        audit.record(CurrentActor.get(), "statuspage.page-updated", "status-page", id, d.slug());
        changes.changed();
        return page(id);
    }

    /** Slug and host name belong to one page each; checked first, as PostgreSQL aborts a transaction on a clash. */
    private void unique(PageDraft d, UUID self) {
        if (jdbc.sql("select count(*) from status_page where slug = ? and id <> ?").params(d.slug(), self)
                .query(Long.class).single() > 0) {
            throw new ConflictException("slug-taken", "another page already has the slug " + d.slug());
        }
        if (d.customHost() != null && jdbc.sql("select count(*) from status_page where custom_host = ? and id <> ?")
                .params(d.customHost(), self).query(Long.class).single() > 0) {
            throw new ConflictException("host-taken", "another page already answers on " + d.customHost());
        }
    }

    /** Another page took the slug or host name at the same moment. */
    private static ConflictException duplicate(PageDraft d) {
        return new ConflictException("slug-taken", "another page took the slug " + d.slug() + " or the host name "
                + d.customHost() + " just now");
    }

    // ---- groups

    @Transactional(readOnly = true)
    public List<Group> groups(UUID pageId) {
        page(pageId);
        return jdbc.sql("select id, page_id, name, position from status_component_group where page_id = ? order by position, name")
                .param(pageId).query((rs, n) -> new Group(rs.getObject("id", UUID.class),
                        rs.getObject("page_id", UUID.class), rs.getString("name"), rs.getInt("position")))
                .list();
    }

    public Group createGroup(UUID pageId, GroupDraft draft) {
        page(pageId);
        String name = text("name", draft == null ? null : draft.name(), 200, true);
        int position = position(draft == null ? null : draft.position(), "status_component_group", pageId);
        var id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("insert into status_component_group (id, page_id, name, position, created_at, updated_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, pageId, name, position, now, now).update();
        changes.changed();
        return new Group(id, pageId, name, position);
    }

    public Group updateGroup(UUID pageId, UUID groupId, GroupDraft draft) {
        var group = group(pageId, groupId);
        String name = text("name", draft == null ? null : draft.name(), 200, true);
        int position = draft == null || draft.position() == null ? group.position() : checkPosition(draft.position());
        jdbc.sql("update status_component_group set name = ?, position = ?, updated_at = ? where id = ?")
                .params(name, position, Timestamp.from(clock.instant()), groupId).update();
        changes.changed();
        return new Group(groupId, pageId, name, position);
    }

    public void deleteGroup(UUID pageId, UUID groupId) {
        group(pageId, groupId);
        jdbc.sql("update status_component set group_id = null where group_id = ?").param(groupId).update();
        jdbc.sql("delete from status_component_group where id = ?").param(groupId).update();
        changes.changed();
    }

    private Group group(UUID pageId, UUID groupId) {
        return groups(pageId).stream().filter(g -> g.id().equals(groupId)).findFirst()
                .orElseThrow(() -> new NotFoundException("component group", groupId));
    }

    // ---- components

    @Transactional(readOnly = true)
    public List<Component> components(UUID pageId) {
        page(pageId);
        return componentsWhere("page_id = ?", pageId);
    }

    @Transactional(readOnly = true)
    public Component component(UUID pageId, UUID componentId) {
        return componentsWhere("page_id = ? and id = ?", pageId, componentId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("component", componentId));
    }

    /** Every component that follows one of these services, on any page. */
    @Transactional(readOnly = true)
    public List<Component> componentsOfService(UUID serviceId) {
        return componentsWhere("id in (select component_id from status_component_service where service_id = ?)", serviceId);
    }

    public Component createComponent(UUID pageId, ComponentDraft draft) {
        page(pageId);
        var d = checkComponent(pageId, draft);
        var id = UUID.randomUUID();
        var now = clock.instant();
        int position = position(d.position(), "status_component", pageId);
        jdbc.sql("""
                insert into status_component (id, page_id, group_id, name, description, position, status, automatic,
                    only_show_if_degraded, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, pageId, d.groupId(), d.name(), d.description(), position, ComponentStatus.OPERATIONAL.name(),
                        true, d.onlyShowIfDegraded(), Timestamp.from(now), Timestamp.from(now))
                .update();
        services(id, d.serviceIds());
        record(id, ComponentStatus.OPERATIONAL, now, "created");
        changes.changed();
        return component(pageId, id);
    }

    public Component updateComponent(UUID pageId, UUID componentId, ComponentDraft draft) {
        var current = component(pageId, componentId);
        var d = checkComponent(pageId, draft);
        int position = d.position() == null ? current.position() : d.position();
        jdbc.sql("""
                update status_component set group_id = ?, name = ?, description = ?, position = ?,
                    only_show_if_degraded = ?, updated_at = ? where id = ?""")
                .params(d.groupId(), d.name(), d.description(), position, d.onlyShowIfDegraded(),
                        Timestamp.from(clock.instant()), componentId)
                .update();
        jdbc.sql("delete from status_component_service where component_id = ?").param(componentId).update();
        services(componentId, d.serviceIds());
        changes.changed();
        return component(pageId, componentId);
    }

    /**
     * Sets a component's state by hand (it then stops following its services), or with {@code status} null hands
     * it back to its services' incidents.
     */
    public Component setStatus(UUID pageId, UUID componentId, ComponentStatus status, String cause) {
        var current = component(pageId, componentId);
        String why = text("cause", cause, 500, false);
        var actor = CurrentActor.get();
        if (status == null) {
            jdbc.sql("update status_component set automatic = true where id = ?").param(componentId).update();
            changes.changed();
            return component(pageId, componentId);
        }
        jdbc.sql("update status_component set automatic = false where id = ?").param(componentId).update();
        apply(current, status, why == null ? "set by " + actor.name() : why + " (" + actor.name() + ")", true);
        return component(pageId, componentId);
    }

    /** Moves a component to a state, recording the change and its cause; no change, no record. */
    public void apply(Component component, ComponentStatus status, String cause) {
        apply(component, status, cause, false);
    }

    /**
     * Moves a component to a state as {@link #apply(Component, ComponentStatus, String)}; with {@code announce}
     * (a change of the component alone, by hand or following its services, not part of a public incident, whose
     * own webhook already carries it) the page's webhook subscribers are told by a {@code component_update}.
     */
    public void apply(Component component, ComponentStatus status, String cause, boolean announce) {
        if (component.status() == status) {
            return;
        }
        var now = clock.instant();
        jdbc.sql("update status_component set status = ?, updated_at = ? where id = ?")
                .params(status.name(), Timestamp.from(now), component.id()).update();
        long changeId = record(component.id(), status, now, cause.length() > 500 ? cause.substring(0, 500) : cause);
        changes.changed();
        if (announce) {
            fanOut.getObject().componentUpdate(component.pageId(), changeId);
        }
    }

    public void deleteComponent(UUID pageId, UUID componentId) {
        component(pageId, componentId);
        long used = jdbc.sql("select count(*) from status_incident_component where component_id = ?").param(componentId)
                .query(Long.class).single();
        if (used > 0) {
            throw new ConflictException("component-in-use", "incidents name this component; it stays for their history");
        }
        jdbc.sql("delete from status_component_service where component_id = ?").param(componentId).update();
        jdbc.sql("delete from status_component_change where component_id = ?").param(componentId).update();
        jdbc.sql("delete from status_component where id = ?").param(componentId).update();
        changes.changed();
    }

    @Transactional(readOnly = true)
    public List<Change> history(UUID componentId, Instant since) {
        return jdbc.sql("select component_id, status, changed_at, cause from status_component_change"
                        + " where component_id = ? and changed_at >= ? order by changed_at, id")
                .params(componentId, Timestamp.from(since))
                .query((rs, n) -> new Change(rs.getObject("component_id", UUID.class),
                        ComponentStatus.valueOf(rs.getString("status")), rs.getTimestamp("changed_at").toInstant(),
                        rs.getString("cause")))
                .list();
    }

    private long record(UUID componentId, ComponentStatus status, Instant at, String cause) {
        var key = new GeneratedKeyHolder();
        jdbc.sql("insert into status_component_change (component_id, status, changed_at, cause) values (?, ?, ?, ?)")
                .params(componentId, status.name(), Timestamp.from(at), cause).update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    private void services(UUID componentId, List<UUID> serviceIds) {
        for (var serviceId : serviceIds) {
            jdbc.sql("insert into status_component_service (component_id, service_id) values (?, ?)")
                    .params(componentId, serviceId).update();
        }
    }

    private ComponentDraft checkComponent(UUID pageId, ComponentDraft draft) {
        if (draft == null) {
            throw new InvalidInputException("name", "must not be blank");
        }
        var v = new ArrayList<FieldViolation>();
        String name = collect(v, "name", draft.name(), 200, true);
        String description = collect(v, "description", draft.description(), 2000, false);
        if (draft.groupId() != null && jdbc.sql("select count(*) from status_component_group where id = ? and page_id = ?")
                .params(draft.groupId(), pageId).query(Long.class).single() == 0) {
            v.add(new FieldViolation("groupId", "no such group on this page"));
        }
        if (draft.position() != null && (draft.position() < 0 || draft.position() > 10_000)) {
            v.add(new FieldViolation("position", "must be between 0 and 10000"));
        }
        var services = new LinkedHashSet<UUID>(draft.serviceIds() == null ? List.of() : draft.serviceIds());
        services.remove(null);
        if (services.size() > 50) {
            v.add(new FieldViolation("serviceIds", "at most 50 services"));
        } else {
            var known = catalog.servicesById(services).keySet();
            services.stream().filter(s -> !known.contains(s)).findFirst()
                    .ifPresent(s -> v.add(new FieldViolation("serviceIds", "no such service: " + s)));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return new ComponentDraft(name, description, draft.groupId(), draft.position(), List.copyOf(services),
                Boolean.TRUE.equals(draft.onlyShowIfDegraded()));
    }

    private List<Component> componentsWhere(String where, Object... params) {
        var rows = jdbc.sql("""
                select id, page_id, group_id, name, description, position, status, automatic, only_show_if_degraded,
                       created_at, updated_at from status_component""" + " where " + where + " order by position, name")
                .params(params).query((rs, n) -> component(rs, List.of())).list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<UUID, List<UUID>> services = jdbc.sql("select component_id, service_id from status_component_service"
                        + " where component_id in (select id from status_component where " + where + ")")
                .params(params)
                .query((rs, n) -> Map.entry(rs.getObject("component_id", UUID.class), rs.getObject("service_id", UUID.class)))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return rows.stream().map(c -> new Component(c.id(), c.pageId(), c.groupId(), c.name(), c.description(),
                c.position(), c.status(), c.automatic(), c.onlyShowIfDegraded(),
                services.getOrDefault(c.id(), List.of()), c.createdAt(), c.updatedAt())).toList();
    }

    private static Component component(ResultSet rs, List<UUID> services) throws SQLException {
        return new Component(rs.getObject("id", UUID.class), rs.getObject("page_id", UUID.class),
                rs.getObject("group_id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getInt("position"), ComponentStatus.valueOf(rs.getString("status")), rs.getBoolean("automatic"),
                rs.getBoolean("only_show_if_degraded"), services, rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private int position(Integer given, String table, UUID pageId) {
        if (given != null) {
            return checkPosition(given);
        }
        return jdbc.sql("select coalesce(max(position), -1) + 1 from " + table + " where page_id = ?").param(pageId)
                .query(Integer.class).single();
    }

    private static int checkPosition(int position) {
        if (position < 0 || position > 10_000) {
            throw new InvalidInputException("position", "must be between 0 and 10000");
        }
        return position;
    }

    // ---- page validation

    private static PageDraft normalize(PageDraft d) {
        if (d == null) {
            throw new InvalidInputException("slug", "must not be blank");
        }
        return new PageDraft(lower(d.slug()), strip(d.name()), d.visibility() == null ? Visibility.PUBLIC : d.visibility(),
                d.allowedDomains() == null ? List.of() : d.allowedDomains().stream().map(StatusPages::lower)
                        .filter(s -> s != null).distinct().toList(),
                strip(d.logoUrl()), strip(d.accentColor()), strip(d.headerText()), strip(d.footerText()),
                strip(d.supportUrl()), d.language() == null ? "en" : lower(d.language()),
                d.timeZone() == null || d.timeZone().isBlank() ? "UTC" : d.timeZone().strip(), lower(d.customHost()));
    }

    private static void validate(PageDraft d) {
        var v = new ArrayList<FieldViolation>();
        if (d.slug() == null) {
            v.add(new FieldViolation("slug", "must not be blank"));
        } else if (!SLUG.matcher(d.slug()).matches()) {
            v.add(new FieldViolation("slug", "lower-case letters, digits and dashes, 1 to 60 characters"));
        } else if (RESERVED_SLUGS.contains(d.slug())) {
            v.add(new FieldViolation("slug", "is reserved: choose another"));
        }
        collect(v, "name", d.name(), 200, true);
        collect(v, "headerText", d.headerText(), 2000, false);
        collect(v, "footerText", d.footerText(), 2000, false);
        url(v, "logoUrl", d.logoUrl());
        url(v, "supportUrl", d.supportUrl());
        if (d.accentColor() != null && !COLOUR.matcher(d.accentColor()).matches()) {
            v.add(new FieldViolation("accentColor", "a colour like #1a73e8"));
        }
        if (!LANGUAGES.contains(d.language())) {
            v.add(new FieldViolation("language", "must be one of en, de"));
        }
        try {
            ZoneId.of(d.timeZone());
        } catch (DateTimeException e) {
            v.add(new FieldViolation("timeZone", "not a time zone: use an IANA name like Europe/Berlin"));
        }
        if (d.customHost() != null && !HOST.matcher(d.customHost()).matches()) {
            v.add(new FieldViolation("customHost", "a host name like status.example.com"));
        }
        if (d.allowedDomains().size() > 20) {
            v.add(new FieldViolation("allowedDomains", "at most 20 domains"));
        }
        d.allowedDomains().stream().filter(s -> !DOMAIN.matcher(s).matches()).findFirst()
                .ifPresent(s -> v.add(new FieldViolation("allowedDomains", "not a domain: " + s)));
        if (!d.allowedDomains().isEmpty() && d.visibility() == Visibility.PUBLIC) {
            v.add(new FieldViolation("allowedDomains", "only private pages have an access list"));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
    }

    private static void url(List<FieldViolation> v, String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > 2000) {
            v.add(new FieldViolation(field, "must be at most 2000 characters"));
            return;
        }
        try {
            var uri = new URI(value);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                v.add(new FieldViolation(field, "must be an http or https URL"));
            }
        } catch (java.net.URISyntaxException e) {
            v.add(new FieldViolation(field, "must be an http or https URL"));
        }
    }

    static String collect(List<FieldViolation> v, String field, String value, int max, boolean required) {
        String s = strip(value);
        if (s == null) {
            if (required) {
                v.add(new FieldViolation(field, "must not be blank"));
            }
            return null;
        }
        if (s.length() > max) {
            v.add(new FieldViolation(field, "must be at most " + max + " characters"));
        }
        String problem = StorableText.problem(s);
        if (problem != null) {
            v.add(new FieldViolation(field, problem));
        }
        return s;
    }

    static String text(String field, String value, int max, boolean required) {
        var v = new ArrayList<FieldViolation>();
        String s = collect(v, field, value, max, required);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return s;
    }

    private static String domains(PageDraft d) {
        return d.allowedDomains().isEmpty() ? null : String.join(",", d.allowedDomains());
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String lower(String s) {
        String t = strip(s);
        return t == null ? null : t.toLowerCase(Locale.ROOT);
    }

    private static final String PAGE_SELECT = """
            select id, slug, name, visibility, allowed_domains, logo_url, accent_color, header_text, footer_text,
                   support_url, language, time_zone, custom_host, created_at, updated_at from status_page""";

    private static Page page(ResultSet rs, int n) throws SQLException {
        String domains = rs.getString("allowed_domains");
        return new Page(rs.getObject("id", UUID.class), rs.getString("slug"), rs.getString("name"),
                Visibility.valueOf(rs.getString("visibility")),
                domains == null ? List.of() : Arrays.asList(domains.split(",")), rs.getString("logo_url"),
                rs.getString("accent_color"), rs.getString("header_text"), rs.getString("footer_text"),
                rs.getString("support_url"), rs.getString("language"), rs.getString("time_zone"),
                rs.getString("custom_host"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
