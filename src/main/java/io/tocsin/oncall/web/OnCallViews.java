package io.tocsin.oncall.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.oncall.Gap;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.internal.CoverRequest;
import io.tocsin.oncall.internal.Layer;
import io.tocsin.oncall.internal.Override;
import io.tocsin.oncall.internal.Schedule;
import io.tocsin.oncall.internal.Schedules;
import io.tocsin.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/** JSON shapes of the on-call API, with people's names filled in so clients need no second round trip. */
@Component
class OnCallViews {

    private final Identity identity;

    OnCallViews(Identity identity) {
        this.identity = identity;
    }

    record PersonView(UUID id, String name) {
    }

    record RestrictionView(List<String> days, String from, String to) {
    }

    record ShiftLengthView(int amount, String unit) {
    }

    /** {@code handoffDay}: the day of the month of a monthly rotation (MONTHS), else null. */
    record LayerView(UUID id, String name, String timeZone, List<PersonView> participants,
            ShiftLengthView shiftLength, Instant startsAt, String handoffTime, Integer handoffDay,
            List<RestrictionView> restrictions) {
    }

    record ScheduleView(UUID id, String name, String description, UUID teamId, String timeZone,
            UUID secondaryOf, boolean imoc, List<LayerView> layers, Instant updatedAt, long version) {
    }

    record ShiftView(Instant start, Instant end, PersonView user, Integer layer, UUID overrideId) {
    }

    record GapView(Instant start, Instant end, long minutes) {
    }

    record LayerShiftsView(UUID layerId, String name, List<ShiftView> shifts) {
    }

    record PlanView(UUID scheduleId, Instant from, Instant to, List<ShiftView> finalShifts,
            List<LayerShiftsView> layers, List<GapView> gaps) {
    }

    record OverrideView(UUID id, UUID scheduleId, PersonView user, Instant start, Instant end, String reason,
            UUID coverRequestId, Instant createdAt, String createdBy) {
    }

    record CoverRequestView(UUID id, UUID scheduleId, PersonView requestedBy, Instant start, Instant end,
            String note, String status, PersonView acceptedBy, UUID overrideId, Instant createdAt, long version) {
    }

    record OnCallView(UUID scheduleId, String scheduleName, Instant at, ShiftView onCall, List<ShiftView> next) {
    }

    ScheduleView schedule(Schedule s, boolean imoc) {
        var people = people(s.layers().stream().flatMap(l -> l.participants().stream()).toList());
        return new ScheduleView(s.id(), s.name(), s.description(), s.teamId(), s.zone().getId(), s.secondaryOf(),
                imoc, s.layers().stream().map(l -> layer(l, people)).toList(), s.updatedAt(), s.version());
    }

    private static LayerView layer(Layer l, Map<UUID, User> people) {
        return new LayerView(l.id(), l.name(), l.zone().getId(),
                l.participants().stream().map(u -> person(u, people)).toList(),
                new ShiftLengthView(l.length().amount(), l.length().unit().name()), l.startsAt(),
                l.handoff().toString(), l.handoffDay(),
                l.restrictions().stream().map(r -> new RestrictionView(
                        r.days().stream().map(Enum::name).toList(), r.from().toString(), r.to().toString())).toList());
    }

    PlanView plan(Schedule s, TimeRange range, io.tocsin.oncall.planning.Plan plan) {
        var people = people(plan.finalShifts().stream().map(Shift::userId).toList(),
                plan.layers().stream().flatMap(List::stream).map(Shift::userId).toList());
        var layers = new java.util.ArrayList<LayerShiftsView>();
        for (int i = 0; i < s.layers().size() && i < plan.layers().size(); i++) {
            layers.add(new LayerShiftsView(s.layers().get(i).id(), s.layers().get(i).name(),
                    shifts(plan.layers().get(i), people)));
        }
        return new PlanView(s.id(), range.from(), range.to(), shifts(plan.finalShifts(), people), layers,
                gaps(plan.gaps()));
    }

    List<ShiftView> shifts(List<Shift> shifts, Map<UUID, User> people) {
        return shifts.stream().map(sh -> shift(sh, people)).toList();
    }

    static ShiftView shift(Shift s, Map<UUID, User> people) {
        return new ShiftView(s.start(), s.end(), person(s.userId(), people),
                s.layer() == Shift.OVERRIDE ? null : s.layer(), s.overrideId());
    }

    static List<GapView> gaps(List<Gap> gaps) {
        return gaps.stream().map(g -> new GapView(g.start(), g.end(), g.duration().toMinutes())).toList();
    }

    OverrideView override(Override o) {
        return new OverrideView(o.id(), o.scheduleId(), person(o.userId(), people(List.of(o.userId()))), o.start(),
                o.end(), o.reason(), o.coverRequestId(), o.createdAt(), o.createdByName());
    }

    CoverRequestView coverRequest(CoverRequest c) {
        var people = people(java.util.stream.Stream.of(c.requestedBy(), c.acceptedBy())
                .filter(java.util.Objects::nonNull).toList());
        return new CoverRequestView(c.id(), c.scheduleId(), person(c.requestedBy(), people), c.start(), c.end(),
                c.note(), c.status().name(), c.acceptedBy() == null ? null : person(c.acceptedBy(), people),
                c.overrideId(), c.createdAt(), c.version());
    }

    @SafeVarargs
    final Map<UUID, User> people(Collection<UUID>... ids) {
        var all = new java.util.HashSet<UUID>();
        for (var c : ids) {
            all.addAll(c);
        }
        return identity.usersById(all);
    }

    static PersonView person(UUID id, Map<UUID, User> people) {
        var user = people.get(id);
        return new PersonView(id, user == null ? null : user.name());
    }

    /** The range of a query, defaulting to {@code defaultLength} from {@code now}; refused when empty or huge. */
    static TimeRange range(Instant from, Instant to, Instant now, Duration defaultLength) {
        Instant start = from == null ? now : from;
        Instant end = to == null ? start.plus(defaultLength) : to;
        if (!end.isAfter(start)) {
            throw new InvalidInputException("to", "must be after from");
        }
        return Schedules.checked(new TimeRange(start, end));
    }
}
