package io.tocsin.statuspage.web;

import io.tocsin.statuspage.internal.Snapshots;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.unit.DataSize;

/**
 * The public side's web plumbing: the snapshot valve ahead of everything (public reads need no session, no
 * security context, no database), and an open chain for the subscription forms and links, which anonymous
 * visitors use from a cached page (no session, so no CSRF token; they are throttled per address instead).
 */
@Configuration(proxyBeanMethods = false)
class StatusPageWeb {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> publicStatusValve(ObjectProvider<Snapshots> snapshots,
            @Value("${tocsin.web.socket-write-buffer:64KB}") DataSize socketWriteBuffer) {
        return factory -> {
            factory.addEngineValves(new PublicStatusValve(snapshots));
            // Tomcat hands a response to the socket in pieces of its write buffer (8 KiB by default): a 55 KiB status
            // page took seven writes, and a third of nginx's throughput. 64 KiB sends it in one, at 56 KiB more
            // memory per open connection (StatusPageBenchmark, docs/statuspage.md).
            factory.addConnectorCustomizers(connector -> connector.setProperty("socket.appWriteBufSize",
                    Long.toString(socketWriteBuffer.toBytes())));
        };
    }

    @Bean
    @Order(7)
    SecurityFilterChain statusPageSubscriptionChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/status/*/subscriptions", "/status/*/subscriptions/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .securityContext(c -> c.disable());
        return http.build();
    }
}
