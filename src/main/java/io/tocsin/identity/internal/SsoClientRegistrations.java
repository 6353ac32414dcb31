package io.tocsin.identity.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The configured OpenID providers, each found by OpenID discovery ({@code /.well-known/openid-configuration} of
 * its issuer URL) the first time someone uses it, then kept. A provider that cannot be reached does not stop
 * Tocsin from starting: its button answers "not reachable" and discovery is tried again at the next click.
 */
class SsoClientRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(SsoClientRegistrations.class);

    private final SsoSettings settings;
    private final Map<String, ClientRegistration> found = new ConcurrentHashMap<>();

    SsoClientRegistrations(SsoSettings settings) {
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        var provider = registrationId == null ? null : settings.getProviders().get(registrationId);
        if (provider == null) {
            return null;
        }
        var registration = found.get(registrationId);
        if (registration != null) {
            return registration;
        }
        try {
            registration = discover(registrationId, provider);
        } catch (RuntimeException e) {
            log.warn("OpenID discovery for provider '{}' at {} failed: {}", registrationId, provider.getIssuerUri(),
                    e.toString());
            return null;
        }
        found.put(registrationId, registration);
        return registration;
    }

    private static ClientRegistration discover(String id, SsoSettings.Provider provider) {
        var builder = ClientRegistrations.fromIssuerLocation(provider.getIssuerUri())
                .registrationId(id)
                .clientName(provider.getName() == null ? id : provider.getName())
                .clientId(provider.getClientId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope(provider.getScopes())
                .userNameAttributeName("sub");
        if (provider.getClientSecret() == null || provider.getClientSecret().isBlank()) {
            // A public client: PKCE alone protects the code.
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(provider.getClientSecret());
        }
        return builder.build();
    }
}
