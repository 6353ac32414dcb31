package io.tocsin.identity.web;

import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.identity.User;

record UserView(UUID id, String name, String email, String timeZone, String locale, Role role, String phone,
        boolean active, long version) {

    static UserView of(User u) {
        return new UserView(u.id(), u.name(), u.email(), u.zone().getId(), u.locale().toLanguageTag(), u.role(),
                u.phone(), u.active(), u.version());
    }
}
