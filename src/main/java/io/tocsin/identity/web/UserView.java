package io.tocsin.identity.web;

import java.util.UUID;
import java.util.function.Predicate;

import io.tocsin.identity.PersonalData;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;

record UserView(UUID id, String name, String email, String timeZone, String locale, Role role, String phone,
        boolean active, long version, String contact) {

    static UserView of(User u) {
        return new UserView(u.id(), u.name(), u.email(), u.zone().getId(), u.locale().toLanguageTag(), u.role(),
                u.phone(), u.active(), u.version(), null);
    }

    /**
     * The person as the signed-in viewer may see them ({@link PersonalData}, issue 15 point 3): without e-mail and
     * phone, and {@code contact} saying "page through Tocsin", unless the viewer may see them.
     */
    static UserView forViewer(User u, Predicate<UUID> visible) {
        var full = of(u);
        return visible.test(u.id()) ? full : new UserView(full.id(), full.name(), null, full.timeZone(),
                full.locale(), full.role(), null, full.active(), full.version(), PersonalData.PAGE_THROUGH_TOCSIN);
    }
}
