package io.tocsin.importer.internal.opsgenie;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
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
 * Opsgenie schedules (with their rotations and overrides) and escalations in Tocsin's terms. Pure.
 *
 * <p>Opsgenie puts the people of every rotation active at an instant on call together, while a Tocsin layer wins
 * over the ones below it: rotations that never overlap (follow-the-sun, business hours and after hours) map
 * exactly, overlapping ones approximately. Rotations are stacked by start date, so a rotation that replaces an
 * ending one (a rotation that changes its length) sits above it and takes over when it starts.
 */
public final class OpsgenieMapper {

    private record Source(JsonNode json, String name, Instant start, Instant end, Rotation rotation) {
    }

    public MappedSchedule schedule(JsonNode schedule, List<JsonNode> overrides, SourceIds ids, Instant asOf) {
        var reasons = new ArrayList<String>();
        String name = Json.text(schedule, "name");
        ZoneId zone;
        try {
            zone = ZoneId.of(Json.text(schedule, "timezone"));
        } catch (RuntimeException e) {
            return unmappable(schedule, "time zone '" + Json.text(schedule, "timezone") + "' is not an IANA zone");
        }
        if (schedule.has("enabled") && !schedule.get("enabled").asBoolean()) {
            reasons.add("the schedule is disabled in Opsgenie; Tocsin uses it");
        }
        var kept = new ArrayList<Source>();
        for (JsonNode r : Json.array(schedule, "rotations")) {
            Source s = rotation(r, zone, ids, asOf, reasons);
            if (s != null) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparing(Source::start));
        Stacking.endings(kept.stream().map(s -> new Stacking.Stacked(s.name(), s.end(), s.rotation())).toList(),
                "rotation", reasons);
        overlaps(kept, asOf, reasons);
        var layers = kept.stream().map(s -> new ScheduleImport.Layer(s.name(), s.rotation())).toList();
        var mappedOverrides = overrides(overrides, kept, ids, asOf, reasons);
        if (layers.isEmpty()) {
            reasons.add("no rotation with people in it is left to import");
        }
        var fidelity = layers.isEmpty() ? Fidelity.UNMAPPABLE
                : reasons.isEmpty() ? Fidelity.EXACT : Fidelity.APPROXIMATE;
        return new MappedSchedule(Json.text(schedule, "id"), name, Json.text(schedule, "description"), zone,
                Json.text(schedule, "ownerTeam", "id"), Json.text(schedule, "ownerTeam", "name"), layers,
                mappedOverrides, fidelity, reasons);
    }

    private static MappedSchedule unmappable(JsonNode schedule, String reason) {
        return new MappedSchedule(Json.text(schedule, "id"), Json.text(schedule, "name"), null, ZoneId.of("UTC"),
                null, null, List.of(), List.of(), Fidelity.UNMAPPABLE, List.of(reason));
    }

    private static Source rotation(JsonNode r, ZoneId zone, SourceIds ids, Instant asOf, List<String> reasons) {
        String name = Json.text(r, "name") == null ? "Rotation" : Json.text(r, "name");
        Instant start = Json.instant(r, "startDate");
        Instant end = Json.instant(r, "endDate");
        if (start == null) {
            reasons.add("rotation '" + name + "' has no start date; left out");
            return null;
        }
        if (end != null && !end.isAfter(asOf)) {
            return null;
        }
        int length = (int) Json.number(r, "length", 1);
        String type = String.valueOf(Json.text(r, "type")).toLowerCase(Locale.ROOT);
        ShiftLength shift;
        switch (type) {
            case "hourly" -> shift = ShiftLength.hours(length);
            case "daily" -> shift = ShiftLength.days(length);
            case "weekly" -> shift = ShiftLength.weeks(length);
            default -> {
                reasons.add("rotation '" + name + "' has the unknown type '" + type + "'; left out");
                return null;
            }
        }
        var people = new ArrayList<UUID>();
        for (JsonNode p : Json.array(r, "participants")) {
            String kind = Json.text(p, "type");
            if ("user".equals(kind)) {
                UUID id = ids.user(Json.text(p, "id"));
                if (id == null) {
                    reasons.add("rotation '" + name + "': participant " + label(p) + " is not imported; left out");
                } else {
                    people.add(id);
                }
            } else if ("none".equals(kind)) {
                reasons.add("rotation '" + name + "' has a turn for nobody ('none'); Tocsin gives it to the next"
                        + " person");
            } else {
                reasons.add("rotation '" + name + "': participant of type '" + kind + "' (" + label(p) + ") is not"
                        + " a person; left out");
            }
        }
        if (people.isEmpty()) {
            reasons.add("rotation '" + name + "' has nobody Tocsin can put on call; left out");
            return null;
        }
        var restrictions = restrictions(r.get("timeRestriction"), name, reasons);
        var rotation = new Rotation(zone, people, shift, start, null, restrictions);
        return new Source(r, name, start, end, rotation);
    }

    private static String label(JsonNode p) {
        String username = Json.text(p, "username");
        return username != null ? username : Json.text(p, "name") != null ? Json.text(p, "name") : Json.text(p, "id");
    }

    /** Opsgenie's {@code time-of-day} and {@code weekday-and-time-of-day} restrictions as Tocsin restrictions. */
    static List<Restriction> restrictions(JsonNode tr, String rotation, List<String> reasons) {
        if (tr == null || tr.isNull()) {
            return List.of();
        }
        String type = Json.text(tr, "type");
        var out = new ArrayList<Restriction>();
        if ("time-of-day".equals(type)) {
            JsonNode r = tr.get("restriction");
            out.add(Restriction.daily(time(r, "start"), time(r, "end")));
        } else if ("weekday-and-time-of-day".equals(type)) {
            for (JsonNode r : Json.array(tr, "restrictions")) {
                DayOfWeek startDay = DayOfWeek.valueOf(Json.text(r, "startDay").toUpperCase(Locale.ROOT));
                DayOfWeek endDay = DayOfWeek.valueOf(Json.text(r, "endDay").toUpperCase(Locale.ROOT));
                LocalTime from = time(r, "start");
                LocalTime to = time(r, "end");
                int begin = (startDay.getValue() - 1) * WeekBlocks.MINUTES_PER_DAY + from.toSecondOfDay() / 60;
                int finish = (endDay.getValue() - 1) * WeekBlocks.MINUTES_PER_DAY + to.toSecondOfDay() / 60;
                int minutes = Math.floorMod(finish - begin, WeekBlocks.MINUTES_PER_WEEK);
                out.addAll(WeekBlocks.restrictions(startDay, from, minutes == 0 ? WeekBlocks.MINUTES_PER_WEEK
                        : minutes));
            }
        } else {
            reasons.add("rotation '" + rotation + "' has the unknown restriction type '" + type + "'; ignored");
        }
        return out;
    }

    private static LocalTime time(JsonNode r, String prefix) {
        return LocalTime.of((int) Json.number(r, prefix + "Hour", 0) % 24, (int) Json.number(r, prefix + "Min", 0));
    }

    /** Rotations active at the same time from {@code asOf} on: Opsgenie pages both, Tocsin the upper one. */
    private static void overlaps(List<Source> kept, Instant asOf, List<String> reasons) {
        for (int i = 0; i < kept.size(); i++) {
            for (int j = i + 1; j < kept.size(); j++) {
                Source a = kept.get(i);
                Source b = kept.get(j);
                Instant from = max(asOf, max(a.start(), b.start()));
                Instant to = min(a.end(), b.end());
                if (to != null && !to.isAfter(from)) {
                    continue;
                }
                BitSet both = WeekBlocks.coverage(a.rotation().restrictions());
                both.and(WeekBlocks.coverage(b.rotation().restrictions()));
                if (!both.isEmpty()) {
                    reasons.add("rotations '" + a.name() + "' and '" + b.name() + "' overlap (from "
                            + WeekBlocks.describe(both.nextSetBit(0)) + "): Opsgenie puts both on call, Tocsin only"
                            + " the later one ('" + b.name() + "')");
                }
            }
        }
    }

    private static List<MappedSchedule.Override> overrides(List<JsonNode> overrides, List<Source> kept,
            SourceIds ids, Instant asOf, List<String> reasons) {
        var all = new HashSet<String>();
        kept.forEach(s -> all.add(Json.text(s.json(), "id")));
        var out = new ArrayList<MappedSchedule.Override>();
        for (JsonNode o : overrides) {
            Instant start = Json.instant(o, "startDate");
            Instant end = Json.instant(o, "endDate");
            String alias = Json.text(o, "alias");
            if (start == null || end == null || !end.isAfter(asOf) || !end.isAfter(start)) {
                continue;
            }
            JsonNode user = o.get("user");
            UUID id = "user".equals(Json.text(user, "type")) ? ids.user(Json.text(user, "id")) : null;
            if (id == null) {
                reasons.add("override '" + alias + "' is for " + (user == null ? "nobody" : label(user))
                        + ", who is not imported; left out");
                continue;
            }
            var rotations = new HashSet<String>();
            Json.array(o, "rotations").forEach(r -> rotations.add(Json.text(r, "id")));
            if (!rotations.isEmpty() && !rotations.containsAll(all)) {
                reasons.add("override '" + alias + "' replaces only some rotations; Tocsin overrides the whole"
                        + " schedule");
            }
            out.add(new MappedSchedule.Override(alias, id, start, end));
        }
        out.sort(Comparator.comparing(MappedSchedule.Override::start));
        return out;
    }

    /**
     * An escalation: rules with the same delay form one level; a level lasts until the next rule's delay; the
     * repeat's wait interval is the last level's timeout; each level gets the attempts that make it last that long.
     */
    public MappedPolicy escalation(JsonNode escalation, SourceIds ids, PolicyImport.Timing timing) {
        var reasons = new ArrayList<String>();
        String name = Json.text(escalation, "name");
        var byDelay = new TreeMap<Long, List<PolicyImport.Target>>();
        var steps = new ArrayList<MappedPolicy.SourceStep>();
        int n = 0;
        for (JsonNode rule : Json.array(escalation, "rules")) {
            n++;
            String what = "rule " + n;
            long delay = minutes(rule.get("delay"));
            JsonNode to = rule.get("recipient");
            String notifyType = Json.text(rule, "notifyType");
            steps.add(new MappedPolicy.SourceStep(n, delay, List.of((to == null ? "nobody" : Json.text(to, "type")
                    + " " + label(to)) + (notifyType == null || "default".equals(notifyType) ? ""
                    : " (" + notifyType + ")"))));
            var targets = byDelay.computeIfAbsent(delay, d -> new ArrayList<>());
            if ("if-not-closed".equals(Json.text(rule, "condition"))) {
                reasons.add(what + " notifies until the alert is closed; Tocsin stops on acknowledgement");
            }
            JsonNode recipient = rule.get("recipient");
            String kind = Json.text(recipient, "type");
            String notify = Json.text(rule, "notifyType") == null ? "default" : Json.text(rule, "notifyType");
            String label = recipient == null ? "nobody" : label(recipient);
            UUID id = null;
            PolicyImport.Kind target = null;
            switch (String.valueOf(kind)) {
                case "user" -> {
                    id = ids.user(Json.text(recipient, "id"));
                    target = PolicyImport.Kind.USER;
                }
                case "schedule" -> {
                    id = ids.schedule(Json.text(recipient, "id"));
                    target = PolicyImport.Kind.SCHEDULE;
                    if (!"default".equals(notify)) {
                        reasons.add(what + " notifies the '" + notify + "' people of schedule " + label
                                + "; Tocsin pages whoever is on call");
                    }
                }
                case "team" -> {
                    id = ids.team(Json.text(recipient, "id"));
                    target = PolicyImport.Kind.TEAM;
                    reasons.add(what + " notifies team " + label + " through the team's own routing in Opsgenie;"
                            + " Tocsin pages all its members");
                }
                default -> reasons.add(what + " notifies a recipient of type '" + kind + "'; left out");
            }
            if (target != null && id == null) {
                reasons.add(what + " notifies " + kind + " " + label + ", which is not imported; left out");
            } else if (target != null) {
                targets.add(new PolicyImport.Target(target, id));
            }
        }
        if (!byDelay.isEmpty() && byDelay.firstKey() > 0) {
            reasons.add("the first rule waits " + byDelay.firstKey() + " minutes; Tocsin's first level pages at once");
        }
        JsonNode repeat = escalation.get("repeat");
        long repeatCount = repeat == null ? 0 : Json.number(repeat, "count", 0);
        long wait = repeat == null ? 0 : Json.number(repeat, "waitInterval", 0);
        var delays = new ArrayList<>(byDelay.keySet());
        var levels = new ArrayList<PolicyImport.Level>();
        for (int i = 0; i < delays.size(); i++) {
            var targets = byDelay.get(delays.get(i));
            if (targets.isEmpty()) {
                reasons.add("the rules after " + delays.get(i) + " minutes reach nobody Tocsin knows; level left out");
                continue;
            }
            long timeout = i + 1 < delays.size() ? delays.get(i + 1) - delays.get(i)
                    : repeatCount > 0 ? wait : 5;
            levels.add(new PolicyImport.Level(PolicyLevels.timeout(timeout, "level " + (levels.size() + 1),
                    reasons), targets));
        }
        int repeats = PolicyLevels.repeats(repeatCount, "the escalation", reasons);
        var timed = PolicyLevels.withAttempts(levels, repeats, timing, reasons);
        if (levels.isEmpty()) {
            reasons.add("no rule reaches anybody Tocsin knows");
        }
        var fidelity = levels.isEmpty() ? Fidelity.UNMAPPABLE
                : reasons.isEmpty() ? Fidelity.EXACT : Fidelity.APPROXIMATE;
        return new MappedPolicy(Json.text(escalation, "id"), new PolicyImport.Definition(name,
                Json.text(escalation, "description"), repeats, timed), List.of(), fidelity, reasons, steps,
                repeatCount);
    }

    private static long minutes(JsonNode delay) {
        if (delay == null) {
            return 0;
        }
        long amount = Json.number(delay, "timeAmount", 0);
        return switch (String.valueOf(Json.text(delay, "timeUnit"))) {
            case "hours" -> amount * 60;
            case "days" -> amount * 24 * 60;
            default -> amount;
        };
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
