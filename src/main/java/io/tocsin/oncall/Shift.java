package io.tocsin.oncall;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A stretch of time during which one person is on call. {@code layer} is the index of the layer it comes from
 * (higher wins), or {@link #OVERRIDE} with {@code overrideId} set when an override put the person there.
 */
public record Shift(Instant start, Instant end, UUID userId, int layer, UUID overrideId) {

    public static final int OVERRIDE = -1;

    public Shift {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a shift must end after it starts: " + start + " - " + end);
        }
    }

    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public boolean isOverride() {
        return overrideId != null;
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
