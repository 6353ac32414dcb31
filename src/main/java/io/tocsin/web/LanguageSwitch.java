package io.tocsin.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The language switch of the pages ({@code ?lang=de} links). It reads the query string itself rather than the
 * servlet's parameters: asking for a parameter makes the container decode the whole query string and form body
 * once, and a failure there (bad percent-encoding) must reach the endpoint that reads its parameters, so that it
 * can refuse the request in its own format, instead of surfacing here or being swallowed.
 */
class LanguageSwitch implements HandlerInterceptor {

    static final String PARAMETER = "lang";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String language = fromQuery(request.getQueryString());
        if (language != null) {
            try {
                var locale = StringUtils.parseLocale(language);
                var resolver = RequestContextUtils.getLocaleResolver(request);
                if (locale != null && resolver != null) {
                    resolver.setLocale(request, response, locale);
                }
            } catch (IllegalArgumentException notALocale) {
                // an unknown language keeps the current one
            }
        }
        return true;
    }

    /** The first {@code lang} value of a query string, or null when absent or not decodable. */
    static String fromQuery(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(PARAMETER)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException undecodable) {
                    return null;
                }
            }
        }
        return null;
    }
}
