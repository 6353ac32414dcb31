package io.tocsin.identity.internal;

import java.net.URI;

import jakarta.servlet.ServletContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The session cookie is {@code Secure} when the public URL ({@code tocsin.base-url}) is https, so a TLS deployment
 * never sends it in clear; {@code server.servlet.session.cookie.secure} still decides when set. HTTP-only and
 * {@code SameSite=Lax} (another site's form post or fetch carries no session) are set in application.yml.
 */
@Component
class SessionCookies implements ServletContextInitializer {

    static final String SECURE_PROPERTY = "server.servlet.session.cookie.secure";

    private final Environment environment;

    SessionCookies(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onStartup(ServletContext servletContext) {
        servletContext.getSessionCookieConfig().setSecure(secure());
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
