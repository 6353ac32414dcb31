package io.tocsin.identity;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in person, as Spring Security sees them, whether by session or by API token. */
public record TocsinPrincipal(UUID userId, String name, String email, Role role, ZoneId zone, Locale locale,
        String passwordHash, boolean active) implements UserDetails {

    static TocsinPrincipal of(User user) {
        return new TocsinPrincipal(user.id(), user.name(), user.email(), user.role(), user.zone(), user.locale(),
                user.passwordHash(), user.active());
    }

    public Actor actor() {
        return new Actor(userId, name);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(role.authority()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return active;
    }

    @Override
    public String toString() {
        return "TocsinPrincipal[" + email + ", " + role + "]";
    }
}
