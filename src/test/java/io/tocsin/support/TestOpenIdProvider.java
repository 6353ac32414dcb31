package io.tocsin.support;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID provider for the single sign-on tests: Spring Authorization Server on its own embedded Tomcat at
 * {@code http://127.0.0.1:<port>} (another host name than Tocsin's {@code localhost}, so the two sessions' cookies
 * stay apart in one browser). It serves discovery, the authorization endpoint with its own login form, the token,
 * JWKS and user-info endpoints, and RP-initiated logout; it demands PKCE from its client. People are registered by
 * the test with the claims their ID token should carry (a {@code groups} claim, locale, zone...).
 */
public final class TestOpenIdProvider implements AutoCloseable {

    /** A person at the provider: their password and the claims of their ID token. */
    public record Person(String password, Map<String, Object> claims) {
    }

    /** The provider whose application is starting (on this thread), for its beans to find. */
    private static volatile TestOpenIdProvider starting;

    private final int port;
    private String clientId;
    private String secret;
    private String redirectUri;
    private String postLogoutRedirectUri;
    private final Map<String, Person> people = new ConcurrentHashMap<>();
    private final List<String> logouts = Collections.synchronizedList(new ArrayList<>());
    private ConfigurableApplicationContext context;

    private TestOpenIdProvider(int port) {
        this.port = port;
    }

    /**
     * Starts the provider with one confidential client ({@code clientId}/{@code secret}) that may come back to
     * {@code redirectUri} and, after logout, to {@code postLogoutRedirectUri}.
     */
    public static synchronized TestOpenIdProvider start(String clientId, String secret, String redirectUri,
            String postLogoutRedirectUri) {
        int port = freePort();
        var provider = new TestOpenIdProvider(port);
        provider.clientId = clientId;
        provider.secret = secret;
        provider.redirectUri = redirectUri;
        provider.postLogoutRedirectUri = postLogoutRedirectUri;
        starting = provider;
        try {
            provider.context = new SpringApplicationBuilder(ProviderApp.class)
                    .properties("server.port=" + port, "spring.config.name=tocsin-test-openid-provider",
                            "spring.main.banner-mode=off")
                    .run();
        } finally {
            starting = null;
        }
        return provider;
    }

    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    public TestOpenIdProvider person(String username, String password, Map<String, Object> claims) {
        people.put(username, new Person(password, claims));
        return this;
    }

    /** The times someone's browser came to the end-session endpoint (RP-initiated logout). */
    public List<String> logouts() {
        return List.copyOf(logouts);
    }

    public static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.close();
    }

    // Not a @Configuration: Tocsin's own component scan in the same test class path must not pick it up.
    @EnableWebSecurity
    @ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class ProviderApp {

        private final TestOpenIdProvider provider = starting;

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http)
                throws Exception {
            http.oauth2AuthorizationServer(as -> {
                http.securityMatcher(as.getEndpointsMatcher());
                as.oidc(Customizer.withDefaults());
            })
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults()))
                    .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .addFilterBefore((request, response, chain) -> {
                        var r = (jakarta.servlet.http.HttpServletRequest) request;
                        if (r.getRequestURI().equals("/connect/logout")) {
                            provider.logouts.add(r.getQueryString());
                        }
                        chain.doFilter(request, response);
                    }, org.springframework.security.web.context.SecurityContextHolderFilter.class);
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService people() {
            return username -> {
                var person = provider.people.get(username);
                if (person == null) {
                    throw new UsernameNotFoundException(username);
                }
                return User.withUsername(username).password("{noop}" + person.password()).roles("USER").build();
            };
        }

        @Bean
        InMemoryRegisteredClientRepository clients() {
            var client = RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(provider.clientId)
                    .clientSecret("{noop}" + provider.secret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUri(provider.redirectUri)
                    .postLogoutRedirectUri(provider.postLogoutRedirectUri)
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                    .clientSettings(ClientSettings.builder().requireProofKey(true)
                            .requireAuthorizationConsent(false).build())
                    .build();
            return new InMemoryRegisteredClientRepository(client);
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    var person = provider.people.get(context.getPrincipal().getName());
                    if (person != null) {
                        context.getClaims().claims(c -> c.putAll(person.claims()));
                    }
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws Exception {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            var key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            var processor = new com.nimbusds.jwt.proc.DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new com.nimbusds.jose.proc.JWSVerificationKeySelector<>(
                    com.nimbusds.jose.JWSAlgorithm.RS256, keys));
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            return new org.springframework.security.oauth2.jwt.NimbusJwtDecoder(processor);
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().issuer(provider.issuer())
                    .build();
        }
    }
}
