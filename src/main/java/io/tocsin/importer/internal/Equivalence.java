package io.tocsin.importer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is on call per the source against who is on call per Tocsin, instant by instant (every {@code step}). Pure.
 * People are named by a key each side agrees on (the Tocsin user id; a source id where the source names somebody
 * Tocsin does not know).
 */
public final class Equivalence {

    /** Somebody on call from {@code start} to {@code end}; entries may overlap (Opsgenie pages several at once). */
    public record Entry(Instant start, Instant end, String who) {
    }

    public record Difference(Instant at, Set<String> source, Set<String> tocsin) {
    }

    private Equivalence() {
    }

    public static List<Difference> compare(List<Entry> source, List<Entry> tocsin, Instant from, Instant to,
            Duration step) {
        var differences = new ArrayList<Difference>();
        for (Instant at = from; at.isBefore(to); at = at.plus(step)) {
            var expected = at(source, at);
            var actual = at(tocsin, at);
            if (!expected.equals(actual)) {
                differences.add(new Difference(at, expected, actual));
            }
        }
        return differences;
    }

    /** The number of instants compared. */
    public static long instants(Instant from, Instant to, Duration step) {
        long n = Duration.between(from, to).toNanos() / step.toNanos();
        return from.plus(step.multipliedBy(n)).isBefore(to) ? n + 1 : n;
    }

    private static Set<String> at(List<Entry> entries, Instant at) {
        var who = new TreeSet<String>();
        for (Entry e : entries) {
            if (!e.start().isAfter(at) && e.end().isAfter(at)) {
                who.add(e.who());
            }
        }
        return who;
    }
}
