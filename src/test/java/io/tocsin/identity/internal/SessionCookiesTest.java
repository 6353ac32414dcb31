package io.tocsin.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockServletContext;

/** Issue 15 point 5: the session cookie is Secure exactly when the public URL is https, unless set explicitly. */
class SessionCookiesTest {

    @Test
    void secureWhenThePublicUrlIsHttps() {
        assertThat(secure(new MockEnvironment().withProperty("tocsin.base-url", "https://tocsin.example.com")))
                .isTrue();
        assertThat(secure(new MockEnvironment().withProperty("tocsin.base-url", "http://localhost:8080"))).isFalse();
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(secure(new MockEnvironment().withProperty("tocsin.base-url", "https://tocsin.example.com")
                .withProperty(SessionCookies.SECURE_PROPERTY, "false"))).isFalse();
        assertThat(secure(new MockEnvironment().withProperty("tocsin.base-url", "http://localhost")
                .withProperty(SessionCookies.SECURE_PROPERTY, "true"))).isTrue();
    }

    private static boolean secure(MockEnvironment environment) {
        var context = new MockServletContext();
        new SessionCookies(environment).onStartup(context);
        return context.getSessionCookieConfig().isSecure();
    }
}
