package io.tocsin.identity;

import java.util.Optional;

import org.springframework.security.core.context.SecurityContextHolder;

/** Who is acting in the current request; {@link Actor#SYSTEM} outside of one (timers, integrations). */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Actor get() {
        return principal().map(TocsinPrincipal::actor).orElse(Actor.SYSTEM);
    }

    public static Optional<TocsinPrincipal> principal() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof TocsinPrincipal p) {
            return Optional.of(p);
        }
        return Optional.empty();
    }
}
