package io.tocsin.shared;

import java.time.Clock;

import io.github.bucket4j.TimeMeter;

/** Bucket4j's time taken from the injected clock, so that tests control refills by moving the clock. */
public final class ClockTimeMeter implements TimeMeter {

    private final Clock clock;

    public ClockTimeMeter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long currentTimeNanos() {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}
