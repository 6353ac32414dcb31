package io.tocsin.statuspage.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The 404 page for an unknown status page, one a visitor may not see, or a resource a page does not have
 * (issue 11 point 1), in the visitor's language: {@code ?lang=} first, then the first of English or German in
 * Accept-Language, else English. Both bodies are built once from the message bundle when the class loads, so the
 * page answers without the database or the application context (the valve runs before both), and the body is the
 * same whether a page does not exist or is private and not for this visitor, so it tells nobody which is the case.
 */
final class NotFoundPage {

    private static final byte[] ENGLISH = body(Locale.ENGLISH);
    private static final byte[] GERMAN = body(Locale.GERMAN);

    private NotFoundPage() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean german = "de".equals(language(request.getQueryString(), request.getHeader("Accept-Language")));
        byte[] body = german ? GERMAN : ENGLISH;
        response.setStatus(404);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Language", german ? "de" : "en");
        response.setHeader("Vary", "Accept-Language");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", PublicStatusValve.CSP);
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** "de" or "en": {@code lang=} in the query, else the first of the two in Accept-Language by weight. */
    static String language(String query, String acceptLanguage) {
        String asked = PublicStatusValve.askedLanguage(query);
        if (asked != null) {
            return asked;
        }
        if (acceptLanguage != null) {
            try {
                for (var range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    if (range.getWeight() > 0 && (tag.equals("de") || tag.startsWith("de-"))) {
                        return "de";
                    }
                    if (range.getWeight() > 0 && (tag.equals("en") || tag.startsWith("en-"))) {
                        return "en";
                    }
                }
            } catch (IllegalArgumentException malformed) {
                return "en";
            }
        }
        return "en";
    }

    private static byte[] body(Locale locale) {
        var bundle = ResourceBundle.getBundle("i18n/statuspage", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String title = HtmlUtils.htmlEscape(bundle.getString("statuspage.notfound.title"));
        String text = HtmlUtils.htmlEscape(bundle.getString("statuspage.notfound.text"));
        return ("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title><link rel=\"stylesheet\" href=\"/css/statuspage.css\"></head><body><main id=\"main\">"
                + "<h1>" + title + "</h1><p>" + text + "</p></main></body></html>").getBytes(StandardCharsets.UTF_8);
    }
}
