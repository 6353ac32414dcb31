package io.tocsin.chat.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the exact bytes of a chat tool's callback before anything parses its form fields: the signature is over
 * the raw body, and parsed-and-rebuilt fields would not match it. Limited to 1 MB (Slack's payloads are far
 * smaller); the bytes are in the request attribute {@link #ATTRIBUTE}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class RawBodyFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = "tocsin.chat.rawBody";
    private static final int LIMIT = 1 << 20;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/hooks/slack/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(LIMIT + 1);
        if (body.length > LIMIT) {
            response.sendError(413);
            return;
        }
        request.setAttribute(ATTRIBUTE, new String(body, StandardCharsets.UTF_8));
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public ServletInputStream getInputStream() {
                var in = new ByteArrayInputStream(body);
                return new ServletInputStream() {
                    @Override
                    public int read() {
                        return in.read();
                    }

                    @Override
                    public boolean isFinished() {
                        return in.available() == 0;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        // The body is already in memory and the chat hooks read it blocking; no async reader exists.
                        throw new UnsupportedOperationException("the body was read before the handler; read it directly");
                    }
                };
            }
        }, response);
    }
}
