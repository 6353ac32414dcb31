package io.tocsin.oncall.internal;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.Team;
import io.tocsin.oncall.internal.ScheduleDrafts.LayerDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.RestrictionDraft;
import io.tocsin.oncall.planning.Restriction;
import io.tocsin.oncall.planning.ShiftLength;
import io.tocsin.shared.FieldViolation;

/**
 * The rules for what people send about schedules (layers, restrictions, zones, names, members, periods), each
 * adding every fault it finds to {@code violations} under the field's path, so one answer names them all.
 * {@link Schedules} refuses the whole draft when any is found.
 */
final class DraftChecks {

    private DraftChecks() {
    }

    /** The schedule's layer drafts as layers; faulty ones are left out, their faults added under {@code layers[i]}. */
    static List<Layer> layers(List<LayerDraft> drafts, ZoneId scheduleZone, Team team,
            List<FieldViolation> violations) {
        var layers = new ArrayList<Layer>();
        if (drafts == null) {
            return layers;
        }
        for (int i = 0; i < drafts.size(); i++) {
            var layer = layer(drafts.get(i), "layers[" + i + "].", scheduleZone, team, violations);
            if (layer != null) {
                layers.add(layer);
            }
        }
        return layers;
    }

    /** One layer draft as a layer, or null with its faults added under {@code path} (blank for a lone layer). */
    static Layer layer(LayerDraft d, String path, ZoneId scheduleZone, Team team, List<FieldViolation> violations) {
        if (d == null) {
            violations.add(new FieldViolation(path.isEmpty() ? "layer" : path.substring(0, path.length() - 1),
                    "must not be null"));
            return null;
        }
        int before = violations.size();
        ZoneId zone = d.timeZone() == null || d.timeZone().isBlank() ? scheduleZone
                : zone(d.timeZone(), path + "timeZone", violations);
        String name = d.name() == null || d.name().isBlank() ? "Layer" : d.name().strip();
        if (name.length() > 200) {
            violations.add(new FieldViolation(path + "name", "must be at most 200 characters"));
        }
        var participants = new ArrayList<UUID>();
        if (d.participants() == null || d.participants().isEmpty()) {
            violations.add(new FieldViolation(path + "participants", "a rotation needs at least one person"));
        } else {
            for (int i = 0; i < d.participants().size(); i++) {
                if (member(team, d.participants().get(i), path + "participants[" + i + "]", violations)) {
                    participants.add(d.participants().get(i));
                }
            }
        }
        ShiftLength length = null;
        var sl = d.shiftLength();
        if (sl == null || sl.amount() == null || sl.unit() == null) {
            violations.add(new FieldViolation(path + "shiftLength",
                    "give an amount and a unit (HOURS, DAYS, WEEKS, MONTHS)"));
        } else if (sl.amount() <= 0) {
            violations.add(new FieldViolation(path + "shiftLength.amount", "must be positive"));
        } else {
            try {
                var unit = ShiftLength.Unit.valueOf(sl.unit().strip().toUpperCase(Locale.ROOT));
                if (sl.amount() > unit.maxAmount()) {
                    violations.add(new FieldViolation(path + "shiftLength.amount", "must be at most "
                            + unit.maxAmount()));
                } else {
                    length = new ShiftLength(sl.amount(), unit);
                }
            } catch (IllegalArgumentException e) {
                violations.add(new FieldViolation(path + "shiftLength.unit", "must be HOURS, DAYS, WEEKS or MONTHS"));
            }
        }
        Integer handoffDay = handoffDay(d, length, zone, path, violations);
        if (d.startsAt() == null) {
            violations.add(new FieldViolation(path + "startsAt", "when the rotation starts (an instant)"));
        }
        LocalTime handoff = null;
        if (d.handoffTime() != null && !d.handoffTime().isBlank()) {
            handoff = time(d.handoffTime(), path + "handoffTime", violations);
        } else if (d.startsAt() != null && zone != null) {
            handoff = d.startsAt().atZone(zone).toLocalTime();
        }
        var restrictions = new ArrayList<Restriction>();
        if (d.restrictions() != null) {
            for (int i = 0; i < d.restrictions().size(); i++) {
                var r = restriction(d.restrictions().get(i), path + "restrictions[" + i + "].", violations);
                if (r != null) {
                    restrictions.add(r);
                }
            }
        }
        if (violations.size() > before) {
            return null;
        }
        return new Layer(d.id() == null ? UUID.randomUUID() : d.id(), name, zone, participants, length,
                d.startsAt(), handoff, handoffDay, restrictions);
    }

    /** The day of the month a monthly rotation hands off on: as given, else the day it starts; none otherwise. */
    private static Integer handoffDay(LayerDraft d, ShiftLength length, ZoneId zone, String path,
            List<FieldViolation> violations) {
        if (length == null) {
            return null;
        }
        if (length.unit() != ShiftLength.Unit.MONTHS) {
            if (d.handoffDay() != null) {
                violations.add(new FieldViolation(path + "handoffDay",
                        "a day of the month belongs to monthly rotations only (shiftLength.unit MONTHS)"));
            }
            return null;
        }
        if (d.handoffDay() == null) {
            return d.startsAt() == null || zone == null ? null : d.startsAt().atZone(zone).getDayOfMonth();
        }
        if (d.handoffDay() < 1 || d.handoffDay() > 31) {
            violations.add(new FieldViolation(path + "handoffDay", "must be a day of the month from 1 to 31 (29 to"
                    + " 31 hand off on the last day of shorter months); was " + d.handoffDay()));
            return null;
        }
        return d.handoffDay();
    }

    private static Restriction restriction(RestrictionDraft d, String path, List<FieldViolation> violations) {
        if (d == null) {
            violations.add(new FieldViolation(path, "must not be null"));
            return null;
        }
        var days = EnumSet.noneOf(DayOfWeek.class);
        if (d.days() != null) {
            for (String day : d.days()) {
                var parsed = day(day);
                if (parsed == null) {
                    violations.add(new FieldViolation(path + "days", "'" + day + "' is not a weekday (MON..SUN)"));
                } else {
                    days.add(parsed);
                }
            }
        }
        LocalTime from = time(d.from(), path + "from", violations);
        LocalTime to = time(d.to(), path + "to", violations);
        return from == null || to == null ? null : new Restriction(days, from, to);
    }

    private static DayOfWeek day(String s) {
        if (s == null) {
            return null;
        }
        String upper = s.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(upper) || d.name().substring(0, 3).equals(upper)) {
                return d;
            }
        }
        return null;
    }

    private static LocalTime time(String s, String field, List<FieldViolation> violations) {
        try {
            return LocalTime.parse(s == null ? "" : s.strip());
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation(field, "'" + s + "' is not a time of day (HH:mm)"));
            return null;
        }
    }

    static ZoneId zone(String id, String field, List<FieldViolation> violations) {
        if (id == null || id.isBlank()) {
            violations.add(new FieldViolation(field, "an IANA time zone is required (e.g. Europe/Berlin)"));
            return null;
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            violations.add(new FieldViolation(field, "'" + id + "' is not an IANA time zone (e.g. Europe/Berlin)"));
            return null;
        }
    }

    static boolean member(Team team, UUID userId, String field, List<FieldViolation> violations) {
        if (team == null) {
            return false;
        }
        if (userId == null || !team.hasMember(userId)) {
            violations.add(new FieldViolation(field, "user " + userId + " is not a member of team '" + team.name()
                    + "'"));
            return false;
        }
        return true;
    }

    static void period(Instant start, Instant end, List<FieldViolation> violations) {
        if (start == null) {
            violations.add(new FieldViolation("start", "is required"));
        }
        if (end == null) {
            violations.add(new FieldViolation("end", "is required"));
        }
        if (start != null && end != null) {
            if (!end.isAfter(start)) {
                violations.add(new FieldViolation("end", "must be after start"));
            } else if (Duration.between(start, end).compareTo(Schedules.MAX_RANGE) > 0) {
                violations.add(new FieldViolation("end", "a period may span at most " + Schedules.MAX_RANGE.toDays() + " days"));
            }
        }
    }

    static String name(String name, String field, List<FieldViolation> violations) {
        if (name == null || name.isBlank()) {
            violations.add(new FieldViolation(field, "must not be blank"));
            return null;
        }
        if (name.strip().length() > 200) {
            violations.add(new FieldViolation(field, "must be at most 200 characters"));
        }
        return name.strip();
    }
}
