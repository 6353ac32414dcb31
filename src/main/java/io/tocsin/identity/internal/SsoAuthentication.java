package io.tocsin.identity.internal;

import io.tocsin.identity.TocsinPrincipal;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A session signed in through an OpenID provider: the Tocsin principal, as every other way in gives it, plus what
 * logging out at the provider needs (which provider, and the ID token as {@code id_token_hint}).
 */
final class SsoAuthentication extends AbstractAuthenticationToken {

    private final TocsinPrincipal principal;
    private final String provider;
    private final String idToken;

    SsoAuthentication(TocsinPrincipal principal, String provider, String idToken) {
        super(principal.getAuthorities());
        this.principal = principal;
        this.provider = provider;
        this.idToken = idToken;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public TocsinPrincipal getPrincipal() {
        return principal;
    }

    String provider() {
        return provider;
    }

    String idToken() {
        return idToken;
    }
}
