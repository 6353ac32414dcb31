package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Alerts in a real browser (R4): a responder finds an alert from the menu by search, opens it, sees its history,
 * acknowledges it, then opens an incident from it.
 */
class AlertsBrowserTest extends AlertTestSupport {

    @Test
    void findAcknowledgeAndPromoteAnAlert() {
        var src = newSource("PAGERDUTY");
        String marker = "Replica lag " + System.nanoTime();
        anonymous().post("/v2/enqueue", Map.of("routing_key", src.key(), "event_action", "trigger", "dedup_key", "lag",
                "payload", Map.of("summary", marker, "source", "db-2", "severity", "warning"))).expect(202);
        anonymous().post("/v2/enqueue", Map.of("routing_key", src.key(), "event_action", "trigger", "dedup_key", "lag",
                "payload", Map.of("summary", marker, "source", "db-2", "severity", "warning"))).expect(202);
        var user = createUser(Role.RESPONDER, "Abe Alerter");

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(user.email(), "password-of-" + "Abe Alerter".length() + "-chars");
            browser.click(By.linkText("Alerts"));
            browser.type(By.id("alert-search"), marker);
            browser.click(By.id("alert-filter-apply"));
            browser.waitForText(By.id("alert-list"), marker);
            browser.click(By.linkText(marker));

            assertThat(browser.text(By.id("alert-summary"))).isEqualTo(marker);
            assertThat(browser.text(By.id("alert-count"))).isEqualTo("2");
            assertThat(browser.text(By.id("alert-history"))).contains("Triggered", "Kept as an alert");
            assertThat(browser.text(By.cssSelector("#alert-header [data-status]"))).isEqualTo("Triggered");

            browser.click(By.id("acknowledge-alert"));
            // The page reloads after the post: wait until the button is gone, then read the new page.
            browser.waitFor(d -> d.findElements(By.id("acknowledge-alert")).isEmpty() ? true : null);
            assertThat(browser.text(By.cssSelector("#alert-header [data-status]"))).isEqualTo("Acknowledged");
            assertThat(browser.text(By.id("alert-history"))).contains("Abe Alerter");

            browser.click(By.id("promote-alert"));
            browser.waitFor(d -> d.getCurrentUrl().matches(".*/incidents/INC-\\d+$") ? true : null);
            assertThat(browser.text(By.id("incident-summary"))).isEqualTo(marker);
            browser.screenshot("alert-promoted");
        }
    }

    @Test
    void anAlertDeduplicatedPerServiceShowsEachIntegrationThatReportedIt() {
        var webhook = newSource("ALERTMANAGER");
        var pagerduty = addSource(webhook.serviceId(), "PAGERDUTY", null, null);
        var rule = new java.util.HashMap<String, Object>(Map.of("openOnCritical", true, "criticalIncidentSeverity", 2,
                "thresholdCount", 0, "thresholdMinutes", 10, "thresholdIncidentSeverity", 3,
                "attachToOpenIncident", true, "resolveIncidentWithAlerts", false));
        rule.put("dedupScope", "SERVICE");
        admin().put("/api/v1/services/" + webhook.serviceId() + "/alert-rules", rule).expect(200);
        anonymous().send("POST", "/integrations/alertmanager?key=" + webhook.key(), fixture("webhook-firing.json"),
                "application/json").expect(200);
        anonymous().send("POST", "/v2/enqueue", fixture("pagerduty-trigger.json")
                .replace("0123456789abcdef0123456789abcdef", pagerduty.key()), "application/json").expect(202);
        anonymous().send("POST", "/v2/enqueue", fixture("pagerduty-trigger.json")
                .replace("0123456789abcdef0123456789abcdef", pagerduty.key()), "application/json").expect(202);
        String alertId = alerts(webhook.serviceId()).get(0).get("id").asString();
        var user = createUser(Role.RESPONDER, "Sam Sources");

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(user.email(), "password-of-" + "Sam Sources".length() + "-chars");
            browser.open("/alerts/" + alertId);
            assertThat(browser.text(By.id("alert-count"))).isEqualTo("3");
            assertThat(browser.text(By.tagName("main"))).contains("Reported by");
            var rows = browser.driver().findElements(By.cssSelector("#alert-sources tbody tr"));
            assertThat(rows).hasSize(2);
            var first = rows.get(0).findElements(By.tagName("td"));
            var second = rows.get(1).findElements(By.tagName("td"));
            assertThat(first.get(0).getText()).startsWith("alertmanager ");
            assertThat(first.get(1).getText()).isEqualTo("1");
            assertThat(second.get(0).getText()).startsWith("pagerduty ");
            assertThat(second.get(1).getText()).isEqualTo("2");
            browser.screenshot("alert-two-sources");
        }
    }
}
