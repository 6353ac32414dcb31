package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.support.Browser;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * An incident manager in a real browser (R16, R17, R22, R23): assigns a technical lead and a communications
 * manager in the roles panel, checks an internal update from a template against the checklist, sends it, and
 * finds it with the key on the internal status page, where a stakeholder sees it too.
 */
class IncidentCommsBrowserTest extends IntegrationTest {

    @Test
    void assignRolesPostAnInternalUpdateFromATemplateAndSeeItOnTheInternalStatusPage() {
        var manager = createUser(Role.RESPONDER, "Mia Manager");
        var lead = createUser(Role.RESPONDER, "Leo Lead " + System.nanoTime());
        var stakeholder = createUser(Role.STAKEHOLDER, "Sue Stakeholder");
        String serviceName = "storage-" + System.nanoTime();
        String serviceId = admin().post("/api/v1/services", Map.of("name", serviceName)).expect(201).json().get("id").asString();
        var api = new io.tocsin.support.Api(baseUrl(), tokenFor(manager.id()));
        String key = api.post("/api/v1/incidents", Map.of("summary", "Uploads fail", "severity", 2, "serviceId", serviceId))
                .expect(201).json().get("key").asString();

        // A major incident's update also goes to the organisation-wide stakeholder lists; other tests in this shared
        // database leave some (the bad-input suite creates them), and this one needs an update that reaches nobody.
        for (var list : admin().get("/api/v1/stakeholder-lists").expect(200).json()) {
            if (list.get("serviceId") == null || list.get("serviceId").isNull()) {
                admin().delete("/api/v1/stakeholder-lists/" + list.get("id").asString()).expect(204);
            }
        }

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(manager.email(), "password-of-" + "Mia Manager".length() + "-chars");
            browser.open("/incidents/" + key);
            browser.click(By.id("take-incident"));
            browser.waitForText(By.id("incident-manager"), "Mia Manager");

            browser.open("/incidents/" + key);
            new Select(browser.find(By.id("role-assign-role"))).selectByValue("technical-lead");
            new Select(browser.find(By.id("role-assign-user"))).selectByVisibleText(lead.name());
            browser.click(By.id("role-assign-submit"));
            browser.waitForText(By.cssSelector("#roles [data-role='technical-lead']"), lead.name());
            new Select(browser.find(By.id("role-assign-role"))).selectByValue("communications-manager");
            new Select(browser.find(By.id("role-assign-user"))).selectByVisibleText("Mia Manager");
            browser.click(By.id("role-assign-submit"));
            browser.waitForText(By.cssSelector("#roles [data-role='communications-manager']"), "Mia Manager");
            assertThat(browser.text(By.id("channel-room"))).isEqualTo(key.toLowerCase());
            assertThat(browser.find(By.id("channel-topic")).getAttribute("value")).contains("Technical lead: " + lead.name());

            new Select(browser.find(By.id("update-template"))).selectByValue("INTERNAL/FOLLOW_UP");
            browser.type(By.id("update-summary"), "Uploads fail for large files since 09:10.");
            browser.type(By.id("update-impact"), "customers cannot upload files over 10 MB");
            browser.type(By.id("update-status"), "Errors on the storage gateway\nRollback prepared");
            browser.type(By.id("update-next-steps"), "Roll back the gateway\nWatch upload errors");
            browser.click(By.id("update-check"));
            browser.waitForText(By.id("update-check-result"), "How many internal and external customers are affected?");
            assertThat(browser.text(By.id("update-check-result"))).contains("[" + key + "] Update on the incident in " + serviceName)
                    .contains("Root cause: not known yet");

            browser.type(By.id("update-affected"), "about 40 customers");
            browser.type(By.id("update-cause"), "not known yet");
            browser.type(By.id("update-recovery"), "by 11:00");
            browser.click(By.id("update-check"));
            browser.waitForText(By.id("update-recipients"), "Mailed to nobody");
            // Issue 13: an update mailed to nobody asks first, and the form keeps what was typed.
            browser.click(By.id("update-send"));
            browser.waitForText(By.cssSelector(".alert-danger"), "This update would be mailed to nobody");
            assertThat(browser.find(By.id("update-summary")).getAttribute("value"))
                    .isEqualTo("Uploads fail for large files since 09:10.");
            assertThat(browser.find(By.id("update-recovery")).getAttribute("value")).isEqualTo("by 11:00");
            browser.click(By.id("update-confirm-nobody"));
            browser.click(By.id("update-send"));
            browser.waitForText(By.id("update-list"), "[" + key + "] Update on the incident in " + serviceName);
            browser.screenshot("incident-comms");

            // The status document: summary, roles with people, links, the latest update (R17).
            browser.click(By.id("channel-document"));
            browser.waitForText(By.id("status-document"), "Uploads fail for large files since 09:10.");
            assertThat(browser.text(By.id("status-document"))).contains("Uploads fail").contains("Technical lead")
                    .contains(lead.name()).contains(key.toLowerCase()).contains("Root cause: not known yet");
        }

        try (var browser = new Browser(baseUrl(), "en")) {
            browser.login(stakeholder.email(), "password-of-" + "Sue Stakeholder".length() + "-chars");
            browser.click(By.id("nav-more")); // the top bar's "More" menu
            browser.click(By.linkText("Internal status"));
            var row = By.cssSelector("#internal-status [data-key='" + key + "']");
            browser.waitForText(row, "Uploads fail for large files since 09:10.");
            assertThat(browser.text(row)).contains(serviceName).contains(key.toLowerCase()).contains("Fixing")
                    .contains("[" + key + "] Update on the incident in " + serviceName);
            browser.screenshot("internal-status");
        }
    }
}
