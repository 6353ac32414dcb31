package io.tocsin.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * On-call load and fairness (issue 16 point 3, R20): per person of a team the hours on call within the period
 * (shifts cut at its edges), the shifts, the pages received (one per person and paged alert or incident), at night,
 * on weekends, interruptions per shift (pages divided by shifts) and mean time to acknowledge; per team how uneven
 * pages, night pages and hours are ({@link Fairness}). A person is in a team's group when they had a shift of one
 * of its schedules or a page about one of its services. Pure.
 */
public final class OnCallFigures {

    private OnCallFigures() {
    }

    /** A finished shift of a team's schedule. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportShiftPiece")
    public record ShiftPiece(UUID userId, UUID teamId, Instant start, Instant end) {
    }

    /** A person's pages about a team's services, counted by the database. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportPageCounts")
    public record PageCounts(UUID userId, UUID teamId, long pages, long night, long weekend, long acked,
            long ackSeconds) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportPersonLoad")
    public record Person(UUID userId, UUID teamId, double hoursOnCall, int shifts, long pages, long nightPages,
            long weekendPages, Double interruptionsPerShift, Duration meanTimeToAck) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(name = "ReportTeamLoad")
    public record Team(UUID teamId, List<Person> people, Fairness pages, Fairness nightPages, Fairness hours) {
    }

    /** Hours of [start, end) inside [from, to). */
    public static double hoursWithin(Instant start, Instant end, Instant from, Instant to) {
        var s = start.isBefore(from) ? from : start;
        var e = end.isAfter(to) ? to : end;
        return e.isAfter(s) ? Duration.between(s, e).toSeconds() / 3600.0 : 0;
    }

    public static List<Team> compute(Instant from, Instant to, List<ShiftPiece> shifts, List<PageCounts> pages) {
        record Key(UUID teamId, UUID userId) {
        }
        class Acc {
            double hours;
            int shifts;
            long pages;
            long night;
            long weekend;
            long acked;
            long ackSeconds;
        }
        var byKey = new LinkedHashMap<Key, Acc>();
        for (var s : shifts) {
            double h = hoursWithin(s.start(), s.end(), from, to);
            if (h > 0) {
                var acc = byKey.computeIfAbsent(new Key(s.teamId(), s.userId()), k -> new Acc());
                acc.hours += h;
                acc.shifts++;
            }
        }
        for (var p : pages) {
            var acc = byKey.computeIfAbsent(new Key(p.teamId(), p.userId()), k -> new Acc());
            acc.pages += p.pages();
            acc.night += p.night();
            acc.weekend += p.weekend();
            acc.acked += p.acked();
            acc.ackSeconds += p.ackSeconds();
        }
        var teams = new LinkedHashMap<UUID, List<Person>>();
        var noTeam = new ArrayList<Person>();
        for (Map.Entry<Key, Acc> e : byKey.entrySet()) {
            var a = e.getValue();
            var person = new Person(e.getKey().userId(), e.getKey().teamId(), a.hours, a.shifts, a.pages, a.night,
                    a.weekend, a.shifts == 0 ? null : (double) a.pages / a.shifts,
                    a.acked == 0 ? null : Duration.ofSeconds(Math.round((double) a.ackSeconds / a.acked)));
            if (e.getKey().teamId() == null) {
                noTeam.add(person);
            } else {
                teams.computeIfAbsent(e.getKey().teamId(), t -> new ArrayList<>()).add(person);
            }
        }
        var result = new ArrayList<Team>();
        teams.forEach((team, people) -> result.add(team(team, people)));
        if (!noTeam.isEmpty()) {
            result.add(team(null, noTeam));
        }
        return result;
    }

    private static Team team(UUID teamId, List<Person> people) {
        var sorted = people.stream().sorted(Comparator.comparingLong(Person::pages).reversed()
                .thenComparing(p -> Objects.toString(p.userId()))).toList();
        return new Team(teamId, sorted, Fairness.of(sorted.stream().map(Person::pages).toList()),
                Fairness.of(sorted.stream().map(Person::nightPages).toList()),
                Fairness.of(sorted.stream().map(Person::hoursOnCall).toList()));
    }
}
