package io.tocsin.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.tocsin.identity.Actor;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.TocsinPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Single sign-on with OpenID Connect in the UI's security chain (issue 15 point 1): the authorization code flow
 * with PKCE (S256) and a nonce, for every configured provider; the person provisioned from the ID token and user
 * info ({@link SsoProvisioning}); the session then holds the same {@link TocsinPrincipal} as a password login.
 * Logging out of a provider's session ends it at the provider too (RP-initiated logout) when the provider's
 * discovery document names an {@code end_session_endpoint}.
 */
@Component
class SsoLogin {

    private static final Logger log = LoggerFactory.getLogger(SsoLogin.class);
    private static final Pattern START = Pattern.compile("^/oauth2/authorization/([^/]+)$");

    private final SsoSettings settings;
    private final SsoClientRegistrations registrations;
    private final SsoProvisioning provisioning;
    private final AuditLog audit;
    private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

    SsoLogin(SsoSettings settings, SsoProvisioning provisioning, AuditLog audit) {
        this.settings = settings;
        this.registrations = new SsoClientRegistrations(settings);
        this.provisioning = provisioning;
        this.audit = audit;
    }

    boolean enabled() {
        return !settings.getProviders().isEmpty();
    }

    void configure(HttpSecurity http) throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.addFilterBefore(reachable(), OAuth2AuthorizationRequestRedirectFilter.class)
                .oauth2Login(o -> o.loginPage("/login")
                        .clientRegistrationRepository(registrations)
                        .authorizationEndpoint(a -> a.authorizationRequestResolver(resolver))
                        .userInfoEndpoint(u -> u.oidcUserService(this::loadUser))
                        .successHandler(onSuccess())
                        .failureHandler(onFailure()));
    }

    /** Where logging out leads: to the provider's end-session endpoint for a provider's session, else the login page. */
    LogoutSuccessHandler logoutSuccess() {
        return (request, response, auth) -> {
            String loggedOut = base(request) + "/login?logout";
            if (auth instanceof SsoAuthentication sso) {
                audit.record(sso.getPrincipal().actor(), "logout", "user", sso.getPrincipal().userId(),
                        "single sign-on " + sso.provider() + " from " + request.getRemoteAddr());
                var registration = registrations.findByRegistrationId(sso.provider());
                Object endSession = registration == null ? null
                        : registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
                if (endSession != null) {
                    response.sendRedirect(UriComponentsBuilder.fromUriString(endSession.toString())
                            .queryParam("id_token_hint", sso.idToken())
                            .queryParam("client_id", registration.getClientId())
                            .queryParam("post_logout_redirect_uri", loggedOut)
                            .encode(StandardCharsets.UTF_8).build().toUriString());
                    return;
                }
            }
            response.sendRedirect(loggedOut);
        };
    }

    private OidcUser loadUser(OidcUserRequest request) {
        var user = new OidcUserService().loadUser(request);
        String provider = request.getClientRegistration().getRegistrationId();
        String from = remoteAddress();
        TocsinPrincipal principal;
        try {
            principal = provisioning.provision(provider, settings.getProviders().get(provider),
                    String.valueOf(user.getIdToken().getIssuer()), user.getClaims(), from);
        } catch (SsoProvisioning.Refused e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("access_denied", e.getMessage(), null),
                    e.getMessage());
        }
        return new ProvisionedUser(user, principal);
    }

    /** The provider's user with the Tocsin principal it became. */
    static final class ProvisionedUser extends DefaultOidcUser {
        private final TocsinPrincipal principal;

        ProvisionedUser(OidcUser user, TocsinPrincipal principal) {
            super(principal.getAuthorities(), user.getIdToken(), user.getUserInfo(), "sub");
            this.principal = principal;
        }

        TocsinPrincipal principal() {
            return principal;
        }
    }

    private AuthenticationSuccessHandler onSuccess() {
        var next = new SavedRequestAwareAuthenticationSuccessHandler();
        next.setDefaultTargetUrl("/");
        return (HttpServletRequest request, HttpServletResponse response, Authentication auth) -> {
            var user = (ProvisionedUser) auth.getPrincipal();
            String provider = ((org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken) auth)
                    .getAuthorizedClientRegistrationId();
            // The session holds the Tocsin principal, as after a password login, and what logout at the provider needs.
            var sso = new SsoAuthentication(user.principal(), provider, user.getIdToken().getTokenValue());
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(sso);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            audit.record(user.principal().actor(), "login.succeeded", "user", user.principal().userId(),
                    "single sign-on " + provider + " from " + request.getRemoteAddr());
            next.onAuthenticationSuccess(request, response, sso);
        };
    }

    private AuthenticationFailureHandler onFailure() {
        return (request, response, e) -> {
            String provider = provider(request);
            String why = e instanceof OAuth2AuthenticationException o && o.getError().getDescription() != null
                    ? o.getError().getErrorCode() + ": " + o.getError().getDescription() : e.getMessage();
            log.info("Single sign-on through '{}' failed: {}", provider, why);
            audit.record(new Actor(null, "SSO " + provider), "login.failed", "sso", provider,
                    "single sign-on: " + why + " from " + request.getRemoteAddr());
            response.sendRedirect(request.getContextPath() + "/login?sso-error");
        };
    }

    /** A provider whose discovery fails is "not reachable" on the login page, not a 500. */
    private OncePerRequestFilter reachable() {
        return new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !START.matcher(request.getServletPath()).matches();
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                var m = START.matcher(request.getServletPath());
                if (m.matches() && registrations.findByRegistrationId(m.group(1)) == null) {
                    response.sendRedirect(request.getContextPath() + "/login?sso-unavailable");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static String provider(HttpServletRequest request) {
        String path = request.getServletPath();
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String base(HttpServletRequest request) {
        return UriComponentsBuilder.fromUriString(request.getRequestURL().toString()).replacePath(
                request.getContextPath()).replaceQuery(null).build().toUriString();
    }

    private static String remoteAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest().getRemoteAddr() : "unknown";
    }
}
