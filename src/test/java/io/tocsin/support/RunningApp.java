package io.tocsin.support;

import java.net.URI;
import java.net.http.HttpClient;

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
        return start(db, new Class<?>[0], args);
    }

    /** Started with further configuration classes (test wiring such as a wrapped data source). */
    public static RunningApp start(TestDatabase db, Class<?>[] extra, String... args) {
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
        var sources = new java.util.ArrayList<Class<?>>(java.util.List.of(TocsinApplication.class));
        sources.addAll(java.util.List.of(extra));
        var context = new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).run(all.toArray(String[]::new));
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
        return browserSession(email, password) != null;
    }

    /**
     * A client holding the session cookie of a login through the real login form, as a browser would; null when the
     * server refused the credentials.
     */
    public HttpClient browserSession(String email, String password) {
        return BrowserSessions.login(baseUrl(), email, password);
    }

    @Override
    public void close() {
        context.close();
    }
}
