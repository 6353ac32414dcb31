package io.tocsin.statuspage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.tocsin.statuspage.ComponentStatus;

/**
 * The 90-day uptime bars (issue 11 point 5), a pure decision over a component's state history: each day of the
 * page's time zone is coloured by the worst state it saw, and its uptime counts a major outage as fully down and
 * a partial outage as 30 % down (Statuspage's convention); degraded performance and maintenance count as up.
 * Days before the component existed, or after now, have no data.
 */
public final class UptimeBars {

    private UptimeBars() {
    }

    /** A change to {@code status} at {@code at}. */
    public record Change(Instant at, ComponentStatus status) {
    }

    public record Day(LocalDate date, ComponentStatus worst, double uptimePercent, boolean noData) {
    }

    /**
     * {@code changes} in time order; the first is the state the component had at or before the window's start (or
     * its creation). Returns {@code days} days ending with the day of {@code now}, oldest first.
     */
    public static List<Day> days(List<Change> changes, Instant now, ZoneId zone, int days) {
        var today = LocalDate.ofInstant(now, zone);
        var result = new ArrayList<Day>(days);
        for (int i = days - 1; i >= 0; i--) {
            var date = today.minusDays(i);
            var start = date.atStartOfDay(zone).toInstant();
            var end = date.plusDays(1).atStartOfDay(zone).toInstant();
            if (end.isAfter(now)) {
                // Today ends now; the state in force at this very instant counts too.
                end = now.plusMillis(1);
            }
            result.add(day(changes, date, start, end));
        }
        return result;
    }

    private static Day day(List<Change> changes, LocalDate date, Instant start, Instant end) {
        if (changes.isEmpty() || !changes.getFirst().at().isBefore(end) || !end.isAfter(start)) {
            return new Day(date, ComponentStatus.OPERATIONAL, 100.0, true);
        }
        // The state in force at the start of the day (or from when the component first had one).
        ComponentStatus state = null;
        int i = 0;
        while (i < changes.size() && !changes.get(i).at().isAfter(start)) {
            state = changes.get(i).status();
            i++;
        }
        Instant from = state == null ? changes.getFirst().at() : start;
        if (state == null) {
            state = changes.getFirst().status();
            i = 1;
        }
        ComponentStatus worst = state;
        double down = 0;
        double observed = 0;
        while (true) {
            Instant to = i < changes.size() && changes.get(i).at().isBefore(end) ? changes.get(i).at() : end;
            double span = to.toEpochMilli() - from.toEpochMilli();
            observed += span;
            down += span * weight(state);
            worst = ComponentStatus.worse(worst, state);
            if (to.equals(end)) {
                break;
            }
            state = changes.get(i).status();
            from = to;
            i++;
        }
        double uptime = observed <= 0 ? 100.0 : 100.0 * (1 - down / observed);
        return new Day(date, worst, Math.round(uptime * 100) / 100.0, false);
    }

    private static double weight(ComponentStatus s) {
        return switch (s) {
            case MAJOR_OUTAGE -> 1.0;
            case PARTIAL_OUTAGE -> 0.3;
            default -> 0.0;
        };
    }

    /** The uptime over all days with data, as the page shows it beside the bars. */
    public static double overall(List<Day> days) {
        var withData = days.stream().filter(d -> !d.noData()).toList();
        if (withData.isEmpty()) {
            return 100.0;
        }
        return Math.round(withData.stream().mapToDouble(Day::uptimePercent).average().orElse(100) * 100) / 100.0;
    }
}
