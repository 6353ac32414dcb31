package io.tocsin.oncall;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.oncall.internal.Schedule;
import io.tocsin.oncall.internal.Schedules;
import org.springframework.stereotype.Component;

/**
 * What other modules may ask about on-call duty (escalation pages the person this returns; the dashboard shows
 * them). All answers are final: layers, restrictions and overrides applied.
 */
@Component
public class OnCall {

    private final Schedules schedules;

    OnCall(Schedules schedules) {
        this.schedules = schedules;
    }

    /** The final shift of whoever is on call for the schedule at {@code at}; empty in a gap (nobody). */
    public Optional<Shift> whoIsOnCall(UUID scheduleId, Instant at) {
        return schedules.finalShiftAt(scheduleId, at);
    }

    /**
     * Who is on call at {@code at} for many schedules at once (schedules in a gap are absent from the map). Each
     * shift is the winning override or layer turn around {@code at}; its end may be cut by a later override.
     */
    public Map<UUID, Shift> whoIsOnCall(Collection<UUID> scheduleIds, Instant at) {
        return schedules.onCallAt(scheduleIds, at);
    }

    /** Final shifts of the schedule in the range (at most {@code 400} days). */
    public List<Shift> shifts(UUID scheduleId, TimeRange range) {
        return schedules.plan(scheduleId, range).finalShifts();
    }

    /** Times in the range with nobody on call. */
    public List<Gap> gaps(UUID scheduleId, TimeRange range) {
        return schedules.plan(scheduleId, range).gaps();
    }

    /** One person's final shifts across all schedules. */
    public List<UserShift> shiftsOf(UUID userId, TimeRange range) {
        return schedules.shiftsOf(userId, range);
    }

    /** The schedule of the organisation's incident manager on call (R8), when one is marked. */
    public Optional<ScheduleRef> imocSchedule() {
        return schedules.imoc().map(Schedule::ref);
    }

    /** The schedule marked as secondary of the given primary schedule, if any. */
    public Optional<ScheduleRef> secondaryOf(UUID primaryScheduleId) {
        return schedules.secondaryOf(primaryScheduleId).map(Schedule::ref);
    }

    public Optional<ScheduleRef> schedule(UUID scheduleId) {
        return schedules.findSchedule(scheduleId).map(Schedule::ref);
    }

    /** Every schedule, by name (for pickers such as escalation policies' targets). */
    public List<ScheduleRef> schedules() {
        return schedules.schedules().stream().map(Schedule::ref)
                .sorted(java.util.Comparator.comparing(ScheduleRef::name, String.CASE_INSENSITIVE_ORDER)).toList();
    }

    /** Everyone named in the schedule's layers (empty for an unknown schedule): whom it can put on call. */
    public java.util.Set<UUID> participants(UUID scheduleId) {
        return schedules.findSchedule(scheduleId).map(s -> s.layers().stream()
                .flatMap(l -> l.participants().stream()).collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
    }

    public List<ScheduleRef> schedulesOfTeam(UUID teamId) {
        return schedules.schedulesOfTeam(teamId).stream().map(Schedule::ref).toList();
    }
}
