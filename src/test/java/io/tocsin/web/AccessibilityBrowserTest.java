package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import io.tocsin.support.ExternalTool;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2 AA on the main pages (issue 13 point 5, ui.md): axe-core, npm-installed from the pinned
 * {@code src/test/axe/package-lock.json}, runs inside the test browser on each page a responder and an
 * administrator open; no serious or critical violation may remain (contrast included).
 */
public class AccessibilityBrowserTest extends IntegrationTest {

    private static final Path AXE_DIR = Path.of("target", "axe");

    @Test
    void theMainPagesHaveNoSeriousOrCriticalViolations() throws Exception {
        String axe = Files.readString(installAxe().resolve("node_modules/axe-core/axe.min.js"));
        var person = createUser(Role.ADMIN, "Ada Access");
        String service = "a11y-" + System.nanoTime();
        String serviceId = admin().post("/api/v1/services", Map.of("name", service)).expect(201).json().get("id").asString();
        String key = admin().post("/api/v1/incidents", Map.of("summary", "Checkout slow", "severity", 1,
                "serviceId", serviceId)).expect(201).json().get("key").asString();
        admin().post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "OBSERVATION", "body", "p99 at 4 s"))
                .expect(201);

        var pages = List.of("/", "/incidents", "/incidents/" + key, "/incidents/new", "/alerts", "/services",
                "/services/" + serviceId, "/schedules", "/escalation-policies", "/admin", "/admin/chat",
                "/profile");
        var problems = new ArrayList<String>();
        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(person.email(), "password-of-" + "Ada Access".length() + "-chars");
            for (String theme : List.of("light", "dark")) {
                for (String page : pages) {
                    browser.open(page);
                    // Measure the theme's final colours: without transitions there is nothing to wait for (waiting on
                    // them depended on the page's animation timeline, which did not always advance in headless mode).
                    browser.script("const s = new CSSStyleSheet();"
                            + " s.replaceSync('*, *::before, *::after { transition: none !important; }');"
                            + " document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];"
                            + " document.documentElement.setAttribute('data-bs-theme', arguments[0]);", theme);
                    problems.addAll(violations(browser, axe, theme + " " + page));
                }
            }
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
    }

    @SuppressWarnings("unchecked")
    /** The serious and critical WCAG 2 AA violations axe-core finds on the open page (also for other browser tests). */
    public static List<String> violations(Browser browser, String axe, String where) {
        if (browser.script("return typeof window.axe;").equals("undefined")) {
            browser.script(axe);
        }
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        List<Map<String, Object>> result;
        try {
            result = (List<Map<String, Object>>) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                          .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                            .map(v => ({id: v.id, impact: v.impact,
                                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))
                          .catch(e => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));
                        """);
        } catch (org.openqa.selenium.ScriptTimeoutException e) {
            var running = browser.script("return document.getAnimations().map(a => a.constructor.name + ' '"
                    + " + (a.transitionProperty || a.animationName) + ' on ' + (a.effect && a.effect.target"
                    + " ? a.effect.target.tagName + '.' + a.effect.target.className : '?')).join('; ');");
            return List.of(where + " axe-core did not finish within 90 s; animations: " + running);
        }
        return result.stream().map(v -> where + " " + v.get("id") + " (" + v.get("impact") + ") " + v.get("nodes"))
                .toList();
    }

    /** npm-installs the pinned axe-core into target/axe once. */
    public static Path installAxe() throws Exception {
        Path npm = ExternalTool.require("npm", "Debian package npm");
        Files.createDirectories(AXE_DIR);
        Path source = Path.of("src", "test", "axe");
        boolean current = Files.exists(AXE_DIR.resolve("package-lock.json"))
                && Files.mismatch(source.resolve("package-lock.json"), AXE_DIR.resolve("package-lock.json")) < 0
                && Files.exists(AXE_DIR.resolve("node_modules/axe-core/axe.min.js"));
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, AXE_DIR.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!current) {
            ExternalTool.run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), AXE_DIR, Map.of(),
                    Duration.ofMinutes(3)).expectSuccess();
        }
        return AXE_DIR;
    }
}
