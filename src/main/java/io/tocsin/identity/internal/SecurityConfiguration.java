package io.tocsin.identity.internal;

import java.util.Map;

import io.tocsin.identity.LoginOptions;
import io.tocsin.identity.PrincipalLoader;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.PermissionDenied;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;

/**
 * Two ways in: API tokens (or a browser session) for {@code /api/**}, form login with sessions and CSRF for the
 * UI. Modules that take unauthenticated traffic with their own credentials (integration keys, signed callbacks)
 * declare their own chain with a lower order number.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** Administrators only, reading included: imports use a source's API key and show whom they matched. */
    static final String[] ADMIN_ONLY = {"/api/v1/imports", "/api/v1/imports/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        // Argon2id for new hashes; the prefix in each stored hash lets us move to a stronger setting later.
        var encoders = Map.<String, PasswordEncoder>of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder("argon2", encoders);
    }

    /**
     * No observation (timer, span) per security filter and per authorization: each request already has its
     * {@code http.server.requests} observation, and the per-filter ones cost more CPU than the ingest endpoints'
     * own work at thousands of requests a second.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_ADMIN > ROLE_RESPONDER
                ROLE_RESPONDER > ROLE_STAKEHOLDER""");
    }

    @Bean
    @Order(10)
    SecurityFilterChain apiChain(HttpSecurity http, PrincipalLoader principals, ProblemResponses problems,
            TeamGate gate)
            throws Exception {
        http.securityMatcher("/api/**", "/actuator/**")
                // Before the CSRF filter, so that the CSRF check knows whether a token authenticated the request.
                .addFilterBefore(new ApiTokenAuthenticationFilter(principals, problems), CsrfFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // CSRF rides on a session cookie: calls a Bearer token authenticated and calls without a session
                // cannot be forged that way (the latter get a clean 401). Any other Authorization header (Basic
                // added by a proxy, an empty one) leaves a session-cookie call under the CSRF check.
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        r -> ApiTokenAuthenticationFilter.authenticatedByToken(r) || r.getSession(false) == null))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.unauthorized(res,
                                "Authenticate with 'Authorization: Bearer <API token>' (create one on your profile)"))
                        .accessDeniedHandler((req, res, ex) -> {
                            if (ex instanceof PermissionDenied denied) {
                                problems.forbidden(res, denied.getMessage(), denied.permission());
                            } else {
                                problems.forbidden(res, "Your role does not allow this action (or the CSRF token is"
                                        + " missing)");
                            }
                        }))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        // Reading imports is for administrators; writing them is the matrix's (role and token scope).
                        .requestMatchers(HttpMethod.GET, ADMIN_ONLY).hasRole("ADMIN")
                        .requestMatchers(HttpMethod.HEAD, ADMIN_ONLY).hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").authenticated()
                        // Writes: as the permission matrix says, the owning team's role included (TeamGate).
                        .anyRequest().access((auth, context) -> new AuthorizationDecision(
                                auth.get() != null && auth.get().getPrincipal() instanceof TocsinPrincipal p
                                        && gate.check(p, ApiTokenAuthenticationFilter.scopes(context.getRequest()),
                                        HttpMethod.valueOf(context.getRequest().getMethod()),
                                        context.getRequest().getRequestURI().substring(
                                                context.getRequest().getContextPath().length())))));
        return http.build();
    }

    @Bean
    LoginOptions loginOptions(SsoSettings sso) {
        return new LoginOptions(sso.getProviders().entrySet().stream()
                .map(e -> new LoginOptions.Provider(e.getKey(),
                        e.getValue().getName() == null ? e.getKey() : e.getValue().getName()))
                .toList(), sso.isPasswordLogin());
    }

    @Bean
    @Order(100)
    SecurityFilterChain uiChain(HttpSecurity http, LoginAttempts logins, SsoLogin sso) throws Exception {
        if (sso.enabled()) {
            sso.configure(http);
        }
        http.addFilterBefore(logins.gate(), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/oauth2/authorization/**", "/login/oauth2/**", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
                                "/sw.js", "/manifest.webmanifest",
                                "/error", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html")
                        .permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/incidents", "/profile/**", "/logout", "/language")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/**").hasRole("RESPONDER")
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").successHandler(logins.onSuccess())
                        .failureHandler(logins.onFailure()).permitAll())
                .logout(l -> l.logoutSuccessHandler(sso.logoutSuccess()).permitAll());
        return http.build();
    }
}
