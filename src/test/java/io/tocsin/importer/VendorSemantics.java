package io.tocsin.importer;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.tocsin.importer.internal.Equivalence;
import tools.jackson.databind.JsonNode;

/**
 * Who is on call by each vendor's own rules, evaluated instant by instant straight from the vendor's JSON, the way
 * its documentation describes them, written independently of Tocsin's ShiftPlanner: the fakes render their
 * on-call answers with it and the mapper tests compare the planner against it.
 *
 * <p>Opsgenie: every rotation active at an instant puts its current participant on call (several at once when
 * rotations overlap); a rotation counts turns of its length on the schedule's wall clock from its start date;
 * restrictions are wall-clock windows; an override replaces the people of the rotations it names (all when it
 * names none). PagerDuty: layers listed highest priority first, the first one with somebody wins; turns counted on
 * the wall clock from {@code rotation_virtual_start}; overrides win, the last listed over earlier ones.
 */
final class VendorSemantics {

    private VendorSemantics() {
    }

    static Set<String> opsgenie(JsonNode schedule, List<JsonNode> overrides, Instant at) {
        ZoneId zone = ZoneId.of(schedule.get("timezone").asString());
        ZonedDateTime local = at.atZone(zone);
        var people = new LinkedHashSet<String>();
        for (JsonNode r : schedule.get("rotations")) {
            Instant start = instant(r, "startDate");
            Instant end = instant(r, "endDate");
            if (at.isBefore(start) || (end != null && !at.isBefore(end)) || !opsgenieActive(r.get("timeRestriction"),
                    local)) {
                continue;
            }
            JsonNode override = null;
            for (JsonNode o : overrides) {
                if (!at.isBefore(instant(o, "startDate")) && at.isBefore(instant(o, "endDate"))) {
                    var rotations = new HashSet<String>();
                    o.path("rotations").forEach(x -> rotations.add(x.get("id").asString()));
                    if (rotations.isEmpty() || rotations.contains(r.get("id").asString())) {
                        override = o;
                    }
                }
            }
            if (override != null) {
                people.add(override.get("user").get("id").asString());
                continue;
            }
            long unit = switch (r.get("type").asString()) {
                case "hourly" -> 60;
                case "daily" -> 24 * 60;
                default -> 7 * 24 * 60;
            };
            long length = unit * (r.has("length") ? r.get("length").asLong() : 1);
            long wall = ChronoUnit.MINUTES.between(start.atZone(zone).toLocalDateTime(), local.toLocalDateTime());
            var participants = new ArrayList<JsonNode>();
            r.get("participants").forEach(participants::add);
            JsonNode p = participants.get((int) Math.floorMod(Math.floorDiv(wall, length), (long) participants.size()));
            if ("user".equals(p.get("type").asString())) {
                people.add(p.get("id").asString());
            }
        }
        // A schedule-wide override covers the schedule even where no rotation is active.
        for (JsonNode o : overrides) {
            if (!at.isBefore(instant(o, "startDate")) && at.isBefore(instant(o, "endDate"))
                    && o.path("rotations").isEmpty()) {
                return Set.of(o.get("user").get("id").asString());
            }
        }
        return people;
    }

    private static boolean opsgenieActive(JsonNode tr, ZonedDateTime local) {
        if (tr == null || tr.isNull()) {
            return true;
        }
        int minuteOfDay = local.getHour() * 60 + local.getMinute();
        int minuteOfWeek = (local.getDayOfWeek().getValue() - 1) * 1440 + minuteOfDay;
        if ("time-of-day".equals(tr.get("type").asString())) {
            JsonNode r = tr.get("restriction");
            int from = r.get("startHour").asInt() * 60 + r.get("startMin").asInt();
            int to = r.get("endHour").asInt() * 60 + r.get("endMin").asInt();
            int length = Math.floorMod(to - from, 1440);
            return Math.floorMod(minuteOfDay - from, 1440) < (length == 0 ? 1440 : length);
        }
        for (JsonNode r : tr.get("restrictions")) {
            int from = (day(r.get("startDay").asString()) - 1) * 1440 + r.get("startHour").asInt() * 60
                    + r.get("startMin").asInt();
            int to = (day(r.get("endDay").asString()) - 1) * 1440 + r.get("endHour").asInt() * 60
                    + r.get("endMin").asInt();
            int length = Math.floorMod(to - from, 10080);
            if (Math.floorMod(minuteOfWeek - from, 10080) < (length == 0 ? 10080 : length)) {
                return true;
            }
        }
        return false;
    }

    private static int day(String name) {
        return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT)).getValue();
    }

    static String pagerDuty(JsonNode schedule, List<JsonNode> overrides, Instant at) {
        String found = null;
        for (JsonNode o : overrides) {
            if (!at.isBefore(instant(o, "start")) && at.isBefore(instant(o, "end"))) {
                found = o.get("user").get("id").asString();
            }
        }
        if (found != null) {
            return found;
        }
        ZoneId zone = ZoneId.of(schedule.get("time_zone").asString());
        ZonedDateTime local = at.atZone(zone);
        for (JsonNode l : schedule.get("schedule_layers")) {
            Instant start = instant(l, "start");
            Instant end = instant(l, "end");
            if (at.isBefore(start) || (end != null && !at.isBefore(end)) || !pagerDutyActive(l.get("restrictions"),
                    local)) {
                continue;
            }
            long length = l.get("rotation_turn_length_seconds").asLong();
            LocalDateTime virtual = instant(l, "rotation_virtual_start").atZone(zone).toLocalDateTime();
            long turn = Math.floorDiv(ChronoUnit.SECONDS.between(virtual, local.toLocalDateTime()), length);
            var users = new ArrayList<String>();
            l.get("users").forEach(u -> users.add(u.get("user").get("id").asString()));
            return users.get((int) Math.floorMod(turn, (long) users.size()));
        }
        return null;
    }

    private static boolean pagerDutyActive(JsonNode restrictions, ZonedDateTime local) {
        if (restrictions == null || restrictions.isEmpty()) {
            return true;
        }
        int minuteOfDay = local.getHour() * 60 + local.getMinute();
        int minuteOfWeek = (local.getDayOfWeek().getValue() - 1) * 1440 + minuteOfDay;
        for (JsonNode r : restrictions) {
            int from = LocalTime.parse(r.get("start_time_of_day").asString()).toSecondOfDay() / 60;
            long length = r.get("duration_seconds").asLong() / 60;
            if ("weekly_restriction".equals(r.get("type").asString())) {
                int begin = (r.get("start_day_of_week").asInt() - 1) * 1440 + from;
                if (Math.floorMod(minuteOfWeek - begin, 10080) < length) {
                    return true;
                }
            } else if (Math.floorMod(minuteOfDay - from, 1440) < length) {
                return true;
            }
        }
        return false;
    }

    /** On-call entries on a 15-minute grid (who is on call from each grid instant to the next), merged. */
    static List<Equivalence.Entry> render(java.util.function.Function<Instant, Set<String>> who, Instant from,
            Instant to) {
        var step = Duration.ofMinutes(15);
        var entries = new ArrayList<Equivalence.Entry>();
        var open = new java.util.LinkedHashMap<String, Instant>();
        for (Instant at = from; at.isBefore(to); at = at.plus(step)) {
            Set<String> now = who.apply(at);
            for (var it = open.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                if (!now.contains(e.getKey())) {
                    entries.add(new Equivalence.Entry(e.getValue(), at, e.getKey()));
                    it.remove();
                }
            }
            for (String p : now) {
                open.putIfAbsent(p, at);
            }
        }
        open.forEach((p, start) -> entries.add(new Equivalence.Entry(start, to, p)));
        entries.sort(java.util.Comparator.comparing(Equivalence.Entry::start));
        return entries;
    }

    static Set<String> single(String who) {
        return who == null ? Set.of() : Set.of(who);
    }

    private static Instant instant(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : OffsetDateTime.parse(v.asString()).toInstant();
    }
}
