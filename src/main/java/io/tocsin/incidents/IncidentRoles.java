package io.tocsin.incidents;

import static io.tocsin.incidents.TimelineArg.text;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.identity.Actor;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.Timers;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who does what on an incident (R16, R31) and how long they have been at it (R20). Several people may hold a
 * role (two technical leads, a second incident manager); the incident manager invents roles as the incident
 * demands. Every assignment, handover and release is on the timeline. The incident's own manager field and the
 * incident-manager role stay in step: taking or handing over the incident moves the role, and handing over the
 * role of the incident's manager hands over the incident.
 */
@Component
@Transactional
public class IncidentRoles {

    public static final String FATIGUE_TIMER = "incidents.fatigue";
    public static final int MAX_ROLE_NAME = 100;
    public static final int MAX_ROLE_DESCRIPTION = 2000;

    private final Incidents incidents;
    private final Identity identity;
    private final Timeline timeline;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Timers timers;
    private final RoleSettings settings;

    IncidentRoles(Incidents incidents, Identity identity, Timeline timeline, AuditLog audit, JdbcClient jdbc,
            Clock clock, MessageSource messages, ApplicationEventPublisher events, Timers timers,
            RoleSettings settings) {
        this.incidents = incidents;
        this.identity = identity;
        this.timeline = timeline;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
        this.events = events;
        this.timers = timers;
        this.settings = settings;
    }

    /** A person working on the incident: since when, for how long, in which roles (R20). */
    public record Responder(UUID userId, String name, Instant joinedAt, Duration activeFor, List<String> roleCodes,
            boolean handoverDue) {
    }

    public Duration fatigueAfter() {
        return settings.getFatigueAfter();
    }

    /** Built-in roles first (in the handbook's order), then the incident's own, each with its current holders. */
    @Transactional(readOnly = true)
    public List<IncidentRole> roles(String ref, Locale locale) {
        var incident = incidents.get(ref);
        var byRole = active(incident.id()).stream().collect(Collectors.groupingBy(RoleAssignment::roleCode));
        var result = new ArrayList<IncidentRole>();
        for (var role : BuiltInRole.values()) {
            result.add(new IncidentRole(role.code(), messages.getMessage(role.nameKey(), null, role.code(), locale),
                    messages.getMessage(role.helpKey(), null, "", locale), true,
                    byRole.getOrDefault(role.code(), List.of())));
        }
        for (var custom : customRoles(incident.id())) {
            result.add(new IncidentRole(custom.code(), custom.name(), custom.description(), false,
                    byRole.getOrDefault(custom.code(), List.of())));
        }
        return result;
    }

    /** The role's name in the reader's language, for texts like the room topic. */
    public String roleName(UUID incidentId, String code, Locale locale) {
        return BuiltInRole.byCode(code).map(r -> messages.getMessage(r.nameKey(), null, code, locale))
                .or(() -> customRoles(incidentId).stream().filter(c -> c.code().equals(code)).map(CustomRole::name)
                        .findFirst())
                .orElse(code);
    }

    /** Active assignments, oldest first. */
    @Transactional(readOnly = true)
    public List<RoleAssignment> active(UUID incidentId) {
        return jdbc.sql(SELECT + " where a.incident_id = ? and a.released_at is null order by a.assigned_at, a.seq")
                .param(incidentId).query(IncidentRoles::assignment).list();
    }

    /** Every assignment ever made on the incident, newest first (the history of who held what). */
    @Transactional(readOnly = true)
    public List<RoleAssignment> history(UUID incidentId) {
        return jdbc.sql(SELECT + " where a.incident_id = ? order by a.assigned_at desc, a.seq desc")
                .param(incidentId).query(IncidentRoles::assignment).list();
    }

    /** Who holds the role now. */
    @Transactional(readOnly = true)
    public List<RoleAssignment> holders(UUID incidentId, String roleCode) {
        return active(incidentId).stream().filter(a -> a.roleCode().equals(roleCode)).toList();
    }

    public IncidentRole createRole(String ref, String name, String description) {
        var incident = incidents.get(ref);
        requireCommand(incident);
        requireNotClosed(incident);
        if (name == null || name.isBlank() || name.strip().length() > MAX_ROLE_NAME) {
            throw new InvalidInputException("name", "must be 1 to " + MAX_ROLE_NAME + " characters");
        }
        if (description != null && description.length() > MAX_ROLE_DESCRIPTION) {
            throw new InvalidInputException("description", "must be at most " + MAX_ROLE_DESCRIPTION + " characters");
        }
        String code = slug(name);
        if (code.isEmpty()) {
            throw new InvalidInputException("name", "needs at least one letter or digit");
        }
        if (BuiltInRole.byCode(code).isPresent() || customRoles(incident.id()).stream().anyMatch(c -> c.code().equals(code))) {
            throw new ConflictException("role-exists", "a role '" + code + "' already exists on " + incident.key());
        }
        var now = clock.instant();
        var actor = CurrentActor.get();
        jdbc.sql("""
                insert into incident_custom_role (id, incident_id, code, name, description, created_at, created_by_name)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), incident.id(), code, name.strip(), blankToNull(description),
                        Timestamp.from(now), actor.name()).update();
        timeline.recordSystem(incident.id(), incident.key(), "role-created", List.of(text(name.strip())), actor, now);
        audit.record(actor, "incident.role-created", "incident", incident.id(), incident.key() + " " + code);
        return new IncidentRole(code, name.strip(), blankToNull(description), false, List.of());
    }

    /** Gives the role to the person; the incident-manager role of an unmanaged incident makes them its manager. */
    public RoleAssignment assign(String ref, String roleCode, UUID userId) {
        var incident = incidents.get(ref);
        requireCommand(incident);
        requireNotClosed(incident);
        String code = requireRole(incident, roleCode);
        var user = requirePerson(userId, "userId");
        if (holds(incident.id(), code, user.id())) {
            throw new ConflictException("role-held", user.name() + " already holds " + code + " on " + incident.key());
        }
        if (code.equals(BuiltInRole.INCIDENT_MANAGER.code()) && incident.incidentManagerId() == null) {
            // The incident's manager field moves with it; our listener below creates the assignment.
            incidents.assignManager(incident.key(), user.id(), Incidents.Expect.ANY);
            return holding(incident.id(), code, user.id()).orElseThrow();
        }
        var assignment = insert(incident, code, user, CurrentActor.get(), clock.instant());
        timeline.recordSystem(incident.id(), incident.key(), "role-assigned", List.of(text(user.name()), roleArg(incident.id(), code)),
                CurrentActor.get(), assignment.assignedAt());
        return assignment;
    }

    /** Ends one assignment. The incident's own manager cannot just walk away: they hand the role over. */
    public RoleAssignment release(String ref, UUID assignmentId) {
        var incident = incidents.get(ref);
        var assignment = active(incident.id()).stream().filter(a -> a.id().equals(assignmentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("active role assignment", assignmentId));
        var actor = CurrentActor.get();
        if (!assignment.userId().equals(actor.userId())) {
            requireCommand(incident);
        }
        if (assignment.roleCode().equals(BuiltInRole.INCIDENT_MANAGER.code())
                && assignment.userId().equals(incident.incidentManagerId())) {
            throw new ConflictException("manager-must-hand-over", assignment.userName() + " is the incident manager of "
                    + incident.key() + ": hand the role over to someone instead of releasing it");
        }
        var now = clock.instant();
        end(assignment, null, actor, now);
        timeline.recordSystem(incident.id(), incident.key(), "role-released",
                List.of(text(assignment.userName()), roleArg(incident.id(), assignment.roleCode())), actor, now);
        return assignment;
    }

    /**
     * Moves a role from one person to another in one action (R20): the handover of a tired responder. Handing
     * over the incident manager role of the incident's manager hands over the incident itself.
     */
    public RoleAssignment handOver(String ref, String roleCode, UUID fromUserId, UUID toUserId) {
        var incident = incidents.get(ref);
        var actor = CurrentActor.get();
        if (fromUserId == null || !fromUserId.equals(actor.userId())) {
            requireCommand(incident);
        }
        requireNotClosed(incident);
        String code = requireRole(incident, roleCode);
        var from = holding(incident.id(), code, fromUserId).orElseThrow(() -> new InvalidInputException("fromUserId",
                "user " + fromUserId + " does not hold " + code + " on " + incident.key()));
        var to = requirePerson(toUserId, "toUserId");
        if (to.id().equals(from.userId())) {
            throw new InvalidInputException("toUserId", "a handover needs someone else");
        }
        if (holds(incident.id(), code, to.id())) {
            throw new ConflictException("role-held", to.name() + " already holds " + code + " on " + incident.key());
        }
        if (code.equals(BuiltInRole.INCIDENT_MANAGER.code()) && from.userId().equals(incident.incidentManagerId())) {
            incidents.assignManager(incident.key(), to.id(), Incidents.Expect.ANY);
            return holding(incident.id(), code, to.id()).orElseThrow();
        }
        var now = clock.instant();
        end(from, to.id(), actor, now);
        var next = insert(incident, code, to, actor, now);
        timeline.recordSystem(incident.id(), incident.key(), "role-handed-over",
                List.of(roleArg(incident.id(), code), text(from.userName()), text(to.name())), actor, now);
        return next;
    }

    /** Everyone holding a role now, with when they joined and how long they have been active (R20). */
    @Transactional(readOnly = true)
    public List<Responder> responders(UUID incidentId) {
        var now = clock.instant();
        var byUser = active(incidentId).stream()
                .collect(Collectors.groupingBy(RoleAssignment::userId, LinkedHashMap::new, Collectors.toList()));
        return byUser.values().stream().map(list -> {
            var joined = list.stream().map(RoleAssignment::assignedAt).min(Comparator.naturalOrder()).orElseThrow();
            var activeFor = Duration.between(joined, now);
            return new Responder(list.getFirst().userId(), list.getFirst().userName(), joined, activeFor,
                    list.stream().map(RoleAssignment::roleCode).toList(),
                    activeFor.compareTo(settings.getFatigueAfter()) >= 0);
        }).sorted(Comparator.comparing(Responder::joinedAt)).toList();
    }

    /** The people who command the incident now: holders of the incident-manager role. */
    @Transactional(readOnly = true)
    public List<UUID> incidentManagers(UUID incidentId) {
        return holders(incidentId, BuiltInRole.INCIDENT_MANAGER.code()).stream().map(RoleAssignment::userId).toList();
    }

    /** Keeps the incident-manager role in step with the incident's manager field (take, hand over). */
    @EventListener
    void on(IncidentEvents.ManagerAssigned e) {
        var incident = incidents.find(e.incidentId()).orElseThrow();
        String code = BuiltInRole.INCIDENT_MANAGER.code();
        if (e.previousManagerId() != null) {
            holding(e.incidentId(), code, e.previousManagerId()).ifPresent(a -> end(a, e.managerId(), e.actor(), e.at()));
        }
        if (holding(e.incidentId(), code, e.managerId()).isEmpty()) {
            // The timeline already says "took" / "handed over" (TimelineRecorder); no second entry.
            insert(incident, code, identity.user(e.managerId()), e.actor(), e.at());
        }
    }

    /** Fires the fatigue prompt: the responder has been active for longer than the threshold (R20). */
    void fatigueDue(UUID incidentId, UUID userId) {
        var incident = incidents.find(incidentId).orElse(null);
        if (incident == null || !incident.status().open()) {
            return;
        }
        var responder = responders(incidentId).stream().filter(r -> r.userId().equals(userId)).findFirst();
        if (responder.isEmpty()) {
            return;
        }
        var now = clock.instant();
        var r = responder.get();
        var due = r.joinedAt().plus(settings.getFatigueAfter());
        if (due.isAfter(now)) {
            timers.schedule(FATIGUE_TIMER, fatigueKey(incidentId, userId), due, incident.key());
            return;
        }
        timeline.recordSystem(incidentId, incident.key(), "handover-due",
                List.of(text(r.name()), TimelineArg.span(r.activeFor())),
                Actor.SYSTEM, now);
        events.publishEvent(new RoleEvents.HandoverDue(incidentId, incident.key(), userId, r.name(), r.activeFor(),
                incidentManagers(incidentId), Actor.SYSTEM, now));
    }

    static String fatigueKey(UUID incidentId, UUID userId) {
        return incidentId + "/" + userId;
    }

    private RoleAssignment insert(Incident incident, String code, User user, Actor actor, Instant now) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                insert into role_assignment (id, incident_id, role_code, user_id, assigned_at, assigned_by_name,
                       assigned_by) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, incident.id(), code, user.id(), Timestamp.from(now), actor.name(), actor.userId()).update();
        audit.record(actor, "incident.role-assigned", "incident", incident.id(), incident.key() + " " + code + " " + user.name());
        watchFatigue(incident, user.id());
        String customName = BuiltInRole.byCode(code).isPresent() ? null : roleName(incident.id(), code, Locale.ENGLISH);
        events.publishEvent(new RoleEvents.RoleAssigned(incident.id(), incident.key(), code, customName, user.id(),
                user.name(), actor, now));
        return new RoleAssignment(id, incident.id(), code, user.id(), user.name(), now, actor.name(), null);
    }

    private void end(RoleAssignment assignment, UUID handedOverTo, Actor actor, Instant now) {
        jdbc.sql("update role_assignment set released_at = ?, released_by_name = ?, handed_over_to = ? where id = ?")
                .params(Timestamp.from(now), actor.name(), handedOverTo, assignment.id()).update();
        var incident = incidents.find(assignment.incidentId()).orElseThrow();
        audit.record(actor, "incident.role-released", "incident", incident.id(),
                incident.key() + " " + assignment.roleCode() + " " + assignment.userName());
        if (active(assignment.incidentId()).stream().noneMatch(a -> a.userId().equals(assignment.userId()))) {
            timers.cancel(FATIGUE_TIMER, fatigueKey(assignment.incidentId(), assignment.userId()));
        }
        events.publishEvent(new RoleEvents.RoleReleased(incident.id(), incident.key(), assignment.roleCode(),
                assignment.userId(), handedOverTo, actor, now));
    }

    /**
     * Sets the fatigue prompt for someone who just joined. Someone already on the incident keeps their original
     * joining time, and a prompt already given is not repeated by taking another role.
     */
    private void watchFatigue(Incident incident, UUID userId) {
        var joined = active(incident.id()).stream().filter(a -> a.userId().equals(userId))
                .map(RoleAssignment::assignedAt).min(Comparator.naturalOrder()).orElse(clock.instant());
        var due = joined.plus(settings.getFatigueAfter());
        String key = fatigueKey(incident.id(), userId);
        if (due.isAfter(clock.instant()) && timers.find(FATIGUE_TIMER, key).isEmpty()) {
            timers.schedule(FATIGUE_TIMER, key, due, incident.key());
        }
    }

    private void requireCommand(Incident incident) {
        var me = CurrentActor.principal().orElse(null);
        if (me == null || me.role() == Role.ADMIN || incident.incidentManagerId() == null
                || me.userId().equals(incident.incidentManagerId()) || holds(incident.id(),
                        BuiltInRole.INCIDENT_MANAGER.code(), me.userId())) {
            return;
        }
        throw new AccessDeniedException("only an incident manager of " + incident.key() + " assigns roles");
    }

    private static void requireNotClosed(Incident incident) {
        if (incident.status() == IncidentStatus.CLOSED) {
            throw new ConflictException("incident-closed", incident.key() + " is closed");
        }
    }

    private String requireRole(Incident incident, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("role", "must not be blank");
        }
        String normalized = code.strip().toLowerCase(Locale.ROOT);
        if (BuiltInRole.byCode(normalized).isPresent()
                || customRoles(incident.id()).stream().anyMatch(c -> c.code().equals(normalized))) {
            return normalized;
        }
        throw new InvalidInputException("role", "no role '" + code + "' on " + incident.key());
    }

    private User requirePerson(UUID userId, String field) {
        if (userId == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        var user = identity.findUser(userId).orElseThrow(() -> new InvalidInputException(field, "no user with id " + userId));
        if (!user.active()) {
            throw new InvalidInputException(field, user.name() + " is deactivated");
        }
        return user;
    }

    private boolean holds(UUID incidentId, String code, UUID userId) {
        return holding(incidentId, code, userId).isPresent();
    }

    private Optional<RoleAssignment> holding(UUID incidentId, String code, UUID userId) {
        return jdbc.sql(SELECT + " where a.incident_id = ? and a.role_code = ? and a.user_id = ? and a.released_at is null")
                .params(incidentId, code, userId).query(IncidentRoles::assignment).optional();
    }

    private TimelineArg roleArg(UUID incidentId, String code) {
        return BuiltInRole.byCode(code).map(r -> TimelineArg.code(r.nameKey()))
                .orElseGet(() -> text(roleName(incidentId, code, Locale.ENGLISH)));
    }

    private record CustomRole(String code, String name, String description) {
    }

    private List<CustomRole> customRoles(UUID incidentId) {
        return jdbc.sql("select code, name, description from incident_custom_role where incident_id = ? order by created_at, code")
                .param(incidentId).query((rs, n) -> new CustomRole(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private static final String SELECT = """
            select a.id, a.incident_id, a.role_code, a.user_id, u.name, a.assigned_at, a.assigned_by_name, a.released_at
            from role_assignment a join app_user u on u.id = a.user_id""";

    private static RoleAssignment assignment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        var released = rs.getTimestamp(8);
        return new RoleAssignment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, UUID.class), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                released == null ? null : released.toInstant());
    }

    static String slug(String name) {
        return java.text.Normalizer.normalize(name.strip().toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").replace("ß", "ss").replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Reads a fatigue timer key back. */
    static UUID[] parseFatigueKey(String key) {
        var parts = key.split("/");
        return new UUID[] {UUID.fromString(parts[0]), UUID.fromString(parts[1])};
    }

    /** Maps each role code the incident knows to its holders' names, for topic texts. */
    @Transactional(readOnly = true)
    public Map<String, List<String>> holderNames(UUID incidentId) {
        return active(incidentId).stream().collect(Collectors.groupingBy(RoleAssignment::roleCode, LinkedHashMap::new,
                Collectors.mapping(RoleAssignment::userName, Collectors.toList())));
    }
}
