package io.tocsin.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.session.web.http.CookieSerializer.CookieValue;
import org.springframework.session.web.http.DefaultCookieSerializer;

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

    /** Whether the cookie Spring Session's serializer writes, once customised, carries {@code Secure}. */
    private static boolean secure(MockEnvironment environment) {
        var serializer = new DefaultCookieSerializer();
        new SessionCookies(environment).customize(serializer);
        var response = new MockHttpServletResponse();
        serializer.writeCookieValue(new CookieValue(new MockHttpServletRequest(), response, "session-id"));
        return response.getHeader("Set-Cookie").contains("; Secure");
    }
}
