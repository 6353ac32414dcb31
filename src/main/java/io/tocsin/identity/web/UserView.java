package io.tocsin.identity.web;

import java.util.UUID;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;

record UserView(UUID id, String name, String email, String timeZone, String locale, Role role, String phone,
        boolean active, long version) {

    static UserView of(User u) {
        return new UserView(u.id(), u.name(), u.email(), u.zone().getId(), u.locale().toLanguageTag(), u.role(),
                u.phone(), u.active(), u.version());
    }

    /**
     * The person as the signed-in viewer may see them: e-mail and phone only for administrators, the person
     * themself, and responders (who page people through Tocsin); never for stakeholders.
     */
    static UserView forViewer(User u) {
        var full = of(u);
        boolean personal = CurrentActor.principal()
                .map(p -> p.userId().equals(u.id()) || p.role() == Role.ADMIN || p.role() == Role.RESPONDER)
                .orElse(false);
        return personal ? full : new UserView(full.id(), full.name(), null, full.timeZone(), full.locale(),
                full.role(), null, full.active(), full.version());
    }
}
