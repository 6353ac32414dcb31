package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The public page's webhook subscription (issue 11 point 6) in headless Chromium under the page's CSP: a visitor
 * opens "Webhook" beside the e-mail form, gets the endpoint's field message for a refused URL, registers an
 * endpoint for one component and sees the signing secret once with the hint to copy it; in German, the texts, the
 * refused fields' messages (not https, not an address, a private target) and the throttling message (429) are German
 * (issue 11 point 1: every visitor-facing text in English and German; R22, R23).
 */
class StatusPageWebhookBrowserTest extends IntegrationTest {

    @Autowired
    WebhookSettings settings;

    @AfterEach
    void restore() {
        settings.setAllowHttp(false);
        settings.setAllowPrivateTargets(false);
    }

    // Chromium's WebDriver visibility check misjudges content inside an open <details>; the page hides and shows
    // the messages with Tabler's d-none class, so that class and the laid-out size are what is checked.
    private static void shown(Browser browser, String id) {
        browser.waitFor(d -> Boolean.TRUE.equals(browser.script("var e = document.getElementById(arguments[0]);"
                + " return !e.classList.contains('d-none') && e.getBoundingClientRect().height > 0;", id)) ? true : null);
    }

    private static String content(Browser browser, String id) {
        return ((String) browser.script("return document.getElementById(arguments[0]).textContent;", id)).strip()
                .replaceAll("\\s+", " ");
    }

    /** Fills the German form with a URL and address the page refuses and returns the message it shows. */
    private static String refusedInGerman(Browser browser, String slug, String url, String email) {
        browser.open("/status/" + slug + "?lang=de").click(By.cssSelector("#webhook-subscribe > summary"));
        browser.type(By.id("webhook-url"), url).type(By.id("webhook-email"), email).click(By.id("webhook-button"));
        shown(browser, "webhook-error");
        return content(browser, "webhook-error");
    }

    @Test
    void aVisitorRegistersAWebhookFromThePublicPageInEnglishAndGerman() throws Exception {
        // The subscription path is throttled per address; a minute on gives this test its own allowance.
        clock.advance(Duration.ofMinutes(1));
        var admin = admin();
        String slug = unique("hookui");
        String pageId = StatusPageTestSupport.page(admin, slug, Map.of("language", "en")).get("id").asString();
        String api = component(admin, pageId, "API", null, List.of()).get("id").asString();
        component(admin, pageId, "Web", null, List.of());
        try (var endpoint = new StatuspageWebhookEndpoint(); var browser = new Browser(baseUrl(), "en")) {
            browser.open("/status/" + slug + "?lang=en").click(By.cssSelector("#webhook-subscribe > summary"));
            assertThat(browser.text(By.cssSelector("label[for=webhook-url]"))).isEqualTo("Webhook URL (https)");
            browser.type(By.id("webhook-url"), "http://example.org/hook").type(By.id("webhook-email"), "ops@example.org")
                    .click(By.id("webhook-button"));
            shown(browser, "webhook-error");
            assertThat(content(browser, "webhook-error")).startsWith("Webhook URL (https): ").contains("https");

            settings.setAllowHttp(true);
            settings.setAllowPrivateTargets(true);
            String url = endpoint.newUrl();
            browser.find(By.id("webhook-url")).clear();
            browser.type(By.id("webhook-url"), url);
            browser.click(By.cssSelector("#webhook-form details > summary"));
            browser.click(By.cssSelector("#webhook-form input[name=component][value='" + api + "']"));
            browser.click(By.id("webhook-button"));
            shown(browser, "webhook-done");
            assertThat(browser.find(By.id("webhook-secret")).getAttribute("value")).startsWith("whsec_");
            assertThat(content(browser, "webhook-done")).contains("Copy the secret now", "shown only this once");
            assertThat(browser.script("return document.getElementById('webhook-error').classList.contains('d-none')"))
                    .isEqualTo(true);
            var registered = admin.get("/api/v1/status-pages/" + pageId + "/webhook-subscribers").expect(200).json()
                    .get(0);
            assertThat(registered.get("url").asString()).isEqualTo(url);
            assertThat(registered.get("ownerEmail").asString()).isEqualTo("ops@example.org");
            assertThat(registered.get("language").asString()).isEqualTo("en");
            assertThat(registered.get("components").get(0).asString()).isEqualTo(api);
            assertThat(registered.get("components")).hasSize(1);
            assertThat(browser.cspViolations()).isEmpty();

            // German: the refused fields are told in German, as every other text of the form.
            settings.setAllowHttp(false);
            settings.setAllowPrivateTargets(false);
            assertThat(refusedInGerman(browser, slug, "http://example.org/hook", "kein@adresse")).isEqualTo(
                    "Webhook-URL (https): Die URL muss mit https:// beginnen, damit jede Zustellung verschlüsselt ist."
                    + " · Kontakt-E-Mail, falls Zustellungen scheitern: An diese E-Mail-Adresse können wir nicht"
                    + " schreiben.");
            assertThat(refusedInGerman(browser, slug, "https://127.0.0.1/hook", "ops@example.org")).isEqualTo(
                    "Webhook-URL (https): Diese Adresse zeigt in ein privates, lokales oder reserviertes Netz; nur im"
                    + " öffentlichen Internet erreichbare Endpunkte können eingetragen werden.");
            assertThat(browser.cspViolations()).isEmpty();

            // German, once the browser's address has used up its allowance (the throttle counts per client address,
            // so the browser itself spends it): the 429 is told in German.
            Object spent = browser.script("for (var i = 0; i < 20; i++) { var x = new XMLHttpRequest();"
                    + " x.open('POST', arguments[0], false); x.setRequestHeader('Content-Type', 'application/json');"
                    + " x.send(JSON.stringify({ url: 'ftp://x', email: 'a@example.org' }));"
                    + " if (x.status === 429) { return i; } } return -1;", "/status/" + slug + "/subscriptions/webhooks");
            assertThat(((Number) spent).intValue()).isNotNegative();
            browser.open("/status/" + slug + "?lang=de").click(By.cssSelector("#webhook-subscribe > summary"));
            assertThat(browser.text(By.cssSelector("label[for=webhook-email]")))
                    .isEqualTo("Kontakt-E-Mail, falls Zustellungen scheitern");
            browser.type(By.id("webhook-url"), endpoint.newUrl()).type(By.id("webhook-email"), "ops@example.org")
                    .click(By.id("webhook-button"));
            shown(browser, "webhook-error");
            assertThat(content(browser, "webhook-error")).isEqualTo(
                    "Zu viele Versuche von Ihrer Adresse. Bitte versuchen Sie es in einer Minute erneut.");
            assertThat(browser.find(By.id("webhook-button")).getText()).isEqualTo("Webhook registrieren");
            assertThat(browser.cspViolations()).isEmpty();
        }
    }
}
