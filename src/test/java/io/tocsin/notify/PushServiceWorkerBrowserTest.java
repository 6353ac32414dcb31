package io.tocsin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import io.tocsin.support.DevToolsSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Tocsin as an installable web app in headless Chromium (R12, issue 19 point 1): every page registers the service
 * worker from {@code /sw.js} (no inline script), the profile offers push on this device, and a push message (as
 * the push service hands it to the browser) is shown as a notification with Acknowledge and Resolve actions.
 */
class PushServiceWorkerBrowserTest extends NotifyTestBase {

    @Test
    void theServiceWorkerRegistersAndShowsAPushedPageAsANotification() {
        var user = createUser(Role.RESPONDER, "Wanda Worker");
        String password = "password-of-" + "Wanda Worker".length() + "-chars";
        assertThat(browse("GET", baseUrl() + "/manifest.webmanifest").body()).contains("\"display\": \"standalone\"");
        assertThat(browse("GET", baseUrl() + "/sw.js").body()).contains("showNotification");

        try (var browser = new Browser(baseUrl(), "en")) {
            var driver = (ChromeDriver) browser.driver();
            driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", baseUrl(),
                    "permissions", List.of("notifications")));
            browser.login(user.email(), password);
            browser.open("/profile");
            assertThat(browser.text(By.id("push-enable"))).isEqualTo("Enable push on this device");
            Object scope = ((JavascriptExecutor) driver).executeAsyncScript(
                    "var done = arguments[arguments.length - 1];"
                            + "navigator.serviceWorker.ready.then(function (r) { done(r.scope); });");
            assertThat(scope).isEqualTo(baseUrl() + "/");

            String data = "{\"kind\":\"page\",\"title\":\"Tocsin: INC-7\",\"body\":\"Severity 1: Checkout down\","
                    + "\"tag\":\"incident:7\",\"acknowledgeUrl\":\"" + baseUrl() + "/notify/answer/x\","
                    + "\"actions\":[{\"action\":\"acknowledge\",\"title\":\"Acknowledge\"},"
                    + "{\"action\":\"resolve\",\"title\":\"Resolve\"}]}";
            // Late in a full suite run, a message handed over by DevTools was twice followed by no notification at
            // all (the worker activated and running, no error), which never happened with the test alone; the cause
            // is not found yet. It is handed over again, at most twice: what is asserted is what the service worker
            // shows once it has the message. The DevTools session is closed before waiting, as a browser with no
            // debugger attached would be.
            Object shown = null;
            for (int delivery = 1; shown == null; delivery++) {
                var events = deliverPush(browser, driver, data);
                try {
                    shown = browser.waitFor(PushServiceWorkerBrowserTest::notificationsShown,
                            java.time.Duration.ofSeconds(15));
                } catch (org.openqa.selenium.TimeoutException e) {
                    if (delivery == 3) {
                        throw new AssertionError("no notification shown after 3 deliveries; the DevTools events of"
                                + " the last were " + events, e);
                    }
                }
            }
            assertThat(List.copyOf((List<?>) shown)).map(Object::toString).containsExactly("Tocsin: INC-7|Severity 1: Checkout down|incident:7|acknowledge,resolve");
            browser.screenshot("push-service-worker");
        }
    }

    /** What a push service does when a message arrives for this browser: hand it to the service worker. */
    private java.util.List<?> deliverPush(Browser browser, ChromeDriver driver, String data) {
        try (var devTools = new DevToolsSession((String) driver.getCapabilities().getCapability("se:cdp"))) {
            String page = devTools.send(null, "Target.getTargets", Map.of()).path("targetInfos").valueStream()
                    .filter(t -> "page".equals(t.path("type").asString()) && t.path("url").asString().contains("/profile"))
                    .findFirst().orElseThrow().path("targetId").asString();
            String session = devTools.send(null, "Target.attachToTarget", Map.of("targetId", page, "flatten", true))
                    .path("sessionId").asString();
            devTools.send(session, "ServiceWorker.enable", Map.of());
            // Chromium reports the registration once the worker is set up in the background, which took over 10 s
            // on a loaded 2-core machine.
            var registration = browser.waitFor(d -> devTools.event(e -> "ServiceWorker.workerRegistrationUpdated"
                    .equals(e.path("method").asString()) && !e.path("params").path("registrations").isEmpty()),
                    java.time.Duration.ofSeconds(45));
            String registrationId = registration.path("params").path("registrations").path(0).path("registrationId")
                    .asString();
            // The push goes to an activated version: the registration event can come while it is installing.
            browser.waitFor(d -> devTools.event(e -> "ServiceWorker.workerVersionUpdated".equals(e.path("method")
                    .asString()) && e.path("params").path("versions").valueStream().anyMatch(v ->
                    registrationId.equals(v.path("registrationId").asString())
                            && "activated".equals(v.path("status").asString()))),
                    java.time.Duration.ofSeconds(45));
            devTools.send(session, "ServiceWorker.deliverPushMessage", Map.of("origin", baseUrl(),
                    "registrationId", registrationId, "data", data));
            return devTools.events();
        }
    }

    /** The notifications the page's service worker registration shows, as title|body|tag|actions, or null. */
    private static Object notificationsShown(org.openqa.selenium.WebDriver driver) {
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "navigator.serviceWorker.ready.then(function (r) { return r.getNotifications(); })"
                        + ".then(function (ns) { done(ns.map(function (n) { return n.title + '|' + n.body + '|'"
                        + " + n.tag + '|' + n.actions.map(function (a) { return a.action; }).join(','); })); });");
        return result instanceof List<?> list && !list.isEmpty() ? list : null;
    }
}
