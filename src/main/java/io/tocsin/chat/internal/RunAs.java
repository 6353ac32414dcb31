package io.tocsin.chat.internal;

import java.util.UUID;
import java.util.function.Supplier;

import io.tocsin.identity.PrincipalLoader;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Runs a chat command as the Tocsin user behind the chat account, so the timeline, the audit log and the
 * permission checks name that person, as if they had used the web page.
 */
@Component
class RunAs {

    private final PrincipalLoader principals;

    RunAs(PrincipalLoader principals) {
        this.principals = principals;
    }

    <T> T user(UUID userId, Supplier<T> work) {
        var previous = SecurityContextHolder.getContext();
        var principal = userId == null ? null : principals.byId(userId).orElse(null);
        try {
            if (principal != null) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        principal.getAuthorities()));
                SecurityContextHolder.setContext(context);
            } else {
                SecurityContextHolder.clearContext();
            }
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
