package io.tocsin.identity.internal;

import java.io.IOException;

import io.tocsin.identity.PrincipalLoader;
import io.tocsin.identity.TokenScope;
import io.tocsin.shared.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates REST calls that carry {@code Authorization: Bearer tcs_...}. A bad token is a 401 at once. A
 * request this filter authenticated is marked ({@link #AUTHENTICATED_BY_TOKEN}): only such requests skip the CSRF
 * check, because a forged cross-site request cannot carry the token.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String AUTHENTICATED_BY_TOKEN = ApiTokenAuthenticationFilter.class.getName() + ".authenticated";
    static final String SCOPES = ApiTokenAuthenticationFilter.class.getName() + ".scopes";

    private final PrincipalLoader principals;
    private final ProblemResponses problems;

    ApiTokenAuthenticationFilter(PrincipalLoader principals, ProblemResponses problems) {
        this.principals = principals;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        java.util.Optional<PrincipalLoader.ScopedPrincipal> scoped;
        try {
            scoped = principals.byScopedToken(header.substring(7).strip());
        } catch (RuntimeException e) {
            if (!DatabaseOutage.is(e)) {
                throw e;
            }
            problems.unavailable(response);
            return;
        }
        if (scoped.isEmpty()) {
            problems.unauthorized(response, "The API token is unknown, revoked, expired, or its user is deactivated");
            return;
        }
        var principal = java.util.Optional.of(scoped.get().principal());
        request.setAttribute(SCOPES, scoped.get().scopes());
        var auth = UsernamePasswordAuthenticationToken.authenticated(principal.get(), null,
                principal.get().getAuthorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        request.setAttribute(AUTHENTICATED_BY_TOKEN, Boolean.TRUE);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    static boolean authenticatedByToken(HttpServletRequest request) {
        return request.getAttribute(AUTHENTICATED_BY_TOKEN) != null;
    }

    /** The scopes of the token that authenticated the request; null for a browser session (no limit). */
    @SuppressWarnings("unchecked")
    static java.util.Set<TokenScope> scopes(HttpServletRequest request) {
        return (java.util.Set<TokenScope>) request.getAttribute(SCOPES);
    }
}
