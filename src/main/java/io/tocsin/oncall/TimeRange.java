package io.tocsin.oncall;

import java.time.Duration;
import java.time.Instant;

/** A half-open range of instants {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new IllegalArgumentException("a time range must end after it starts: " + from + " - " + to);
        }
    }

    public static TimeRange of(Instant from, Duration length) {
        return new TimeRange(from, from.plus(length));
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
