package io.tocsin.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.tocsin.escalation.BusinessHours;

/**
 * The arithmetic of one SLA clock (issue 16 point 2), pure: no clock, no I/O. A clock counts from {@code start}
 * the time that is both within its calendar (every instant, or the business hours: wall-clock windows in their
 * zone, so DST changes and holidays are the calendar's) and outside every pause, until it stops (the incident is
 * acknowledged or resolved) or until now.
 *
 * <p>{@link #read} says where the clock stands; {@link #decide} what the watch does when its timer fires: remind at
 * the warning threshold, escalate at the breach, and when to look again. Both are exact to the millisecond, so a
 * timer set for {@link Reading#warnAt()} finds the threshold reached.
 */
public final class SlaClocks {

    private SlaClocks() {
    }

    /** A pause of the clock; {@code to} null while it lasts. */
    public record Pause(Instant from, Instant to) {
    }

    /**
     * One clock's facts: when it starts, its target, the calendar ({@code hours} null: 24x7), its pauses, when it
     * stopped (null while running), and the warning threshold in percent of the target.
     */
    public record Facts(Instant start, Duration target, BusinessHours hours, List<Pause> pauses, Instant stoppedAt,
            int warningPercent) {

        public Facts {
            pauses = pauses == null ? List.of() : List.copyOf(pauses);
        }
    }

    public enum State {
        RUNNING, PAUSED, MET, BREACHED
    }

    /**
     * Where a clock stands at an instant: counted time, what is left of the target (zero once breached), whether a
     * pause holds it, and when the warning threshold and the target are reached if nothing else pauses it (null when
     * paused, stopped, or never within the calendar's next year).
     */
    public record Reading(State state, Duration elapsed, Duration remaining, boolean paused, Instant warnAt,
            Instant breachAt) {
    }

    /** What the watch does now: remind, escalate, and when to look again (null: until something changes). */
    public record Decision(boolean warn, boolean breach, Instant nextCheck) {
    }

    public static Reading read(Facts f, Instant now) {
        Instant until = f.stoppedAt() != null && f.stoppedAt().isBefore(now) ? f.stoppedAt() : now;
        var pauses = merged(f.pauses());
        boolean paused = f.stoppedAt() == null && pauses.stream().anyMatch(p -> !p.from().isAfter(now)
                && (p.to() == null || p.to().isAfter(now)));
        Duration elapsed = counted(f.start(), until, f.hours(), pauses);
        Duration remaining = f.target().minus(elapsed);
        if (remaining.isNegative()) {
            remaining = Duration.ZERO;
        }
        State state;
        if (f.stoppedAt() != null) {
            state = elapsed.compareTo(f.target()) > 0 ? State.BREACHED : State.MET;
        } else if (elapsed.compareTo(f.target()) >= 0) {
            state = State.BREACHED;
        } else {
            state = paused ? State.PAUSED : State.RUNNING;
        }
        Instant warnAt = null;
        Instant breachAt = null;
        if (f.stoppedAt() == null && !paused) {
            warnAt = reachedAt(f.start(), warningThreshold(f), f.hours(), pauses).orElse(null);
            breachAt = reachedAt(f.start(), f.target(), f.hours(), pauses).orElse(null);
        }
        return new Reading(state, elapsed, remaining, paused, warnAt, breachAt);
    }

    /** The warning threshold: {@code warningPercent} of the target, to the millisecond. */
    public static Duration warningThreshold(Facts f) {
        return Duration.ofMillis(f.target().toMillis() * f.warningPercent() / 100);
    }

    /**
     * On a timer or a change: whether to remind ({@code warned}: already done) and to escalate ({@code breached}:
     * already done). A clock found past both at once only escalates (a reminder then would be noise) and counts the
     * warning as done.
     */
    public static Decision decide(Facts f, boolean warned, boolean breached, Instant now) {
        var r = read(f, now);
        if (f.stoppedAt() != null) {
            return new Decision(false, false, null);
        }
        boolean breach = !breached && r.elapsed().compareTo(f.target()) >= 0;
        boolean warn = !warned && !breach && !breached && r.elapsed().compareTo(warningThreshold(f)) >= 0;
        boolean warnedNow = warned || warn || breach || breached;
        boolean breachedNow = breached || breach;
        Instant next = null;
        if (!r.paused()) {
            if (!warnedNow) {
                next = r.warnAt();
            } else if (!breachedNow) {
                next = r.breachAt();
            }
        }
        return new Decision(warn, breach, next);
    }

    /** Counted time in [from, to): within the calendar and outside the pauses. */
    static Duration counted(Instant from, Instant to, BusinessHours hours, List<Pause> pauses) {
        Duration total = Duration.ZERO;
        for (var segment : running(from, pauses)) {
            Instant a = segment.from();
            Instant b = segment.to() == null || segment.to().isAfter(to) ? to : segment.to();
            if (a.isBefore(b)) {
                total = total.plus(open(a, b, hours));
            }
            if (segment.to() == null || !segment.to().isBefore(to)) {
                break;
            }
        }
        return total;
    }

    /** The instant at which the counted time reaches {@code amount}, if no further pause comes. */
    static Optional<Instant> reachedAt(Instant from, Duration amount, BusinessHours hours, List<Pause> pauses) {
        Duration left = amount;
        for (var segment : running(from, pauses)) {
            Instant t = segment.from();
            while (segment.to() == null || t.isBefore(segment.to())) {
                Instant windowEnd;
                if (hours == null) {
                    windowEnd = segment.to();
                } else {
                    var state = hours.stateAt(t);
                    if (!state.open()) {
                        var opening = state.nextOpening();
                        if (opening.isEmpty()) {
                            return Optional.empty();
                        }
                        if (segment.to() != null && !opening.get().isBefore(segment.to())) {
                            break;
                        }
                        t = opening.get();
                        continue;
                    }
                    windowEnd = state.nextClosing().orElseThrow();
                    if (segment.to() != null && segment.to().isBefore(windowEnd)) {
                        windowEnd = segment.to();
                    }
                }
                if (windowEnd == null || left.compareTo(Duration.between(t, windowEnd)) <= 0) {
                    return Optional.of(t.plus(left));
                }
                left = left.minus(Duration.between(t, windowEnd));
                t = windowEnd;
            }
        }
        return Optional.empty();
    }

    /** Open time of the calendar within [a, b). */
    private static Duration open(Instant a, Instant b, BusinessHours hours) {
        if (hours == null) {
            return Duration.between(a, b);
        }
        Duration total = Duration.ZERO;
        Instant t = a;
        while (t.isBefore(b)) {
            var state = hours.stateAt(t);
            if (state.open()) {
                Instant close = state.nextClosing().orElseThrow();
                Instant end = close.isAfter(b) ? b : close;
                total = total.plus(Duration.between(t, end));
                t = end;
            } else {
                var opening = state.nextOpening();
                if (opening.isEmpty() || !opening.get().isBefore(b)) {
                    break;
                }
                t = opening.get();
            }
        }
        return total;
    }

    /** The stretches from {@code from} on that no pause covers; the last is open-ended unless a pause lasts. */
    private static List<Pause> running(Instant from, List<Pause> pauses) {
        var result = new ArrayList<Pause>();
        Instant t = from;
        for (var p : pauses) {
            if (p.to() != null && !p.to().isAfter(t)) {
                continue;
            }
            if (p.from().isAfter(t)) {
                result.add(new Pause(t, p.from()));
            }
            if (p.to() == null) {
                return result;
            }
            t = p.to();
        }
        result.add(new Pause(t, null));
        return result;
    }

    /** Pauses in order, overlapping ones joined. */
    private static List<Pause> merged(List<Pause> pauses) {
        var sorted = new ArrayList<>(pauses);
        sorted.sort(Comparator.comparing(Pause::from));
        var result = new ArrayList<Pause>();
        for (var p : sorted) {
            if (!result.isEmpty()) {
                var last = result.getLast();
                if (last.to() == null || !p.from().isAfter(last.to())) {
                    Instant to = last.to() == null || p.to() == null ? null : p.to().isAfter(last.to()) ? p.to() : last.to();
                    result.set(result.size() - 1, new Pause(last.from(), to));
                    continue;
                }
            }
            result.add(p);
        }
        return result;
    }
}
