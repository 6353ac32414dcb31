package io.tocsin.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that make the browser refuse what Tocsin never does, on every response of every chain (pages, API,
 * answer links, feeds): a Content-Security-Policy that allows scripts, styles, images and fonts only from Tocsin
 * itself (no inline script, no inline style attribute, no framing by other sites), and a Referrer-Policy that
 * keeps secret-bearing URLs (answer links, calendar feeds) from leaking to other sites. The bundled Swagger UI
 * renders inline styles, so its pages alone may use them. A controller may replace the policy for its own pages
 * (for example to let a public status page be framed): the header is set before the request is handled.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class SecurityHeaders extends OncePerRequestFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " frame-ancestors 'none'";
    static final String SWAGGER_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy",
                request.getRequestURI().startsWith(request.getContextPath() + "/swagger-ui") ? SWAGGER_POLICY : POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
