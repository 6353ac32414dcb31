package io.tocsin.identity.internal;

import java.net.URI;

import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.stereotype.Component;

/**
 * The session cookie is {@code Secure} when the public URL ({@code tocsin.base-url}) is https, so a TLS deployment
 * never sends it in clear; {@code server.servlet.session.cookie.secure} still decides when set. HTTP-only,
 * {@code SameSite=Lax} (another site's form post or fetch carries no session) and the name are set in
 * application.yml. Sessions are Spring Session's (in the database), so its cookie serializer writes the cookie.
 */
@Component
class SessionCookies implements DefaultCookieSerializerCustomizer {

    static final String SECURE_PROPERTY = "server.servlet.session.cookie.secure";

    private final Environment environment;

    SessionCookies(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void customize(DefaultCookieSerializer serializer) {
        serializer.setUseSecureCookie(secure());
    }

    boolean secure() {
        Boolean explicit = environment.getProperty(SECURE_PROPERTY, Boolean.class);
        if (explicit != null) {
            return explicit;
        }
        String base = environment.getProperty("tocsin.base-url", "");
        return "https".equalsIgnoreCase(URI.create(base.strip()).getScheme());
    }
}
