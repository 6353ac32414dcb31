package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The embeddable widget (issue 11 point 7) in headless Chromium on somebody else's site: a page on another
 * origin with a strict Content-Security-Policy (no inline script or style, scripts and fetches only from the
 * status page's host) includes {@code widget.js}; it reads status.json across origins (CORS) and shows the
 * indicator as a link to the page, in English and German, and follows a change of the page's state.
 */
class StatusPageWidgetBrowserTest extends IntegrationTest {

    @Test
    void theWidgetShowsTheIndicatorOnAnotherSiteUnderAStrictPolicy() throws Exception {
        var admin = admin();
        String slug = unique("widget");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of()).get("id").asString();
        String api = component(admin, pageId, "API", null, List.of()).get("id").asString();
        String widget = baseUrl() + "/status/" + slug + "/widget.js";

        var site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/", exchange -> {
            boolean german = exchange.getRequestURI().getPath().contains("de");
            byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Shop</title></head><body>"
                    + "<p>Our status: <span id=\"status\" data-tocsin-status></span></p>"
                    + "<script src=\"" + widget + "\"" + (german ? " data-lang=\"de\"" : "") + " async></script>"
                    + "</body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; script-src " + baseUrl()
                    + "; connect-src " + baseUrl());
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        site.start();
        String siteUrl = "http://127.0.0.1:" + site.getAddress().getPort();
        try (var browser = new Browser(siteUrl, "en")) {
            browser.open("/en.html").waitForText(By.cssSelector("#status a.tocsin-status"), "All systems operational");
            assertThat(browser.find(By.cssSelector("#status a")).getAttribute("href")).isEqualTo(baseUrl() + "/status/" + slug);
            assertThat(browser.find(By.cssSelector("#status a")).getAttribute("data-indicator")).isEqualTo("none");

            admin.put("/api/v1/status-pages/" + pageId + "/components/" + api + "/status",
                    Map.of("status", "MAJOR_OUTAGE", "cause", "widget test")).expect(200);
            browser.open("/de.html").waitForText(By.cssSelector("#status a.tocsin-status"), "Schwerer Ausfall");
            assertThat(browser.find(By.cssSelector("#status a")).getAttribute("data-indicator")).isEqualTo("critical");
            assertThat(browser.cspViolations()).isEmpty();
        } finally {
            site.stop(0);
        }
    }
}
