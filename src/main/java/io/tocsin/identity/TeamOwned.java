package io.tocsin.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * A kind of configuration that teams own, implemented by the module that keeps it (schedules, escalation policies,
 * services, maintenance windows, cover requests): lets the API's security chain find the owning team from the id
 * in the path and refuse (403) before the request is read (issue 15 point 2).
 */
public interface TeamOwned {

    /** The kind, as {@code PermissionMatrix} names it, for example {@code schedule}. */
    String kind();

    /** Empty when no such thing exists (the request goes on to its 404); otherwise who owns it. */
    Optional<Owner> ownerOf(UUID id);

    /** A kind whose owner this function finds. */
    static TeamOwned of(String kind, java.util.function.Function<UUID, Optional<Owner>> owner) {
        return new TeamOwned() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Optional<Owner> ownerOf(UUID id) {
                return owner.apply(id);
            }
        };
    }

    /** The owning team; {@code null} when no team owns it (then it is the organisation's). */
    record Owner(UUID teamId) {
    }
}
