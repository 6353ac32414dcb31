package io.tocsin.oncall.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.User;
import io.tocsin.oncall.Gap;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.internal.Schedule;
import io.tocsin.oncall.planning.Plan;

/**
 * The schedule page's timeline: one row per layer and one for the final result, bars placed in percent of the
 * range so plain HTML and CSS draw it (days are 23 or 25 hours wide on daylight-saving switches, as they are).
 */
record Timeline(List<Day> days, List<Row> rows, List<Bar> gaps) {

    record Day(String label, double left, double width, boolean weekend) {
    }

    record Bar(double left, double width, String label, int color, String title, Instant start, Instant end,
            boolean override) {
    }

    record Row(String label, List<Bar> bars, boolean result) {
    }

    static Timeline of(Schedule schedule, Plan plan, TimeRange range, ZoneId zone, Locale locale,
            Map<UUID, User> people, String finalLabel) {
        var colors = new HashMap<UUID, Integer>();
        schedule.layers().forEach(l -> l.participants().forEach(u -> colors.putIfAbsent(u, colors.size() % 8)));
        var days = new ArrayList<Day>();
        var format = DateTimeFormatter.ofPattern(locale.getLanguage().equals("de") ? "EE d.M." : "EEE d/M", locale);
        for (LocalDate d = range.from().atZone(zone).toLocalDate(); d.atStartOfDay(zone).toInstant()
                .isBefore(range.to()); d = d.plusDays(1)) {
            Instant start = max(d.atStartOfDay(zone).toInstant(), range.from());
            Instant end = min(d.plusDays(1).atStartOfDay(zone).toInstant(), range.to());
            days.add(new Day(format.format(d), pct(start, range), pct(end, range) - pct(start, range),
                    d.getDayOfWeek().getValue() >= 6));
        }
        var rows = new ArrayList<Row>();
        for (int i = 0; i < plan.layers().size(); i++) {
            rows.add(new Row(schedule.layers().get(i).name(), bars(plan.layers().get(i), range, zone, people, colors),
                    false));
        }
        rows.add(new Row(finalLabel, bars(plan.finalShifts(), range, zone, people, colors), true));
        var gaps = new ArrayList<Bar>();
        for (Gap g : plan.gaps()) {
            gaps.add(new Bar(pct(g.start(), range), pct(g.end(), range) - pct(g.start(), range), "", -1,
                    title(g.start(), g.end(), zone), g.start(), g.end(), false));
        }
        return new Timeline(days, rows, gaps);
    }

    private static List<Bar> bars(List<Shift> shifts, TimeRange range, ZoneId zone, Map<UUID, User> people,
            Map<UUID, Integer> colors) {
        var bars = new ArrayList<Bar>();
        for (Shift s : shifts) {
            var user = people.get(s.userId());
            String name = user == null ? "?" : user.name();
            bars.add(new Bar(pct(s.start(), range), pct(s.end(), range) - pct(s.start(), range), name,
                    colors.getOrDefault(s.userId(), 7), name + ": " + title(s.start(), s.end(), zone), s.start(),
                    s.end(), s.isOverride()));
        }
        return bars;
    }

    private static String title(Instant start, Instant end, ZoneId zone) {
        var f = DateTimeFormatter.ofPattern("EEE dd.MM. HH:mm").withZone(zone);
        return f.format(start) + " – " + f.format(end);
    }

    private static double pct(Instant t, TimeRange range) {
        double total = range.to().toEpochMilli() - range.from().toEpochMilli();
        return Math.round((t.toEpochMilli() - range.from().toEpochMilli()) / total * 100_000) / 1000.0;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
