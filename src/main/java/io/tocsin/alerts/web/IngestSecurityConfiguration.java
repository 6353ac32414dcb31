package io.tocsin.alerts.web;

import io.tocsin.alerts.internal.AlertIngest;
import io.tocsin.alerts.internal.ChangeEvents;
import io.tocsin.alerts.internal.Integrations;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The ingest endpoints are called by monitoring tools with an integration key (or a heartbeat token), never with
 * a Tocsin login: no session, no CSRF, no login redirect. Each endpoint checks the key itself.
 */
@Configuration(proxyBeanMethods = false)
class IngestSecurityConfiguration {

    static final String[] PATHS = {"/v2/enqueue", "/v2/change/enqueue", "/v2/alerts", "/v2/alerts/**",
            "/integrations/**", "/heartbeats/**"};

    @Bean
    @Order(5)
    SecurityFilterChain alertIngestChain(HttpSecurity http) throws Exception {
        // No authorization rules (every request is let through to the endpoint, which checks the key) and no
        // browser security headers: the callers are monitoring tools, and each filter costs on every event.
        http.securityMatcher(PATHS)
                .headers(h -> h.disable())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable())
                .anonymous(a -> a.disable());
        return http.build();
    }

    /** PagerDuty's endpoints as a plain servlet (see {@link PagerDutyEndpoint} for why); exact paths win over MVC. */
    @Bean
    ServletRegistrationBean<PagerDutyEndpoint> pagerDutyEndpoint(IngestSupport support, Integrations integrations,
            AlertIngest ingest, ChangeEvents changes) {
        var registration = new ServletRegistrationBean<>(new PagerDutyEndpoint(support, integrations, ingest, changes),
                PagerDutyEndpoint.ENQUEUE, PagerDutyEndpoint.CHANGE);
        registration.setName("pagerDutyEvents");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
