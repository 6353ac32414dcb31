package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * A responder in a real browser: logs in, declares an incident, takes it as incident manager, adds a timeline
 * entry, resolves it and sees TTR (R15, R19, R26). Meanwhile a colleague's change arrives live (SSE).
 */
class IncidentResponseBrowserTest extends IntegrationTest {

    @Test
    void declareTakeRecordResolveAndSeeTimeToRecover() {
        var user = createUser(Role.RESPONDER, "Bea Browser");
        String password = "password-of-" + "Bea Browser".length() + "-chars";
        String serviceName = "payments-" + System.nanoTime();
        admin().post("/api/v1/services", Map.of("name", serviceName)).expect(201);

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(user.email(), password);
            browser.click(By.id("declare-button"));
            browser.type(By.id("summary"), "Card payments fail with 502");
            browser.type(By.id("description"), "Customers see 'payment failed'. Call Bea: +49 30 555");
            browser.click(By.id("severity-2"));
            new Select(browser.find(By.id("serviceId"))).selectByVisibleText(serviceName);
            browser.click(By.id("declare-submit"));

            browser.waitFor(d -> d.getCurrentUrl().matches(".*/incidents/INC-\\d+$") ? true : null);
            String key = browser.url().replaceAll(".*/incidents/", "");
            assertThat(browser.text(By.id("incident-summary"))).isEqualTo("Card payments fail with 502");
            assertThat(browser.text(By.cssSelector("#incident-header [data-status]"))).isEqualTo("New");

            clock.advance(Duration.ofMinutes(2));
            browser.click(By.id("take-incident"));
            browser.waitForText(By.id("incident-manager"), "Bea Browser");
            assertThat(browser.text(By.cssSelector("#incident-header [data-status]"))).isEqualTo("Fixing");

            browser.type(By.id("entry-body"), "502s come from the payment gateway's load balancer");
            browser.click(By.id("add-entry"));
            browser.waitForText(By.id("timeline"), "502s come from the payment gateway's load balancer");

            // A colleague adds an entry through the API; the open page shows it without a reload.
            admin().post("/api/v1/incidents/" + key + "/timeline", Map.of("kind", "DECISION",
                    "body", "Fail over to the second gateway")).expect(201);
            browser.waitForText(By.id("timeline"), "Fail over to the second gateway");

            clock.advance(Duration.ofMinutes(40));
            browser.click(By.id("resolve-incident"));
            browser.waitForText(By.cssSelector("#incident-header [data-status]"), "Resolved");
            assertThat(browser.text(By.id("ttr"))).as("from the declaration: the start was not given").isEqualTo("42 min");
            assertThat(browser.text(By.id("ttd"))).as("issue 13: no TTD without a known start").isEqualTo("unknown");
            browser.screenshot("incident-resolved");
        }
    }
}
