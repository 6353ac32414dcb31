package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.declare;
import static io.tocsin.statuspage.StatusPageTestSupport.link;
import static io.tocsin.statuspage.StatusPageTestSupport.page;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.text;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.tocsin.notify.internal.DeliveryWorker;
import io.tocsin.shared.DurableTimers;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import io.tocsin.support.TestMailServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 11 "Shown by" in a real browser (R23): a communications manager publishes an incident to a public page
 * from the incident; an anonymous visitor opens the page, subscribes by e-mail and confirms from the mail
 * (GreenMail); a follow-up reaches the visitor by mail; after the resolution the visitor sees the final message,
 * the component operational again and today's uptime bar marked by the outage; then the same view in German
 * through the page's language switch, where a German visitor's refused address, subscription answer, confirmation
 * mail and confirmation page are German (issue 11 point 1). The whole flow in German, from a German manager's
 * publication to the German final message: StatusPageGermanBrowserTest. The clock is fast-forwarded, never slept on.
 */
class StatusPageBrowserTest extends IntegrationTest {

    @Autowired
    TestMailServer mail;

    @Autowired
    DeliveryWorker worker;


    @Autowired

    DurableTimers timers;

    @Test
    void anIncidentPublishedFromTheIncidentReachesAnAnonymousSubscriberUntilItIsResolved() {
        // Start on a fresh UTC day, whatever earlier tests did to the shared clock, so "today" has one bar.
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        clock.setTo(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
        var admin = admin();
        String slug = unique("browser");
        String pageId = page(admin, slug, Map.of("timeZone", "UTC", "language", "en", "visibility", "PUBLIC")).get("id").asString();
        String serviceId = service(admin, "payments");
        String componentId = component(admin, pageId, "Payments", null, List.of(serviceId)).get("id").asString();
        // The bars are compact (issue 11 speed): the last of the 90 is today, its class the day's worst state.
        var today = By.cssSelector("[data-component='Payments'] .uptime-bars[data-start='" + day.minusDays(89)
                + "'] > li:last-child");
        var uptimeText = By.cssSelector("[data-component='Payments'] .uptime-text");
        var payments = By.cssSelector("[data-component='Payments']");
        String address = unique("visitor") + "@example.com";

        try (var manager = new Browser(baseUrl(), "en"); var visitor = new Browser(baseUrl(), "en")) {
            visitor.open("/status/" + slug);
            visitor.waitForText(By.id("overall"), "All systems operational");
            String barBefore = bar(visitor, today).getAttribute("title");
            assertThat(bar(visitor, today).getAttribute("class")).isEqualTo("o");
            assertThat(barBefore).contains("100.00 %");
            assertThat(visitor.find(uptimeText).getAttribute("textContent")).contains("100.00 %",
                    "No disruptions on any day.");

            String key = declare(admin, serviceId, "Card payments fail");
            // The manager publishes from the incident, with the external template's draft.
            manager.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            manager.open("/incidents/" + key);
            manager.click(By.cssSelector("#status-page-panel [data-publish='" + slug + "']"));
            manager.waitFor(d -> d.findElement(By.id("publish-body")).getAttribute("value")
                    .contains("We are investigating issues with"));
            manager.type(By.id("publish-name"), "Card payments are failing");
            manager.type(By.id("publish-body"), "Some card payments are declined; we are looking into it.");
            new Select(manager.find(By.id("publish-status"))).selectByValue("INVESTIGATING");
            new Select(manager.find(By.id("affect-" + componentId))).selectByValue("MAJOR_OUTAGE");
            manager.click(By.id("publish-button"));
            manager.waitForText(By.cssSelector("#status-page-panel [data-published]"), "Card payments are failing");

            // The anonymous visitor sees it and subscribes.
            reload(visitor, slug);
            visitor.waitForText(By.id("main"), "Card payments are failing");
            assertThat(visitor.find(payments).getAttribute("data-status")).isEqualTo("major_outage");
            assertThat(visitor.text(payments)).contains("Major outage");
            var confirmation = subscribe(visitor, address, "a mail with a confirmation link is on its way");
            visitor.open(pathOf(link(confirmation, "/subscriptions/confirm?token=")));
            visitor.waitForText(By.id("subscription-message"), "Your subscription is confirmed");

            // A follow-up from the page's admin view reaches the subscriber by mail.
            clock.advance(Duration.ofMinutes(20));
            String publicId = admin.get("/api/v1/status-pages/" + pageId + "/incidents").expect(200).json().get(0)
                    .get("id").asString();
            manager.open("/status-pages/" + pageId);
            manager.type(By.id("update-body-" + publicId), "A faulty card gateway release; rolling back.");
            new Select(manager.find(By.id("update-status-" + publicId))).selectByValue("IDENTIFIED");
            manager.click(By.id("post-update-" + publicId));
            manager.waitForText(By.id("public-incidents"), "A faulty card gateway release; rolling back.");
            timers.runDue();
            worker.deliverDue();
            assertThat(mailContaining(address, "rolling back")).hasSize(1);

            // Resolved: the final message reaches the subscriber, the component is operational again.
            clock.advance(Duration.ofMinutes(40));
            manager.open("/status-pages/" + pageId);
            manager.type(By.id("update-body-" + publicId), "Card payments go through again.");
            new Select(manager.find(By.id("update-status-" + publicId))).selectByValue("RESOLVED");
            manager.click(By.id("post-update-" + publicId));
            manager.waitForText(By.id("public-incidents"), "Card payments go through again.");
            timers.runDue();
            worker.deliverDue();
            assertThat(mailContaining(address, "Card payments go through again.")).hasSize(1);

            reload(visitor, slug);
            visitor.waitForText(By.id("overall"), "All systems operational");
            assertThat(visitor.text(By.id("history"))).contains("Card payments are failing", "Resolved",
                    "Card payments go through again.", "rolling back");
            assertThat(visitor.find(payments).getAttribute("data-status")).isEqualTo("operational");
            assertThat(visitor.text(payments)).contains("Operational");
            assertThat(bar(visitor, today).getAttribute("class")).isEqualTo("m");
            String barAfter = bar(visitor, today).getAttribute("title");
            assertThat(barAfter).isNotEqualTo(barBefore).doesNotContain("100").endsWith(" %");
            assertThat(visitor.find(uptimeText).getAttribute("textContent")).contains("Days with disruptions:",
                    "Major outage");
            visitor.screenshot("status-page-resolved");

            // The same view in German through the page's language switch.
            visitor.click(By.id("lang-de"));
            visitor.waitForText(By.id("overall"), "Alle Systeme funktionieren");
            assertThat(visitor.find(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            assertThat(visitor.text(By.id("history"))).contains("Frühere Vorfälle", "Behoben",
                    "Card payments go through again.");
            assertThat(visitor.text(payments)).contains("In Betrieb");
            assertThat(bar(visitor, today).getAttribute("class")).isEqualTo("m");
            assertThat(bar(visitor, today).getAttribute("title")).contains(",").doesNotContain("100");
            assertThat(visitor.find(uptimeText).getAttribute("textContent")).contains("Tage mit Störungen:",
                    "Schwerer Ausfall");
            assertThat(visitor.text(By.id("subscribe-button"))).isEqualTo("Abonnieren");
            visitor.screenshot("status-page-de");

            // A German visitor subscribes: a refused address, the answer, the mail and the confirmation in German.
            String german = unique("besucher") + "@example.com";
            visitor.type(By.id("subscribe-email"), "jemand@intranet"); // a browser takes it; Tocsin cannot write to it
            visitor.click(By.id("subscribe-button"));
            visitor.waitForText(By.id("subscription-message"), "An diese E-Mail-Adresse können wir nicht schreiben.");
            visitor.click(By.linkText("Zurück zur Statusseite"));
            visitor.waitForText(By.id("overall"), "Alle Systeme funktionieren");
            var bestaetigung = subscribe(visitor, german, "ist eine E-Mail mit einem Bestätigungslink unterwegs");
            assertThat(TestMailServer.subject(bestaetigung)).startsWith("Bestätigen Sie Ihr Abonnement");
            visitor.open(pathOf(link(bestaetigung, "/subscriptions/confirm?token=")));
            visitor.waitForText(By.id("subscription-message"), "Ihr Abonnement ist bestätigt.");
            assertThat(visitor.cspViolations()).isEmpty();
        }
    }

    /**
     * Today's bar: a coloured strip, present in the page whether or not the layout gives it a visible size, once
     * statuspage.js has given it its hover title.
     */
    static org.openqa.selenium.WebElement bar(Browser browser, By day) {
        return browser.waitFor(d -> d.findElements(day).stream()
                .filter(e -> e.getAttribute("title") != null && !e.getAttribute("title").isEmpty()).findFirst()
                .orElse(null));
    }

    /**
     * The page is served with {@code max-age=10}, so a visitor coming back within seconds gets the browser's copy;
     * the visitor reloads, as a person would, which revalidates with the server.
     */
    static void reload(Browser browser, String slug) {
        browser.open("/status/" + slug);
        browser.driver().navigate().refresh();
    }

    /** Subscribes on the open page, waits for the form's answer and returns the one confirmation mail. */
    private MimeMessage subscribe(Browser visitor, String address, String answer) {
        visitor.type(By.id("subscribe-email"), address);
        visitor.click(By.id("subscribe-button"));
        visitor.waitForText(By.id("subscription-message"), answer);
        timers.runDue();
        worker.deliverDue();
        var mails = TestMailServer.mailTo(address);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }

    static List<MimeMessage> mailContaining(String address, String text) {
        return TestMailServer.mailTo(address).stream().filter(m -> text(m).contains(text)).toList();
    }

    static String pathOf(String url) {
        var uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }
}
