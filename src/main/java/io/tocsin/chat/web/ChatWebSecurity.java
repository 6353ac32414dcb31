package io.tocsin.chat.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Callbacks from chat tools carry the tool's own credential (Slack's request signature, Mattermost's command token or
 * a button context Tocsin signed, the Bot Connector's JWT or the outgoing webhook's HMAC for Teams), not a session:
 * no CSRF (no cookie to ride on), no session; the controllers verify it before reading anything else.
 */
@Configuration(proxyBeanMethods = false)
class ChatWebSecurity {

    @Bean
    @Order(6)
    SecurityFilterChain chatCallbackChain(HttpSecurity http) throws Exception {
        http.securityMatcher(
                        "/hooks/slack/**",
                        "/hooks/mattermost/**",
                        "/hooks/teams/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable());
        return http.build();
    }
}
