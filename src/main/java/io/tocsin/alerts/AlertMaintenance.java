package io.tocsin.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Maintenance windows that another module opens and keeps in step with its own object (issue 11 point 4, R14):
 * a status page's scheduled maintenance owns one window per service it covers, with the same start and end,
 * moved and ended with it. Alerts inside an owned window are recorded and marked and page nobody, exactly as in a
 * window opened through the alerts API; the difference is that alerts' own API refuses to end an owned window
 * (the owner is the one place to edit it), asking every {@link Owner} bean whether it owns the window.
 */
public interface AlertMaintenance {

    /** The longest window (31 days), so owners validate their own fields against it. */
    Duration MAX_LENGTH = Duration.ofDays(31);

    /**
     * Opens one window per service from {@code startsAt} to {@code endsAt} (in the future, at most
     * {@link #MAX_LENGTH}), with {@code reason} on each. Joins the caller's transaction. Returns the window ids by
     * service.
     */
    Map<UUID, UUID> open(Collection<UUID> serviceIds, Instant startsAt, Instant endsAt, String reason);

    /** Gives the windows a new start and end; windows already ended stay ended. */
    void move(Collection<UUID> windowIds, Instant startsAt, Instant endsAt);

    /** Ends the windows now (cancels those not yet started); windows already over are left as they are. */
    void end(Collection<UUID> windowIds);

    /** A module that owns windows: what it calls a window it owns, for the refusal alerts answers with. */
    interface Owner {
        Optional<String> ownerOf(UUID windowId);
    }
}
