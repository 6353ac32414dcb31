package io.tocsin.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like session without a browser: logs in through the form and fetches pages, for page tests. */
public class WebSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String base;
    private String csrf;

    public WebSession(String base, String email, String password) {
        this.base = base;
        var response = tryLogin(email, password);
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new AssertionError("login failed for " + email);
        }
    }

    private WebSession(String base) {
        this.base = base;
    }

    /** A session that has not logged in yet. */
    public static WebSession anonymous(String base) {
        return new WebSession(base);
    }

    /** Posts the login form as the login page would; the answer is the redirect (to "/" or to the error). */
    public HttpResponse<String> tryLogin(String email, String password) {
        var login = get("/login");
        return postForm("/login", Map.of("username", email, "password", password), login.body());
    }

    public HttpResponse<String> get(String path) {
        try {
            var response = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var m = CSRF.matcher(response.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return response;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Posts a form as the page would, with the CSRF token of the last page fetched. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        return postForm(path, fields, null);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> fields, String page) {
        if (page != null) {
            var m = CSRF.matcher(page);
            if (m.find()) {
                csrf = m.group(1);
            }
        }
        var all = new java.util.LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the cookie this session holds under that name, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst()
                .map(java.net.HttpCookie::getValue).orElse(null);
    }

    /** The CSRF token of the last page fetched (what the page's scripts send in the CSRF header). */
    public String csrfToken() {
        return csrf;
    }

    /**
     * Sends a request with this session's cookies and exactly the given headers (no CSRF token unless given):
     * what a hostile page can make the browser send.
     */
    public HttpResponse<String> send(String method, String path, Map<String, String> headers, String jsonBody) {
        var builder = HttpRequest.newBuilder(URI.create(base + path));
        headers.forEach(builder::header);
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
