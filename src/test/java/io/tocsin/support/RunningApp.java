package io.tocsin.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.tocsin.TocsinApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tocsin started the way a user starts it (no test clock, timers polling), on a given database; for first-start
 * and restart tests. Close it to stop the server.
 */
public final class RunningApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningApp start(TestDatabase db, String... args) {
        // Command-line arguments outrank application.yml and the environment, as they do for a user.
        var all = new java.util.ArrayList<>(java.util.List.of("--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                "--server.port=0", "--tocsin.admin.password=", "--tocsin.admin.email=admin@tocsin.local",
                "--spring.main.banner-mode=off", "--tocsin.timers.poll-interval-ms=100"));
        // A given option replaces the default of the same name (a repeated option would become a list).
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                String name = arg.substring(0, eq + 1);
                all.removeIf(a -> a.startsWith(name));
            }
            all.add(arg);
        }
        var context = new SpringApplicationBuilder(TocsinApplication.class).run(all.toArray(String[]::new));
        return new RunningApp(context);
    }

    /**
     * Started on a free port that is also its public URL, so links in the messages it sends (acknowledge links in
     * the demo's outbox) lead back to it.
     */
    public static RunningApp startReachable(TestDatabase db, String... args) {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        var all = new java.util.ArrayList<>(java.util.List.of("--server.port=" + port,
                "--tocsin.base-url=http://localhost:" + port));
        all.addAll(java.util.List.of(args));
        return start(db, all.toArray(String[]::new));
    }

    public String baseUrl() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Logs in through the real login form; returns whether the server accepted the credentials. */
    public boolean formLogin(String email, String password) {
        try {
            var client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            var page = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            var matcher = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            if (!matcher.find()) {
                throw new AssertionError("no CSRF token on the login page");
            }
            String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(matcher.group(1));
            var response = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || location.contains("error")) {
                return false;
            }
            var dashboard = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return dashboard.statusCode() == 200 && dashboard.body().contains("id=\"open-incidents\"");
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        context.close();
    }
}
