package io.tocsin.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 16 (R30) in a real browser, in German: an administrator opens the SLA page from the "More" menu, creates a
 * policy for a service in the editor, and pauses a matching incident's clocks with the control on its page; no
 * page violates the content security policy.
 */
class SlaBrowserTest extends SlaTestSupport {

    @Test
    void anAdministratorCreatesAPolicyAndPausesAnIncidentsClocksInGermanR30() {
        String serviceId = service();
        String serviceName = admin().get("/api/v1/services/" + serviceId).expect(200).json().get("name").asString();
        String name = "Browser SLA " + System.nanoTime();
        try (var browser = new Browser(baseUrl(), "de")) {
            browser.login(ADMIN_EMAIL, ADMIN_PASSWORD);
            browser.open("/?lang=de");
            browser.click(By.id("nav-more"));
            browser.click(By.linkText("SLAs"));
            assertThat(browser.text(By.cssSelector("h1.page-title"))).isEqualTo("SLAs");
            browser.type(By.id("sla-name"), name);
            new Select(browser.find(By.id("sla-priority"))).selectByVisibleText("P2");
            new Select(browser.find(By.id("sla-scope"))).selectByVisibleText(serviceName);
            browser.type(By.id("sla-ack"), "30");
            browser.type(By.id("sla-resolve"), "480");
            browser.click(By.id("sla-save"));
            browser.waitForText(By.cssSelector("tr[data-policy='" + name + "']"), "30 min");
            assertThat(browser.text(By.cssSelector("tr[data-policy='" + name + "']"))).contains(serviceName)
                    .contains("8 h 0 min").contains("24x7").contains("Incident-Manager in Bereitschaft");
            assertThat(browser.cspViolations()).isEmpty();

            String key = declare(admin(), serviceId, "HIGH", "MEDIUM");
            browser.open("/incidents/" + key);
            assertThat(browser.text(By.id("sla-panel"))).contains("SLA").contains("Übernehmen").contains("läuft");
            new Select(browser.find(By.id("sla-waiting-on"))).selectByVisibleText("einen Lieferanten");
            browser.type(By.id("sla-reason"), "Der Carrier prüft die Leitung");
            browser.click(By.id("sla-pause"));
            browser.waitForText(By.id("sla-panel"), "Angehalten seit");
            assertThat(browser.text(By.id("sla-panel"))).contains("Warten auf einen Lieferanten (Der Carrier prüft die Leitung)");
            browser.find(By.id("sla-resume"));
            browser.screenshot("sla-incident-paused");
            assertThat(browser.cspViolations()).isEmpty();
        }
        assertThat(sla(declaredKeyOf(serviceId)).get("paused").asBoolean()).isTrue();
    }

    private String declaredKeyOf(String serviceId) {
        return admin().get("/api/v1/incidents?serviceId=" + serviceId).expect(200).json().get("items").get(0).get("key")
                .asString();
    }
}
