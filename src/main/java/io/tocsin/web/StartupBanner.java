package io.tocsin.web;

import java.util.ArrayList;
import java.util.List;

import io.tocsin.shared.StartupNotes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one banner at the end of the start: where Tocsin answers, how to log in, what the demo offers, and how to
 * stop it. Printed once the server accepts requests, after everything else the start logged.
 */
@Component
class StartupBanner {

    static final String RULE = "=".repeat(72);

    private final StartupNotes notes;
    private final String baseUrl;

    StartupBanner(StartupNotes notes, @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl) {
        this.notes = notes;
        this.baseUrl = baseUrl;
    }

    @EventListener
    void on(ApplicationReadyEvent ready) {
        Integer port = ready.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : null;
        // Straight to standard output rather than the log: it must show whatever the log level, and it reads best
        // without log prefixes.
        System.out.println(render(localUrl(port), baseUrl, notes.all()));
        System.out.flush();
    }

    private static String localUrl(Integer port) {
        return port == null || port <= 0 ? null : "http://localhost:" + port;
    }

    /** The banner's text: pure, so its content is tested as a person reads it. */
    static String render(String localUrl, String publicUrl, List<StartupNotes.Note> notes) {
        var lines = new ArrayList<String>();
        lines.add(RULE);
        String url = localUrl != null ? localUrl : publicUrl;
        lines.add(" Tocsin is ready: " + url);
        if (localUrl != null && publicUrl != null && !sameHostAndPort(localUrl, publicUrl)) {
            lines.add(" Public URL (in links Tocsin sends): " + publicUrl);
        }
        for (var note : notes) {
            lines.add("");
            lines.add(" " + note.heading());
            note.lines().forEach(l -> lines.add("   " + l));
        }
        lines.add("");
        lines.add(" API documentation: " + url + "/swagger-ui.html");
        lines.add(" Stop with Ctrl-C.");
        lines.add(RULE);
        return String.join("\n", lines);
    }

    private static boolean sameHostAndPort(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String url) {
        return url.replaceFirst("/+$", "").replace("://127.0.0.1", "://localhost");
    }
}
