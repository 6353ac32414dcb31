package io.tocsin.notify.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Answers arriving from outside carry their own credentials: a signed single-use token in the link, or the
 * provider's request signature (Twilio, Vonage). No session, no CSRF (there is no cookie to ride on); the controllers check the credential.
 */
@Configuration(proxyBeanMethods = false)
class NotifyWebSecurity {

    @Bean
    @Order(5)
    SecurityFilterChain notifyCallbackChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/hooks/twilio/**", "/hooks/vonage/**", "/notify/answer/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable());
        return http.build();
    }
}
