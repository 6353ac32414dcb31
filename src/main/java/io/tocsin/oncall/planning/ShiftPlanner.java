package io.tocsin.oncall.planning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.oncall.Gap;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;

/**
 * Turns a schedule definition and a time range into final shifts: each layer's rotation, cut to its
 * restrictions; the highest layer with someone wins; overrides win over all layers (the newest over older ones).
 *
 * <p>Hand-offs are computed in each layer's local time, so a weekly 09:00 hand-off stays at 09:00 on the wall
 * clock across daylight-saving changes (that week is an hour shorter or longer), and a monthly hand-off on the
 * 1st at 09:00 keeps both its day and its time (a hand-off day the month lacks means its last day, see
 * {@link Rotation}). Local times that do not exist or exist twice are resolved deliberately:
 * <ul>
 * <li>A hand-off or restriction edge inside a spring-forward gap (02:30 on the switch day in Berlin) happens
 * later by the length of the gap (03:30 summer time). A turn lying wholly inside the gap has no real time and
 * is skipped; the rotation order is kept (the next person follows as planned).</li>
 * <li>A hand-off inside an autumn overlap (02:30 occurring twice) happens at its first occurrence (the earlier
 * offset), so nobody is on call for the same wall-clock hour twice by accident.</li>
 * </ul>
 * Pure and thread-safe: no clock, no I/O.
 */
public final class ShiftPlanner {

    public Plan plan(ScheduleDefinition definition, TimeRange range) {
        var layers = new ArrayList<List<Shift>>(definition.layers().size());
        for (int i = 0; i < definition.layers().size(); i++) {
            layers.add(layerShifts(definition.layers().get(i), i, range));
        }
        var overrides = definition.overrides().stream()
                .filter(o -> o.end().isAfter(range.from()) && o.start().isBefore(range.to())
                        && o.end().isAfter(o.start()))
                .toList();
        var finalShifts = combine(layers, overrides, range);
        return new Plan(layers, finalShifts, gaps(finalShifts, range));
    }

    /**
     * Who is on call at one instant: the newest override covering it, else the highest layer with someone then.
     * Computes only the turn around {@code at}, so it is cheap enough to ask for every schedule at once. The
     * returned shift is the winning override or layer turn (cut to its restriction window); a newer override or
     * a higher layer may still cut it later on, which {@link #plan} shows.
     */
    public Optional<Shift> onCallAt(ScheduleDefinition definition, Instant at) {
        var overrides = definition.overrides();
        for (int o = overrides.size() - 1; o >= 0; o--) {
            var override = overrides.get(o);
            if (!override.start().isAfter(at) && override.end().isAfter(at)) {
                return Optional.of(new Shift(override.start(), override.end(), override.userId(), Shift.OVERRIDE,
                        override.id()));
            }
        }
        for (int l = definition.layers().size() - 1; l >= 0; l--) {
            var shift = layerShiftAt(definition.layers().get(l), l, at);
            if (shift != null) {
                return Optional.of(shift);
            }
        }
        return Optional.empty();
    }

    private static Shift layerShiftAt(Rotation rotation, int layer, Instant at) {
        if (rotation.participants().isEmpty() || at.isBefore(rotation.startsAt())) {
            return null;
        }
        LocalDateTime anchor = anchor(rotation);
        long turn = turnAt(rotation, anchor, at);
        Instant start = turnStart(rotation, anchor, turn);
        Instant end = resolve(rotation.handoffAfter(anchor, turn + 1), rotation.zone());
        if (!rotation.restrictions().isEmpty()) {
            Instant[] window = windowAt(rotation, at);
            if (window == null) {
                return null;
            }
            start = max(start, window[0]);
            end = min(end, window[1]);
        }
        UUID user = rotation.participants().get((int) Math.floorMod(turn, (long) rotation.participants().size()));
        return new Shift(start, end, user, layer, null);
    }

    /** The restriction window containing {@code at}, or null. */
    private static Instant[] windowAt(Rotation rotation, Instant at) {
        ZoneId zone = rotation.zone();
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
            for (Restriction r : rotation.restrictions()) {
                if (!r.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                Instant start = resolve(LocalDateTime.of(day, r.from()), zone);
                Instant end = resolve(LocalDateTime.of(r.spansMidnight() ? day.plusDays(1) : day, r.to()), zone);
                if (!start.isAfter(at) && end.isAfter(at)) {
                    return new Instant[] {start, end};
                }
            }
        }
        return null;
    }

    /** One layer's shifts within the range: its rotation cut to its restrictions. */
    List<Shift> layerShifts(Rotation rotation, int layer, TimeRange range) {
        if (rotation.participants().isEmpty() || !range.to().isAfter(rotation.startsAt())) {
            return List.of();
        }
        var turns = turns(rotation, layer, range);
        if (rotation.restrictions().isEmpty()) {
            return turns;
        }
        return intersect(turns, windows(rotation, range));
    }

    private static List<Shift> turns(Rotation rotation, int layer, TimeRange range) {
        ZoneId zone = rotation.zone();
        LocalDateTime anchor = anchor(rotation);
        Instant from = range.from().isAfter(rotation.startsAt()) ? range.from() : rotation.startsAt();
        long turn = turnAt(rotation, anchor, from);
        var shifts = new ArrayList<Shift>();
        int n = rotation.participants().size();
        Instant start = turnStart(rotation, anchor, turn);
        while (start.isBefore(range.to())) {
            Instant end = resolve(rotation.handoffAfter(anchor, turn + 1), zone);
            if (end.isAfter(start) && end.isAfter(range.from())) {
                shifts.add(new Shift(max(start, range.from()), min(end, range.to()),
                        rotation.participants().get((int) Math.floorMod(turn, (long) n)), layer, null));
            }
            turn++;
            start = max(start, end);
        }
        return shifts;
    }

    /**
     * The hand-off on the start date (in the start month for monthly rotations), moved on by whole turns while the first turn would end before the rotation
     * starts (hourly turns that start in the afternoon), so the first participant always gets the first turn.
     */
    private static LocalDateTime anchor(Rotation rotation) {
        LocalDateTime anchor = rotation.firstHandoff();
        while (!resolve(rotation.handoffAfter(anchor, 1), rotation.zone()).isAfter(rotation.startsAt())) {
            anchor = rotation.handoffAfter(anchor, 1);
        }
        return anchor;
    }

    /** The turn (0 = first participant's first) running at {@code at}, which is not before the rotation start. */
    private static long turnAt(Rotation rotation, LocalDateTime anchor, Instant at) {
        long turn = Math.max(0, rotation.turnsBetween(anchor, at.atZone(rotation.zone()).toLocalDateTime()));
        // The estimate from wall-clock arithmetic can be one off around daylight-saving switches.
        while (!resolve(rotation.handoffAfter(anchor, turn + 1), rotation.zone()).isAfter(at)) {
            turn++;
        }
        while (turn > 0 && turnStart(rotation, anchor, turn).isAfter(at)) {
            turn--;
        }
        return turn;
    }

    private static Instant turnStart(Rotation rotation, LocalDateTime anchor, long turn) {
        return turn == 0 ? rotation.startsAt() : resolve(rotation.handoffAfter(anchor, turn), rotation.zone());
    }

    /** The restriction windows of a layer overlapping the range, merged and sorted. */
    private static List<Instant[]> windows(Rotation rotation, TimeRange range) {
        ZoneId zone = rotation.zone();
        LocalDate first = range.from().atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = range.to().atZone(zone).toLocalDate();
        var windows = new ArrayList<Instant[]>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (Restriction r : rotation.restrictions()) {
                if (!r.days().contains(day.getDayOfWeek())) {
                    continue;
                }
                Instant start = resolve(LocalDateTime.of(day, r.from()), zone);
                Instant end = resolve(LocalDateTime.of(r.spansMidnight() ? day.plusDays(1) : day, r.to()), zone);
                if (end.isAfter(range.from()) && start.isBefore(range.to()) && end.isAfter(start)) {
                    windows.add(new Instant[] {start, end});
                }
            }
        }
        windows.sort(Comparator.comparing(w -> w[0]));
        var merged = new ArrayList<Instant[]>(windows.size());
        for (Instant[] w : windows) {
            Instant[] lastWindow = merged.isEmpty() ? null : merged.getLast();
            if (lastWindow != null && !w[0].isAfter(lastWindow[1])) {
                lastWindow[1] = max(lastWindow[1], w[1]);
            } else {
                merged.add(w);
            }
        }
        return merged;
    }

    private static List<Shift> intersect(List<Shift> shifts, List<Instant[]> windows) {
        var out = new ArrayList<Shift>();
        int w = 0;
        for (Shift s : shifts) {
            while (w < windows.size() && !windows.get(w)[1].isAfter(s.start())) {
                w++;
            }
            for (int i = w; i < windows.size() && windows.get(i)[0].isBefore(s.end()); i++) {
                Instant start = max(s.start(), windows.get(i)[0]);
                Instant end = min(s.end(), windows.get(i)[1]);
                if (end.isAfter(start)) {
                    out.add(new Shift(start, end, s.userId(), s.layer(), null));
                }
            }
        }
        return out;
    }

    /** Sweeps the elementary intervals between all edges; in each, the newest override or highest layer wins. */
    private static List<Shift> combine(List<List<Shift>> layers, List<OverrideSpec> overrides, TimeRange range) {
        int edgeCount = 2 + 2 * overrides.size();
        for (var layer : layers) {
            edgeCount += 2 * layer.size();
        }
        var edges = new Instant[edgeCount];
        int e = 0;
        edges[e++] = range.from();
        edges[e++] = range.to();
        for (var layer : layers) {
            for (Shift s : layer) {
                edges[e++] = s.start();
                edges[e++] = s.end();
            }
        }
        for (OverrideSpec o : overrides) {
            edges[e++] = clamp(o.start(), range);
            edges[e++] = clamp(o.end(), range);
        }
        Arrays.sort(edges);
        int[] cursor = new int[layers.size()];
        var out = new ArrayList<Shift>();
        Shift open = null;
        for (int i = 0; i + 1 < edges.length; i++) {
            Instant start = edges[i];
            Instant end = edges[i + 1];
            if (!end.isAfter(start)) {
                continue;
            }
            UUID user = null;
            int layerIndex = Shift.OVERRIDE;
            UUID overrideId = null;
            for (int o = overrides.size() - 1; o >= 0; o--) {
                var override = overrides.get(o);
                if (!override.start().isAfter(start) && override.end().isAfter(start)) {
                    user = override.userId();
                    overrideId = override.id();
                    break;
                }
            }
            for (int l = layers.size() - 1; l >= 0; l--) {
                var layer = layers.get(l);
                while (cursor[l] < layer.size() && !layer.get(cursor[l]).end().isAfter(start)) {
                    cursor[l]++;
                }
                if (user == null && cursor[l] < layer.size() && layer.get(cursor[l]).covers(start)) {
                    user = layer.get(cursor[l]).userId();
                    layerIndex = l;
                }
            }
            if (user == null) {
                continue;
            }
            if (open != null && open.end().equals(start) && open.userId().equals(user)
                    && open.layer() == layerIndex && Objects.equals(open.overrideId(), overrideId)) {
                open = new Shift(open.start(), end, user, layerIndex, overrideId);
            } else {
                if (open != null) {
                    out.add(open);
                }
                open = new Shift(start, end, user, layerIndex, overrideId);
            }
        }
        if (open != null) {
            out.add(open);
        }
        return out;
    }

    private static List<Gap> gaps(List<Shift> shifts, TimeRange range) {
        var gaps = new ArrayList<Gap>();
        Instant covered = range.from();
        for (Shift s : shifts) {
            if (s.start().isAfter(covered)) {
                gaps.add(new Gap(covered, s.start()));
            }
            covered = max(covered, s.end());
        }
        if (range.to().isAfter(covered)) {
            gaps.add(new Gap(covered, range.to()));
        }
        return gaps;
    }

    private static Instant resolve(LocalDateTime local, ZoneId zone) {
        return ZonedDateTime.of(local, zone).toInstant();
    }

    private static Instant clamp(Instant t, TimeRange range) {
        return t.isBefore(range.from()) ? range.from() : t.isAfter(range.to()) ? range.to() : t;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
