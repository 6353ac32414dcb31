package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.component;
import static io.tocsin.statuspage.StatusPageTestSupport.declare;
import static io.tocsin.statuspage.StatusPageTestSupport.link;
import static io.tocsin.statuspage.StatusPageTestSupport.page;
import static io.tocsin.statuspage.StatusPageTestSupport.service;
import static io.tocsin.statuspage.StatusPageTestSupport.text;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
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
 * Issue 11 "Shown by", "the same in German", in a real browser (R23, R25): a German-speaking communications
 * manager (UI language de) publishes an incident to a German page from the incident page, with the external
 * template's German draft; a German visitor opens the page, subscribes and confirms from the German mail
 * (GreenMail); an external follow-up posted in German through the incident's communication box reaches the
 * visitor by a German mail; the manager resolves the incident and posts the external final message, which
 * resolves the public incident; the German page shows the final message, the component back in operation and
 * today's uptime bar marked by the outage. German texts are asserted at every step. The clock is
 * fast-forwarded, never slept on (the waits are for the page and the after-commit listeners).
 */
class StatusPageGermanBrowserTest extends IntegrationTest {

    @Autowired
    DeliveryWorker worker;

    @Autowired
    DurableTimers timers;

    @Test
    void einVomVorfallVeroeffentlichterVorfallErreichtDenAbonnentenBisZurBehebung() {
        // A fresh UTC day, whatever earlier tests did to the shared clock; 09:00 UTC is 10:00 in Berlin.
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        clock.setTo(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
        var admin = admin();
        String slug = unique("deutsch");
        String pageId = page(admin, slug, Map.of("timeZone", "Europe/Berlin", "language", "de")).get("id").asString();
        String pageName = "Acme " + slug;
        String serviceId = service(admin, "zahlungen");
        String componentId = component(admin, pageId, "Zahlungen", null, List.of(serviceId)).get("id").asString();
        var manager = createUser(Role.RESPONDER, "Greta Kommunikation");
        identity.updateProfile(manager.id(), new Identity.UserProfile(manager.name(), manager.email(),
                "Europe/Berlin", "de", null));
        var today = By.cssSelector("[data-component='Zahlungen'] .uptime-bars[data-start='" + day.minusDays(89)
                + "'] > li:last-child");
        var uptimeText = By.cssSelector("[data-component='Zahlungen'] .uptime-text");
        var payments = By.cssSelector("[data-component='Zahlungen']");
        String address = unique("besucherin") + "@example.com";
        String title = "Kartenzahlungen schlagen fehl";

        try (var browser = new Browser(baseUrl(), "de"); var visitor = new Browser(baseUrl(), "de")) {
            visitor.open("/status/" + slug);
            visitor.waitForText(By.id("overall"), "Alle Systeme funktionieren");
            assertThat(visitor.find(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
            String barBefore = StatusPageBrowserTest.bar(visitor, today).getAttribute("title");
            assertThat(StatusPageBrowserTest.bar(visitor, today).getAttribute("class")).isEqualTo("o");
            assertThat(barBefore).contains("100,00 %");
            assertThat(visitor.find(uptimeText).getAttribute("textContent")).contains("100,00 %");

            // The German manager publishes from the incident page, starting from the German external draft.
            String key = declare(admin, serviceId, "Kartenzahlungen scheitern");
            browser.login(manager.email(), "password-of-" + manager.name().length() + "-chars");
            browser.open("/incidents/" + key);
            assertThat(browser.text(By.cssSelector("#status-page-panel .card-title"))).isEqualTo("Statusseiten");
            var publish = By.cssSelector("#status-page-panel [data-publish='" + slug + "']");
            assertThat(browser.text(publish)).isEqualTo("Auf " + pageName + " veröffentlichen");
            browser.click(publish);
            browser.waitFor(d -> d.findElement(By.id("publish-body")).getAttribute("value")
                    .contains("Wir untersuchen derzeit Probleme bei"));
            assertThat(browser.find(By.id("publish-name")).getAttribute("value")).startsWith("Störung bei");
            assertThat(browser.text(By.tagName("h1"))).isEqualTo("Auf " + pageName + " veröffentlichen");
            assertThat(browser.text(By.id("publish-button"))).isEqualTo("Veröffentlichen");
            assertThat(browser.text(By.id("preview-button"))).isEqualTo("Vorschau");
            browser.type(By.id("publish-name"), title);
            browser.type(By.id("publish-body"), "Einige Kartenzahlungen werden abgelehnt; wir gehen dem nach.");
            var status = new Select(browser.find(By.id("publish-status")));
            status.selectByValue("INVESTIGATING");
            assertThat(status.getFirstSelectedOption().getText()).isEqualTo("Wird untersucht");
            var affect = new Select(browser.find(By.id("affect-" + componentId)));
            affect.selectByValue("MAJOR_OUTAGE");
            assertThat(affect.getFirstSelectedOption().getText()).isEqualTo("Schwerer Ausfall");
            browser.click(By.id("publish-button"));
            browser.waitForText(By.cssSelector("#status-page-panel [data-published]"), title);
            assertThat(browser.text(By.cssSelector("#status-page-panel [data-published] .badge")))
                    .isEqualTo("Wird untersucht");

            // The German visitor sees it, subscribes and confirms from the German mail.
            StatusPageBrowserTest.reload(visitor, slug);
            visitor.waitForText(By.id("main"), title);
            assertThat(visitor.find(payments).getAttribute("data-status")).isEqualTo("major_outage");
            assertThat(visitor.text(payments)).contains("Schwerer Ausfall");
            assertThat(visitor.text(By.id("main"))).contains("Wird untersucht",
                    "Einige Kartenzahlungen werden abgelehnt; wir gehen dem nach.");
            var confirmation = subscribe(visitor, address);
            assertThat(TestMailServer.subject(confirmation)).isEqualTo("Bestätigen Sie Ihr Abonnement von " + pageName);
            assertThat(text(confirmation)).contains("Bitte bestätigen Sie, dass Sie E-Mail-Updates der Statusseite");
            visitor.open(StatusPageBrowserTest.pathOf(link(confirmation, "/subscriptions/confirm?token=")));
            visitor.waitForText(By.id("subscription-message"), "Ihr Abonnement ist bestätigt.");

            // An external follow-up in German from the incident's communication box reaches the subscriber.
            clock.advance(Duration.ofMinutes(20));
            String followUp = "Ein fehlerhaftes Release des Kartengateways; wir nehmen es zurück.";
            browser.open("/incidents/" + key);
            postUpdate(browser, "EXTERNAL/FOLLOW_UP", followUp);
            await().atMost(Duration.ofSeconds(20)).until(() -> updates(slug) == 2);
            timers.runDue();
            worker.deliverDue();
            var followUpMail = StatusPageBrowserTest.mailContaining(address, followUp);
            assertThat(followUpMail).hasSize(1);
            assertThat(TestMailServer.subject(followUpMail.getFirst()))
                    .isEqualTo("[" + pageName + "] Wird untersucht: " + title);
            assertThat(text(followUpMail.getFirst())).contains("Statusseite: ", "Abbestellen: ");

            // The manager resolves the incident and posts the external final message: the public incident is
            // resolved, the component operational again, and the subscriber gets the final message in German.
            clock.advance(Duration.ofMinutes(40));
            browser.open("/incidents/" + key);
            browser.click(By.id("take-incident"));
            browser.waitFor(d -> d.findElements(By.id("take-incident")).isEmpty());
            browser.click(By.id("resolve-incident"));
            browser.waitForText(By.cssSelector("#status-page-panel"), "Behoben: Abschlussmeldung veröffentlichen.");
            String fin = "Kartenzahlungen gehen wieder durch.";
            postUpdate(browser, "EXTERNAL/FINAL", fin);
            await().atMost(Duration.ofSeconds(20)).until(() -> updates(slug) == 3);
            browser.open("/incidents/" + key);
            assertThat(browser.text(By.cssSelector("#status-page-panel [data-published] .badge"))).isEqualTo("Behoben");
            timers.runDue();
            worker.deliverDue();
            var finalMail = StatusPageBrowserTest.mailContaining(address, fin);
            assertThat(finalMail).hasSize(1);
            assertThat(TestMailServer.subject(finalMail.getFirst())).isEqualTo("[" + pageName + "] Behoben: " + title);
            assertThat(text(finalMail.getFirst())).contains("Der Service ist wiederhergestellt");

            StatusPageBrowserTest.reload(visitor, slug);
            visitor.waitForText(By.id("overall"), "Alle Systeme funktionieren");
            assertThat(visitor.text(By.id("history"))).contains("Frühere Vorfälle", title, "Behoben", fin, followUp);
            assertThat(visitor.find(payments).getAttribute("data-status")).isEqualTo("operational");
            assertThat(visitor.text(payments)).contains("In Betrieb");
            assertThat(StatusPageBrowserTest.bar(visitor, today).getAttribute("class")).isEqualTo("m");
            String barAfter = StatusPageBrowserTest.bar(visitor, today).getAttribute("title");
            assertThat(barAfter).isNotEqualTo(barBefore).contains(",").doesNotContain("100").endsWith(" %");
            assertThat(visitor.find(uptimeText).getAttribute("textContent")).contains("Tage mit Störungen:",
                    "Schwerer Ausfall");
            visitor.screenshot("status-page-de-resolved");
            // Every publication and update is on the incident's timeline, in the manager's German.
            browser.open("/incidents/" + key);
            assertThat(browser.text(By.id("timeline"))).contains(
                    "Auf Statusseite " + pageName + " veröffentlicht: " + title + " (Wird untersucht)",
                    "Statusseite " + pageName + " aktualisiert: " + title + " (Behoben)");
            assertThat(visitor.cspViolations()).isEmpty();
            assertThat(browser.cspViolations()).isEmpty();
        }
    }

    /** Posts an external update in German through the incident page's communication box. */
    private static void postUpdate(Browser browser, String template, String summary) {
        new Select(browser.find(By.id("update-template"))).selectByValue(template);
        new Select(browser.find(By.id("update-language"))).selectByValue("de");
        browser.type(By.id("update-summary"), summary);
        browser.click(By.id("update-acknowledge"));
        browser.click(By.id("update-confirm-nobody"));
        assertThat(browser.text(By.id("update-send"))).isEqualTo("Mitteilung senden");
        browser.click(By.id("update-send"));
        browser.waitForText(By.id("update-list"), summary);
    }

    private int updates(String slug) {
        var incidents = anonymous().get("/status/" + slug + "/api/v2/incidents.json").expect(200).json()
                .get("incidents");
        return incidents.isEmpty() ? 0 : incidents.get(0).get("incident_updates").size();
    }

    private MimeMessage subscribe(Browser visitor, String address) {
        assertThat(visitor.text(By.id("subscribe-button"))).isEqualTo("Abonnieren");
        visitor.type(By.id("subscribe-email"), address);
        visitor.click(By.id("subscribe-button"));
        visitor.waitForText(By.id("subscription-message"), "ist eine E-Mail mit einem Bestätigungslink unterwegs");
        timers.runDue();
        worker.deliverDue();
        var mails = TestMailServer.mailTo(address);
        assertThat(mails).hasSize(1);
        return mails.getFirst();
    }
}
