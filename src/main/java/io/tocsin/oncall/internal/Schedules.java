package io.tocsin.oncall.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tocsin.identity.Actor;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.TeamAccess;
import io.tocsin.identity.TeamPermission;
import io.tocsin.identity.Team;
import io.tocsin.oncall.ScheduleReferences;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.UserShift;
import io.tocsin.oncall.internal.ScheduleDrafts.LayerDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ScheduleDraft;
import io.tocsin.oncall.planning.Plan;
import io.tocsin.oncall.planning.ShiftPlanner;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manages on-call schedules, their layers, overrides and cover requests (R9), the IMOC marker (R8) and answers
 * who is on call. Every change is one transaction with its audit entry; refused input stores nothing.
 */
@Component
@Transactional
public class Schedules {

    /** Longest range one query may plan, so a single request cannot ask for centuries of shifts. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);

    private final ScheduleStore store;
    private final OverrideStore overrides;
    private final Identity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final ShiftPlanner planner = new ShiftPlanner();
    private final List<ScheduleReferences> references;
    private final TeamAccess teamAccess;

    Schedules(ScheduleStore store, OverrideStore overrides, Identity identity, AuditLog audit, Clock clock,
            List<ScheduleReferences> references, TeamAccess teamAccess) {
        this.teamAccess = teamAccess;
        this.store = store;
        this.overrides = overrides;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.references = List.copyOf(references);
    }

    // ---- schedules and layers

    public Schedule create(ScheduleDraft draft) {
        var violations = new ArrayList<FieldViolation>();
        Team team = team(draft.teamId(), violations);
        if (team != null) {
            teamAccess.require(TeamPermission.CONFIGURE, team.id(), "the schedules of team " + team.name());
        }
        var valid = validate(draft, team, null, violations);
        var actor = CurrentActor.get();
        var schedule = Schedule.create(team.id(), valid.name(), blankToNull(draft.description()), valid.zone(),
                valid.layers(), actor, clock.instant());
        store.insert(schedule);
        audit.record(actor, "oncall.schedule-created", "oncall-schedule", schedule.id(),
                schedule.name() + " (" + valid.layers().size() + " layers)");
        return schedule(schedule.id());
    }

    public Schedule update(UUID id, ScheduleDraft draft, Long expectedVersion) {
        return update(id, draft, expectedVersion, false);
    }

    /** With {@code confirmed}, a change that leaves a targeted schedule with nobody on call is made (and audited). */
    public Schedule update(UUID id, ScheduleDraft draft, Long expectedVersion, boolean confirmed) {
        var schedule = schedule(id);
        configure(schedule);
        expectVersion(schedule, expectedVersion);
        var violations = new ArrayList<FieldViolation>();
        if (draft.teamId() != null && !draft.teamId().equals(schedule.teamId())) {
            violations.add(new FieldViolation("teamId", "a schedule stays with its team; create a new one instead"));
        }
        var valid = validate(draft, identity.team(schedule.teamId()), id, violations);
        requireSomeoneReached(schedule, valid.layers(), confirmed);
        var actor = CurrentActor.get();
        var was = io.tocsin.identity.Changes.of();
        String layersBefore = layersText(schedule.layers());
        String nameBefore = schedule.name();
        String descriptionBefore = schedule.description();
        String zoneBefore = schedule.zone().getId();
        schedule.change(valid.name(), blankToNull(draft.description()), valid.zone(), valid.layers(), actor,
                clock.instant());
        store.update(schedule);
        audit.record(actor, "oncall.schedule-updated", "oncall-schedule", id, was.field("name", nameBefore,
                schedule.name()).field("description", descriptionBefore, schedule.description())
                .field("timeZone", zoneBefore, schedule.zone().getId())
                .field("layers", layersBefore, layersText(schedule.layers())).toString());
        return schedule(id);
    }

    /** Deletes a schedule nothing refers to; one an escalation policy still targets is a 409 naming the policies. */
    public void delete(UUID id) {
        var schedule = schedule(id);
        configure(schedule);
        var users = referrers(id);
        if (!users.isEmpty()) {
            String which = named(users);
            throw new ConflictException("schedule-in-use", "Schedule '" + schedule.name() + "' is still a target of "
                    + which + ": change those first", Map.of("usedBy", users));
        }
        store.delete(id);
        audit.record(CurrentActor.get(), "oncall.schedule-deleted", "oncall-schedule", id, schedule.name());
    }

    public Schedule addLayer(UUID scheduleId, LayerDraft draft) {
        var schedule = schedule(scheduleId);
        configure(schedule);
        var violations = new ArrayList<FieldViolation>();
        var layer = DraftChecks.layer(draft, "", schedule.zone(), identity.team(schedule.teamId()), violations);
        failOn(violations);
        var layers = new ArrayList<>(schedule.layers());
        layers.add(layer);
        return saveLayers(schedule, layers, "oncall.layer-added", layer.name());
    }

    public Schedule replaceLayer(UUID scheduleId, UUID layerId, LayerDraft draft) {
        return replaceLayer(scheduleId, layerId, draft, false);
    }

    public Schedule replaceLayer(UUID scheduleId, UUID layerId, LayerDraft draft, boolean confirmed) {
        var schedule = schedule(scheduleId);
        configure(schedule);
        int index = layerIndex(schedule, layerId);
        var violations = new ArrayList<FieldViolation>();
        var layer = DraftChecks.layer(draft, "", schedule.zone(), identity.team(schedule.teamId()), violations);
        failOn(violations);
        var layers = new ArrayList<>(schedule.layers());
        layers.set(index, layer.withId(layerId));
        requireSomeoneReached(schedule, layers, confirmed);
        return saveLayers(schedule, layers, "oncall.layer-changed", layer.name());
    }

    public Schedule removeLayer(UUID scheduleId, UUID layerId) {
        return removeLayer(scheduleId, layerId, false);
    }

    public Schedule removeLayer(UUID scheduleId, UUID layerId, boolean confirmed) {
        var schedule = schedule(scheduleId);
        configure(schedule);
        var layers = new ArrayList<>(schedule.layers());
        var removed = layers.remove(layerIndex(schedule, layerId));
        requireSomeoneReached(schedule, layers, confirmed);
        return saveLayers(schedule, layers, "oncall.layer-removed", removed.name());
    }

    private Schedule saveLayers(Schedule schedule, List<Layer> layers, String action, String detail) {
        var actor = CurrentActor.get();
        String before = layersText(schedule.layers());
        schedule.changeLayers(layers, actor, clock.instant());
        store.update(schedule);
        audit.record(actor, action, "oncall-schedule", schedule.id(), detail + ": " + io.tocsin.identity.Changes.of()
                .field("layers", before, layersText(layers)));
        return schedule(schedule.id());
    }

    /** The layers as the audit log shows them: name, participants, shift length, start. */
    private static String layersText(List<Layer> layers) {
        return layers.stream().map(l -> l.name() + " " + l.participants() + " every " + l.length() + " from "
                + l.startsAt()).collect(Collectors.joining(" | "));
    }

    /** What refers to the schedule (escalation policies), by kind. */
    private Map<String, List<String>> referrers(UUID scheduleId) {
        var users = new java.util.LinkedHashMap<String, List<String>>();
        for (var r : references) {
            var names = r.referencesTo(scheduleId);
            if (!names.isEmpty()) {
                users.put(r.kind(), names);
            }
        }
        return users;
    }

    private static String named(Map<String, List<String>> users) {
        return users.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                .map(n -> "'" + n + "'").collect(Collectors.joining(", "))).collect(Collectors.joining("; "));
    }

    /**
     * Issue 15 point 2: no change may leave a policy reaching nobody without a confirmation and an audit entry. A
     * schedule whose layers name nobody has nobody on call; if a policy targets it, that level pages nobody. Refused
     * (409 naming the policies) unless confirmed; a confirmed one is audited as such.
     */
    private void requireSomeoneReached(Schedule schedule, List<Layer> layers, boolean confirmed) {
        if (layers.stream().anyMatch(l -> !l.participants().isEmpty())) {
            return;
        }
        var users = referrers(schedule.id());
        if (users.isEmpty()) {
            return;
        }
        if (!confirmed) {
            throw new ConflictException("reaches-nobody", "After this change nobody is on call in schedule '"
                    + schedule.name() + "', and " + named(users) + " page it: they would reach nobody there. Send"
                    + " the change again with confirm=true to make it anyway.", Map.of("usedBy", users,
                    "confirmWith", "confirm=true"));
        }
        audit.record(CurrentActor.get(), "oncall.reaches-nobody-confirmed", "oncall-schedule", schedule.id(),
                "nobody on call, still targeted by " + named(users));
    }

    /** Changing the schedule is for its team's managers (issue 15 point 2, TeamAccessDecision). */
    private void configure(Schedule schedule) {
        teamAccess.require(TeamPermission.CONFIGURE, schedule.teamId(), "schedule '" + schedule.name() + "'");
    }

    /** Shifts, overrides and cover in the schedule are for its team's responders and managers. */
    private void respond(Schedule schedule) {
        teamAccess.require(TeamPermission.RESPOND, schedule.teamId(), "schedule '" + schedule.name() + "'");
    }

    private static int layerIndex(Schedule schedule, UUID layerId) {
        for (int i = 0; i < schedule.layers().size(); i++) {
            if (schedule.layers().get(i).id().equals(layerId)) {
                return i;
            }
        }
        throw new NotFoundException("layer", layerId);
    }

    /** Marks the schedule as the secondary of {@code primaryId} (null: no longer a secondary). */
    public Schedule makeSecondaryOf(UUID id, UUID primaryId) {
        var schedule = schedule(id);
        configure(schedule);
        if (primaryId != null) {
            if (primaryId.equals(id)) {
                throw new InvalidInputException("primaryScheduleId", "a schedule cannot be its own secondary");
            }
            var primary = store.find(primaryId).orElseThrow(() -> new InvalidInputException("primaryScheduleId",
                    "no schedule with id " + primaryId));
            if (id.equals(primary.secondaryOf())) {
                throw new InvalidInputException("primaryScheduleId",
                        "'" + primary.name() + "' is already the secondary of this schedule");
            }
        }
        var actor = CurrentActor.get();
        schedule.makeSecondaryOf(primaryId, actor, clock.instant());
        store.update(schedule);
        audit.record(actor, "oncall.secondary-set", "oncall-schedule", id, String.valueOf(primaryId));
        return schedule(id);
    }

    /** Marks the organisation's incident manager on call schedule (R8); null clears the mark. */
    public void markImoc(UUID scheduleId) {
        // Organisation-wide, so owned by no team: administrators only (issue 15 point 2).
        teamAccess.require(TeamPermission.CONFIGURE, null, "the IMOC marker");
        if (scheduleId != null) {
            schedule(scheduleId);
        }
        store.setImoc(scheduleId);
        audit.record(CurrentActor.get(), "oncall.imoc-set", "oncall-schedule", scheduleId, null);
    }

    @Transactional(readOnly = true)
    public Optional<Schedule> imoc() {
        return store.imoc().flatMap(store::find);
    }

    @Transactional(readOnly = true)
    public Optional<Schedule> secondaryOf(UUID primaryId) {
        return store.secondaryOf(primaryId).flatMap(store::find);
    }

    @Transactional(readOnly = true)
    public Schedule schedule(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("schedule", id));
    }

    @Transactional(readOnly = true)
    public Optional<Schedule> findSchedule(UUID id) {
        return id == null ? Optional.empty() : store.find(id);
    }

    @Transactional(readOnly = true)
    public List<Schedule> schedules() {
        return store.all();
    }

    @Transactional(readOnly = true)
    public List<Schedule> schedulesOfTeam(UUID teamId) {
        return store.byTeam(teamId);
    }

    // ---- overrides, take-over, cover requests

    public Override addOverride(UUID scheduleId, UUID userId, Instant start, Instant end, String reason) {
        var schedule = schedule(scheduleId);
        respond(schedule);
        var violations = new ArrayList<FieldViolation>();
        DraftChecks.period(start, end, violations);
        DraftChecks.member(identity.team(schedule.teamId()), userId, "userId", violations);
        failOn(violations);
        return storeOverride(schedule, userId, start, end, blankToNull(reason), null);
    }

    /** The signed-in person takes over whoever is on call in {@code [start, end)}: a whole shift or part of it. */
    public Override takeShift(UUID scheduleId, Instant start, Instant end) {
        var actor = requirePerson();
        var schedule = schedule(scheduleId);
        respond(schedule);
        var violations = new ArrayList<FieldViolation>();
        DraftChecks.period(start, end, violations);
        DraftChecks.member(identity.team(schedule.teamId()), actor.userId(), "userId", violations);
        failOn(violations);
        var previous = plan(schedule, new TimeRange(start, end)).finalShifts().stream().map(Shift::userId)
                .filter(u -> !u.equals(actor.userId())).distinct().toList();
        if (previous.isEmpty() && !plan(schedule, new TimeRange(start, end)).finalShifts().isEmpty()) {
            throw new ConflictException("already-on-call", "You are already on call for this whole period");
        }
        String from = identity.usersById(previous).values().stream().map(io.tocsin.identity.User::name).sorted()
                .collect(Collectors.joining(", "));
        return storeOverride(schedule, actor.userId(), start, end, from.isEmpty() ? "took an uncovered period"
                : "took over from " + from, null);
    }

    public void removeOverride(UUID scheduleId, UUID overrideId) {
        respond(schedule(scheduleId));
        var override = overrides.find(overrideId).filter(o -> o.scheduleId().equals(scheduleId))
                .orElseThrow(() -> new NotFoundException("override", overrideId));
        overrides.delete(overrideId);
        audit.record(CurrentActor.get(), "oncall.override-removed", "oncall-schedule", scheduleId,
                override.userId() + " " + override.start() + " - " + override.end());
    }

    private Override storeOverride(Schedule schedule, UUID userId, Instant start, Instant end, String reason,
            UUID coverRequestId) {
        var actor = CurrentActor.get();
        var override = new Override(UUID.randomUUID(), schedule.id(), userId, start, end, reason, coverRequestId,
                clock.instant(), actor.userId(), actor.name());
        overrides.insert(override);
        audit.record(actor, "oncall.override-added", "oncall-schedule", schedule.id(),
                userId + " " + start + " - " + end + (reason == null ? "" : ": " + reason));
        return override;
    }

    public CoverRequest requestCover(UUID scheduleId, Instant start, Instant end, String note) {
        var actor = requirePerson();
        var schedule = schedule(scheduleId);
        respond(schedule);
        var violations = new ArrayList<FieldViolation>();
        DraftChecks.period(start, end, violations);
        DraftChecks.member(identity.team(schedule.teamId()), actor.userId(), "requestedBy", violations);
        failOn(violations);
        var request = new CoverRequest(UUID.randomUUID(), scheduleId, actor.userId(), start, end, blankToNull(note),
                CoverRequest.Status.OPEN, null, null, clock.instant(), null, 0);
        overrides.insert(request);
        audit.record(actor, "oncall.cover-requested", "oncall-schedule", scheduleId, start + " - " + end);
        return request;
    }

    /** A colleague accepts: they are on call instead for the requested period (an override linked to it). */
    public CoverRequest acceptCover(UUID requestId) {
        var actor = requirePerson();
        var request = coverRequest(requestId);
        var schedule = schedule(request.scheduleId());
        respond(schedule);
        var violations = new ArrayList<FieldViolation>();
        DraftChecks.member(identity.team(schedule.teamId()), actor.userId(), "acceptedBy", violations);
        failOn(violations);
        UUID overrideId = UUID.randomUUID();
        var accepted = request.accept(actor.userId(), overrideId, clock.instant());
        overrides.update(accepted);
        var override = new Override(overrideId, schedule.id(), actor.userId(), request.start(), request.end(),
                "covers for " + identity.user(request.requestedBy()).name(), requestId, clock.instant(),
                actor.userId(), actor.name());
        overrides.insert(override);
        audit.record(actor, "oncall.cover-accepted", "oncall-schedule", schedule.id(),
                request.start() + " - " + request.end() + " for " + request.requestedBy());
        return accepted;
    }

    public CoverRequest cancelCover(UUID requestId) {
        var actor = requirePerson();
        var request = coverRequest(requestId);
        respond(schedule(request.scheduleId()));
        if (!actor.userId().equals(request.requestedBy())) {
            throw new ConflictException("not-yours", "Only the person who asked for cover can withdraw the request");
        }
        var cancelled = request.cancel(clock.instant());
        overrides.update(cancelled);
        audit.record(actor, "oncall.cover-cancelled", "oncall-schedule", request.scheduleId(), requestId.toString());
        return cancelled;
    }

    @Transactional(readOnly = true)
    public CoverRequest coverRequest(UUID id) {
        return overrides.findCoverRequest(id).orElseThrow(() -> new NotFoundException("cover request", id));
    }

    @Transactional(readOnly = true)
    public List<CoverRequest> coverRequests(UUID scheduleId) {
        schedule(scheduleId);
        return overrides.coverRequests(scheduleId, clock.instant());
    }

    @Transactional(readOnly = true)
    public List<Override> overrides(UUID scheduleId, TimeRange range) {
        schedule(scheduleId);
        return overrides.overlapping(scheduleId, range.from(), range.to());
    }

    // ---- queries

    @Transactional(readOnly = true)
    public Plan plan(UUID scheduleId, TimeRange range) {
        return plan(schedule(scheduleId), checked(range));
    }

    private Plan plan(Schedule schedule, TimeRange range) {
        var specs = overrides.overlapping(schedule.id(), range.from(), range.to()).stream().map(Override::spec)
                .toList();
        return planner.plan(schedule.definition(specs), range);
    }

    /** Who is on call at {@code at} for each of the schedules (absent: nobody); a fixed number of queries. */
    @Transactional(readOnly = true)
    public Map<UUID, Shift> onCallAt(Collection<UUID> scheduleIds, Instant at) {
        var schedules = store.byIdsForPlanning(scheduleIds);
        var overridesById = overrides.overlapping(schedules.stream().map(Schedule::id).toList(), at,
                at.plusMillis(1));
        var result = new HashMap<UUID, Shift>();
        for (Schedule s : schedules) {
            var specs = overridesById.getOrDefault(s.id(), List.of()).stream().map(Override::spec).toList();
            planner.onCallAt(s.definition(specs), at).ifPresent(shift -> result.put(s.id(), shift));
        }
        return result;
    }

    /** The final shift around {@code at}, as it really starts and ends (planned {@link #lookaround} either way). */
    @Transactional(readOnly = true)
    public Optional<Shift> finalShiftAt(UUID scheduleId, Instant at) {
        var schedule = schedule(scheduleId);
        var around = lookaround(schedule);
        var shifts = plan(schedule, new TimeRange(at.minus(around), at.plus(around))).finalShifts();
        for (int i = 0; i < shifts.size(); i++) {
            if (shifts.get(i).covers(at)) {
                return Optional.of(untilHandOff(shifts, i));
            }
        }
        return Optional.empty();
    }

    /**
     * The next {@code count} final shifts starting after {@code at}, each whole: the horizon grows with the
     * schedule's longest turn, and a shift the horizon cuts off is left out rather than shown with a false end.
     */
    @Transactional(readOnly = true)
    public List<Shift> upcoming(UUID scheduleId, Instant at, int count) {
        var schedule = schedule(scheduleId);
        var horizon = atLeastAMonth(longestTurn(schedule).multipliedBy(2L * (count + 1)), MAX_RANGE);
        var range = new TimeRange(at, at.plus(horizon));
        return plan(schedule, range).finalShifts().stream()
                .filter(s -> s.start().isAfter(at) && s.end().isBefore(range.to())).limit(count).toList();
    }

    /**
     * Where the person is on call at {@code at}, if anywhere: the schedule and the stretch until somebody else
     * takes over (an override followed by their own turn is one stretch), each schedule planned as far as its
     * turns need. On several schedules at once, the stretch that began first.
     */
    @Transactional(readOnly = true)
    public Optional<UserShift> onCallStretch(UUID userId, Instant at) {
        UserShift found = null;
        for (Schedule s : store.withParticipantOrOverride(userId)) {
            var mine = plan(s, new TimeRange(at, at.plus(lookaround(s)))).finalShifts().stream()
                    .filter(shift -> shift.userId().equals(userId)).toList();
            for (int i = 0; i < mine.size(); i++) {
                if (mine.get(i).covers(at)) {
                    var stretch = untilHandOff(mine, i);
                    if (found == null || stretch.start().isBefore(found.shift().start())) {
                        found = new UserShift(s.id(), s.name(), stretch);
                    }
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * How far to plan either way of an instant to see a whole turn of the schedule: a month, or twice its longest
     * turn (a first turn can be almost two turns long), at most half the range one query may plan.
     */
    public static Duration lookaround(Schedule schedule) {
        return atLeastAMonth(longestTurn(schedule).multipliedBy(2), MAX_RANGE.dividedBy(2));
    }

    private static Duration longestTurn(Schedule schedule) {
        return schedule.layers().stream().map(l -> l.length().longestTurn()).max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    private static Duration atLeastAMonth(Duration wanted, Duration cap) {
        var month = Duration.ofDays(31);
        var atLeast = wanted.compareTo(month) < 0 ? month : wanted;
        return atLeast.compareTo(cap) > 0 ? cap : atLeast;
    }

    /**
     * The shift at {@code index} lengthened over the directly following pieces of the same person (an override
     * followed by their own turn): "on call until" means until somebody else takes over.
     */
    static Shift untilHandOff(List<Shift> shifts, int index) {
        Shift first = shifts.get(index);
        Instant end = first.end();
        for (int j = index + 1; j < shifts.size() && shifts.get(j).start().equals(end)
                && shifts.get(j).userId().equals(first.userId()); j++) {
            end = shifts.get(j).end();
        }
        return new Shift(first.start(), end, first.userId(), first.layer(), first.overrideId());
    }

    /** A person's final shifts across all schedules in the range. */
    @Transactional(readOnly = true)
    public List<UserShift> shiftsOf(UUID userId, TimeRange range) {
        checked(range);
        var shifts = new ArrayList<UserShift>();
        for (Schedule s : store.withParticipantOrOverride(userId)) {
            plan(s, range).finalShifts().stream().filter(shift -> shift.userId().equals(userId))
                    .forEach(shift -> shifts.add(new UserShift(s.id(), s.name(), shift)));
        }
        shifts.sort(java.util.Comparator.comparing((UserShift u) -> u.shift().start()));
        return shifts;
    }

    public static TimeRange checked(TimeRange range) {
        if (Duration.between(range.from(), range.to()).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("to", "a range may span at most " + MAX_RANGE.toDays() + " days");
        }
        return range;
    }

    // ---- validation

    private record ValidDraft(String name, ZoneId zone, List<Layer> layers) {
    }

    /** Checks a whole schedule draft, collecting every fault before refusing; {@code self} when updating. */
    private ValidDraft validate(ScheduleDraft draft, Team team, UUID self, List<FieldViolation> violations) {
        ZoneId zone = DraftChecks.zone(draft.timeZone(), "timeZone", violations);
        String name = DraftChecks.name(draft.name(), "name", violations);
        var layers = DraftChecks.layers(draft.layers(), zone, team, violations);
        failOn(violations);
        requireFreeName(name, self);
        return new ValidDraft(name, zone, layers);
    }

    private Team team(UUID teamId, List<FieldViolation> violations) {
        if (teamId == null) {
            violations.add(new FieldViolation("teamId", "a schedule belongs to a team"));
            return null;
        }
        var team = identity.findTeam(teamId);
        if (team.isEmpty()) {
            violations.add(new FieldViolation("teamId", "no team with id " + teamId));
        }
        return team.orElse(null);
    }

    private void requireFreeName(String name, UUID self) {
        if (store.nameTaken(name, self)) {
            throw new ConflictException("name-taken", "A schedule named '" + name + "' already exists");
        }
    }

    private static void expectVersion(Schedule schedule, Long expected) {
        if (expected != null && expected != schedule.version()) {
            throw new ConflictException("stale-version", "The schedule was changed by someone else (you sent version "
                    + expected + ", it is now at " + schedule.version() + "); reload it",
                    Map.of("currentVersion", schedule.version()));
        }
    }

    private static Actor requirePerson() {
        var actor = CurrentActor.get();
        if (actor.isSystem()) {
            throw new IllegalStateException("this action needs a signed-in person");
        }
        return actor;
    }

    private static void failOn(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(List.copyOf(new LinkedHashSet<>(violations)));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
