package io.tocsin.importer.internal.pagerduty;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.tocsin.escalation.PolicyImport;
import io.tocsin.importer.internal.Fidelity;
import io.tocsin.importer.internal.Json;
import io.tocsin.importer.internal.MappedPolicy;
import io.tocsin.importer.internal.MappedSchedule;
import io.tocsin.importer.internal.PolicyLevels;
import io.tocsin.importer.internal.SourceIds;
import io.tocsin.importer.internal.Stacking;
import io.tocsin.importer.internal.WeekBlocks;
import io.tocsin.oncall.ScheduleImport;
import io.tocsin.oncall.planning.Restriction;
import io.tocsin.oncall.planning.Rotation;
import io.tocsin.oncall.planning.ShiftLength;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty schedules (layers, restrictions, overrides) and escalation policies in Tocsin's terms. Pure.
 *
 * <p>A layer's turns are counted from its {@code rotation_virtual_start} in steps of
 * {@code rotation_turn_length_seconds} on the schedule's wall clock; the layer is active from {@code start}. In
 * Tocsin the layer starts at the hand-off at or before {@code start}, with the person whose turn that is first,
 * so both count the same turns. {@code GET /schedules/{id}} lists layers from the highest priority down; Tocsin
 * stacks them from the lowest up. Where the highest layer with someone wins and overrides win over all layers,
 * both agree.
 */
public final class PagerDutyMapper {

    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;

    private record Layer(String name, Instant start, Instant end, Rotation rotation) {
    }

    public MappedSchedule schedule(JsonNode schedule, List<JsonNode> overrides, SourceIds ids, Instant asOf) {
        var reasons = new ArrayList<String>();
        ZoneId zone;
        try {
            zone = ZoneId.of(Json.text(schedule, "time_zone"));
        } catch (RuntimeException e) {
            return new MappedSchedule(Json.text(schedule, "id"), Json.text(schedule, "name"), null, ZoneId.of("UTC"),
                    null, null, List.of(), List.of(), Fidelity.UNMAPPABLE,
                    List.of("time zone '" + Json.text(schedule, "time_zone") + "' is not an IANA zone"));
        }
        var source = Json.array(schedule, "schedule_layers");
        var layers = new ArrayList<Layer>();
        for (int i = source.size() - 1; i >= 0; i--) {
            Layer layer = layer(source.get(i), zone, ids, asOf, reasons);
            if (layer != null) {
                layers.add(layer);
            }
        }
        Stacking.endings(layers.stream().map(l -> new Stacking.Stacked(l.name(), l.end(), l.rotation())).toList(),
                "layer", reasons);
        var out = new ArrayList<MappedSchedule.Override>();
        for (JsonNode o : overrides) {
            Instant start = Json.instant(o, "start");
            Instant end = Json.instant(o, "end");
            if (start == null || end == null || !end.isAfter(asOf) || !end.isAfter(start)) {
                continue;
            }
            UUID user = ids.user(Json.text(o, "user", "id"));
            if (user == null) {
                reasons.add("override " + Json.text(o, "id") + " is for " + Json.text(o, "user", "summary")
                        + ", who is not imported; left out");
                continue;
            }
            out.add(new MappedSchedule.Override(Json.text(o, "id"), user, start, end));
        }
        out.sort(Comparator.comparing(MappedSchedule.Override::start));
        if (layers.isEmpty()) {
            reasons.add("no layer with people in it is left to import");
        }
        var teams = Json.array(schedule, "teams");
        var fidelity = layers.isEmpty() ? Fidelity.UNMAPPABLE
                : reasons.isEmpty() ? Fidelity.EXACT : Fidelity.APPROXIMATE;
        return new MappedSchedule(Json.text(schedule, "id"), Json.text(schedule, "name"),
                Json.text(schedule, "description"), zone, teams.isEmpty() ? null : Json.text(teams.getFirst(), "id"),
                teams.isEmpty() ? null : Json.text(teams.getFirst(), "summary"),
                layers.stream().map(l -> new ScheduleImport.Layer(l.name(), l.rotation())).toList(), out, fidelity,
                reasons);
    }

    private static Layer layer(JsonNode l, ZoneId zone, SourceIds ids, Instant asOf, List<String> reasons) {
        String name = Json.text(l, "name") == null ? "Layer" : Json.text(l, "name");
        Instant start = Json.instant(l, "start");
        Instant end = Json.instant(l, "end");
        Instant virtualStart = Json.instant(l, "rotation_virtual_start");
        long seconds = Json.number(l, "rotation_turn_length_seconds", 0);
        if (start == null || virtualStart == null || seconds <= 0) {
            reasons.add("layer '" + name + "' lacks its start, virtual start or turn length; left out");
            return null;
        }
        if (end != null && !end.isAfter(asOf)) {
            return null;
        }
        ShiftLength length;
        if (seconds % WEEK == 0) {
            length = ShiftLength.weeks((int) (seconds / WEEK));
        } else if (seconds % DAY == 0) {
            length = ShiftLength.days((int) (seconds / DAY));
        } else if (seconds % HOUR == 0) {
            length = ShiftLength.hours((int) (seconds / HOUR));
        } else {
            long hours = Math.max(1, Math.round(seconds / (double) HOUR));
            reasons.add("layer '" + name + "' has turns of " + seconds + " s; Tocsin counts whole hours (" + hours
                    + " h)");
            length = ShiftLength.hours((int) hours);
            seconds = hours * HOUR;
        }
        var users = new ArrayList<UUID>();
        for (JsonNode u : Json.array(l, "users")) {
            JsonNode user = u.has("user") ? u.get("user") : u;
            UUID id = ids.user(Json.text(user, "id"));
            if (id == null) {
                reasons.add("layer '" + name + "': " + Json.text(user, "summary") + " is not imported; left out");
            } else {
                users.add(id);
            }
        }
        if (users.isEmpty()) {
            reasons.add("layer '" + name + "' has nobody Tocsin can put on call; left out");
            return null;
        }
        // The turn running at the layer start, counted on the wall clock from the virtual start.
        LocalDateTime virtualLocal = virtualStart.atZone(zone).toLocalDateTime();
        long wall = ChronoUnit.SECONDS.between(virtualLocal, start.atZone(zone).toLocalDateTime());
        long turn = Math.floorDiv(wall, seconds);
        LocalDateTime handoffLocal = virtualLocal.plusSeconds(turn * seconds);
        Instant startsAt = handoffLocal.atZone(zone).toInstant();
        if (startsAt.isBefore(start) && start.isAfter(asOf)) {
            reasons.add("layer '" + name + "' starts on " + start + " in the middle of a turn; Tocsin starts it at"
                    + " that turn's hand-off, " + startsAt);
        }
        var ordered = new ArrayList<UUID>(users.size());
        for (int i = 0; i < users.size(); i++) {
            ordered.add(users.get((int) Math.floorMod(turn + i, (long) users.size())));
        }
        var restrictions = new ArrayList<Restriction>();
        for (JsonNode r : Json.array(l, "restrictions")) {
            restrictions.addAll(restriction(r, name, reasons));
        }
        var rotation = new Rotation(zone, ordered, length, startsAt, handoffLocal.toLocalTime().withNano(0),
                restrictions);
        return new Layer(name, start, end, rotation);
    }

    /** {@code daily_restriction} and {@code weekly_restriction}: a start time and a duration in seconds. */
    static List<Restriction> restriction(JsonNode r, String layer, List<String> reasons) {
        LocalTime from = LocalTime.parse(Json.text(r, "start_time_of_day"));
        long seconds = Json.number(r, "duration_seconds", 0);
        if (from.getSecond() != 0 || seconds % 60 != 0) {
            reasons.add("layer '" + layer + "' has a restriction to the second; Tocsin counts minutes");
            from = from.withSecond(0);
        }
        long minutes = seconds / 60;
        if (minutes <= 0) {
            reasons.add("layer '" + layer + "' has an empty restriction; ignored");
            return List.of();
        }
        if ("weekly_restriction".equals(Json.text(r, "type"))) {
            DayOfWeek day = DayOfWeek.of((int) Json.number(r, "start_day_of_week", 1));
            return WeekBlocks.restrictions(day, from, Math.min(minutes, WeekBlocks.MINUTES_PER_WEEK));
        }
        if (minutes >= WeekBlocks.MINUTES_PER_DAY) {
            return List.of(Restriction.daily(from, from));
        }
        return List.of(Restriction.daily(from, from.plusMinutes(minutes)));
    }

    /**
     * An escalation policy: each rule a level, its delay the level's timeout with the attempts that make the level
     * last that long, {@code num_loops} the repeats (PagerDuty's "repeat this policy N times" after the last rule's
     * delay, as Tocsin's repeat count).
     */
    public MappedPolicy policy(JsonNode policy, SourceIds ids, PolicyImport.Timing timing) {
        var reasons = new ArrayList<String>();
        var levels = new ArrayList<PolicyImport.Level>();
        var steps = new ArrayList<MappedPolicy.SourceStep>();
        long startsAfter = 0;
        int n = 0;
        for (JsonNode rule : Json.array(policy, "escalation_rules")) {
            n++;
            steps.add(new MappedPolicy.SourceStep(n, startsAfter, Json.array(rule, "targets").stream()
                    .map(t -> Json.text(t, "summary") != null ? Json.text(t, "summary") : Json.text(t, "id"))
                    .toList()));
            startsAfter += Json.number(rule, "escalation_delay_in_minutes", 30);
            var targets = new ArrayList<PolicyImport.Target>();
            for (JsonNode t : Json.array(rule, "targets")) {
                String type = String.valueOf(Json.text(t, "type"));
                String id = Json.text(t, "id");
                UUID tocsin;
                PolicyImport.Kind kind;
                if (type.startsWith("user")) {
                    tocsin = ids.user(id);
                    kind = PolicyImport.Kind.USER;
                } else if (type.startsWith("schedule")) {
                    tocsin = ids.schedule(id);
                    kind = PolicyImport.Kind.SCHEDULE;
                } else {
                    reasons.add("rule " + n + " targets a '" + type + "'; left out");
                    continue;
                }
                if (tocsin == null) {
                    reasons.add("rule " + n + " targets " + Json.text(t, "summary") + " (" + id + "), which is not"
                            + " imported; left out");
                } else {
                    targets.add(new PolicyImport.Target(kind, tocsin));
                }
            }
            int timeout = PolicyLevels.timeout(Json.number(rule, "escalation_delay_in_minutes", 30), "rule " + n,
                    reasons);
            if (targets.isEmpty()) {
                reasons.add("rule " + n + " reaches nobody Tocsin knows; level left out");
            } else {
                levels.add(new PolicyImport.Level(timeout, targets));
            }
        }
        int repeats = PolicyLevels.repeats(Json.number(policy, "num_loops", 0), "the policy", reasons);
        var timed = PolicyLevels.withAttempts(levels, repeats, timing, reasons);
        if (levels.isEmpty()) {
            reasons.add("no rule reaches anybody Tocsin knows");
        }
        var services = Json.array(policy, "services").stream().map(s -> Json.text(s, "id")).toList();
        var fidelity = levels.isEmpty() ? Fidelity.UNMAPPABLE
                : reasons.isEmpty() ? Fidelity.EXACT : Fidelity.APPROXIMATE;
        return new MappedPolicy(Json.text(policy, "id"), new PolicyImport.Definition(Json.text(policy, "name"),
                Json.text(policy, "description"), repeats, timed), services, fidelity, reasons, steps,
                Json.number(policy, "num_loops", 0));
    }
}
