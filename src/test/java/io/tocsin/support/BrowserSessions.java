package io.tocsin.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Logins through the real login form, as a browser makes them, for tests that need a page session over HTTP. */
public final class BrowserSessions {

    private BrowserSessions() {
    }

    /**
     * A client holding the session cookie of a login through the real login form, as a browser would; null when the
     * server refused the credentials.
     */
    public static HttpClient login(String baseUrl, String email, String password) {
        try {
            var client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            var page = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            var matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            if (!matcher.find()) {
                throw new AssertionError("no CSRF token on the login page");
            }
            String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(matcher.group(1));
            var response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || location.contains("error")) {
                return null;
            }
            var dashboard = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return dashboard.statusCode() == 200 && dashboard.body().contains("id=\"open-incidents\"") ? client : null;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
