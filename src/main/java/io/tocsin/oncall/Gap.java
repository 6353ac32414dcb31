package io.tocsin.oncall;

import java.time.Duration;
import java.time.Instant;

/** A stretch of time in which nobody is on call for a schedule: shown as a warning. */
public record Gap(Instant start, Instant end) {

    public Duration duration() {
        return Duration.between(start, end);
    }
}
