package io.tocsin.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Loads the principal for form login (by e-mail) and for API tokens (by token). */
@Component
public class PrincipalLoader implements UserDetailsService {

    private final UserRepository users;
    private final ApiTokens tokens;

    PrincipalLoader(UserRepository users, ApiTokens tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public TocsinPrincipal loadUserByUsername(String email) {
        return users.findByEmail(email.strip().toLowerCase(Locale.ROOT)).map(TocsinPrincipal::of)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
    }

    /** The active principal a token belongs to, if the token is valid. */
    public Optional<TocsinPrincipal> byToken(String token) {
        return byScopedToken(token).map(ScopedPrincipal::principal);
    }

    /** A principal as a token presents it: with what the token may do. */
    public record ScopedPrincipal(TocsinPrincipal principal, Set<TokenScope> scopes) {
    }

    /** The active principal a token belongs to and the token's scopes, if the token is valid. */
    public Optional<ScopedPrincipal> byScopedToken(String token) {
        return tokens.authenticate(token).flatMap(t -> users.findById(t.userId()).filter(User::active)
                .map(u -> new ScopedPrincipal(TocsinPrincipal.of(u), t.scopes())));
    }

    public Optional<TocsinPrincipal> byId(UUID userId) {
        return users.findById(userId).map(TocsinPrincipal::of);
    }
}
