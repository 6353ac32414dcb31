package io.tocsin.identity.internal;

import java.io.IOException;

import io.tocsin.identity.Actor;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.identity.Identity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Form login around the password check: refuses attempts while {@link LoginThrottle} says wait (before the
 * password is even looked at), counts failures, and writes every success, failure and refusal to the audit log
 * with the source address. Whatever went wrong, the page says the same ("wrong e-mail or password"), or how long
 * to wait: unknown accounts are throttled like known ones.
 */
@Component
class LoginAttempts {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LoginAttempts.class);

    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Identity identity;

    private final SsoSettings sso;

    LoginAttempts(LoginThrottle throttle, AuditLog audit, Identity identity, SsoSettings sso) {
        this.throttle = throttle;
        this.audit = audit;
        this.identity = identity;
        this.sso = sso;
    }

    /** With passwords switched off, only the configured emergency administrators may log in with one. */
    private boolean passwordAllowed(String account) {
        return sso.isPasswordLogin() || emergency(account);
    }

    private boolean emergency(String account) {
        return sso.getEmergencyAdmins().stream().anyMatch(e -> e.strip().equalsIgnoreCase(account.strip()));
    }

    OncePerRequestFilter gate() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !(HttpMethod.POST.matches(request.getMethod()) && "/login".equals(request.getServletPath()));
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                String account = account(request);
                if (!passwordAllowed(account)) {
                    record(account, "login.refused", request, "password login is switched off (single sign-on only)");
                    response.sendRedirect(request.getContextPath() + "/login?error");
                    return;
                }
                var wait = throttle.waitBefore(account, request.getRemoteAddr());
                if (wait.isZero()) {
                    chain.doFilter(request, response);
                    return;
                }
                record(account, "login.throttled", request, "refused for " + wait.toSeconds() + " s");
                response.setHeader("Retry-After", String.valueOf(wait.toSeconds()));
                response.sendRedirect(request.getContextPath() + "/login?error&wait=" + wait.toSeconds());
            }
        };
    }

    AuthenticationFailureHandler onFailure() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            String account = account(request);
            throttle.failed(account, request.getRemoteAddr());
            record(account, "login.failed", request, e.getClass().getSimpleName());
            response.sendRedirect(request.getContextPath() + "/login?error");
        };
    }

    AuthenticationSuccessHandler onSuccess() {
        var next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/");
        return (HttpServletRequest request, HttpServletResponse response, Authentication auth) -> {
            if (auth.getPrincipal() instanceof TocsinPrincipal p) {
                if (sso.isPasswordLogin()) {
                    audit.record(p.actor(), "login.succeeded", "user", p.userId(),
                            "password from " + request.getRemoteAddr());
                } else {
                    // Passwords are off: this is the emergency way in, and it should stand out.
                    log.warn("Emergency administrator {} logged in with a password from {}", p.email(),
                            request.getRemoteAddr());
                    audit.record(p.actor(), "login.emergency", "user", p.userId(),
                            "emergency administrator, password while single sign-on only, from "
                                    + request.getRemoteAddr());
                }
            }
            next.onAuthenticationSuccess(request, response, auth);
        };
    }

    private void record(String account, String action, HttpServletRequest request, String detail) {
        String typed = account.length() <= 100 ? account : account.substring(0, 100);
        var user = identity.findByEmail(typed);
        var actor = user.map(u -> new Actor(u.id(), u.name())).orElse(new Actor(null, typed));
        audit.record(actor, action, "user", user.map(u -> (Object) u.id()).orElse(typed),
                detail + " from " + request.getRemoteAddr());
    }

    private static String account(HttpServletRequest request) {
        String username = request.getParameter("username");
        return username == null ? "" : username;
    }
}
