package io.tocsin.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the next page may go to one SMS or voice contact method: at most {@code perWindow} in any {@code window}
 * and at least {@code minInterval} apart (GoAlert: SMS 5 and voice 3 per 15 minutes, about one a minute). Pages
 * held back are bundled into the next message that may go.
 */
public record RateLimitPolicy(Duration window, int perWindow, Duration minInterval) {

    /** The earliest instant the next message may be sent, given the send times within the last window. */
    public Instant nextAllowed(Instant now, List<Instant> recentSends) {
        var inWindow = recentSends.stream().filter(t -> t.isAfter(now.minus(window))).sorted().toList();
        Instant allowed = now;
        if (!inWindow.isEmpty()) {
            var byInterval = inWindow.getLast().plus(minInterval);
            if (byInterval.isAfter(allowed)) {
                allowed = byInterval;
            }
        }
        if (inWindow.size() >= perWindow) {
            // The slot frees when the oldest send that still counts leaves the window.
            var byWindow = inWindow.get(inWindow.size() - perWindow).plus(window);
            if (byWindow.isAfter(allowed)) {
                allowed = byWindow;
            }
        }
        return allowed;
    }
}
